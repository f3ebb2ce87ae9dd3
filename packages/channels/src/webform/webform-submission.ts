import { createHash } from 'node:crypto';
import {
  type CountryCode,
  emailIdentifier,
  normalizeEmail,
  normalizePhone,
  phoneIdentifier,
} from '@hub/customer-identity';
import { HubError } from '@hub/errors';
import type { InteractionDetails } from '@hub/events';
import { interactionId, MAX_TEXT_LENGTH, type NormalizedInteraction, summarise } from '@hub/interactions';
import { submissionKey } from './submission-key.ts';
import type { SubmittedFile, WebFormSubmission } from './webform-body.ts';

/** A declared form: which submitted field holds what, and its honeypot. */
export interface WebFormMapping {
  readonly id: string;
  readonly fields: {
    readonly email?: string;
    readonly phone?: string;
    readonly name?: string;
    readonly message?: string;
  };
  readonly honeypot?: string;
}

export interface SubmissionContext {
  readonly receivedAt: Date;
  readonly region?: CountryCode;
  readonly pageUrl: string | null;
  readonly userAgent: string | null;
  readonly idempotencyKey: string | null;
}

export type MappedSubmission =
  /** The honeypot was filled: a bot. The id is computed all the same, so the answer looks alike. */
  | { readonly kind: 'honeypot'; readonly interactionId: string }
  | {
      readonly kind: 'interaction';
      readonly interaction: NormalizedInteraction;
      readonly files: readonly (SubmittedFile & { sha256: string })[];
    };

const firstValue = (submission: WebFormSubmission, field: string | undefined): string | undefined =>
  field
    ? submission.fields
        .get(field)
        ?.map((v) => v.trim())
        .find(Boolean)
    : undefined;

export type WebFormDetails = Extract<InteractionDetails, { channel: 'webform' }>;
type Attachment = WebFormDetails['attachments'][number];

export function mapWebFormSubmission(
  form: WebFormMapping,
  submission: WebFormSubmission,
  context: SubmissionContext,
): MappedSubmission {
  const { email: emailField, phone: phoneField, name: nameField, message: messageField } = form.fields;
  const rawEmail = firstValue(submission, emailField);
  const rawPhone = firstValue(submission, phoneField);
  const email = rawEmail ? normalizeEmail(rawEmail) : null;
  const phone = rawPhone ? normalizePhone(rawPhone, context.region) : null;
  const files = submission.files.map((f) => ({ ...f, sha256: createHash('sha256').update(f.bytes).digest('hex') }));
  // Normalised contact values in the key: "Sara@X.ir" and "sara@x.ir" are the same submission.
  const keyed = new Map(submission.fields);
  if (emailField && email) keyed.set(emailField, [email]);
  if (phoneField && phone) keyed.set(phoneField, [phone]);
  const key = submissionKey({
    formId: form.id,
    fields: keyed,
    attachmentHashes: files.map((f) => f.sha256),
    receivedAt: context.receivedAt,
    idempotencyKey: context.idempotencyKey,
  });
  const id = interactionId('webform', form.id, key);
  if (form.honeypot && submission.fields.get(form.honeypot)?.some((v) => v.trim() !== '')) {
    return { kind: 'honeypot', interactionId: id };
  }
  if (!email && !phone) throw new HubError('INVALID_INPUT', contactProblem(form, rawEmail, rawPhone));

  const name = firstValue(submission, nameField)?.slice(0, 256) ?? null;
  const message = messageField ? (submission.fields.get(messageField) ?? []).join('\n\n').trim() : '';
  if (message.length > MAX_TEXT_LENGTH) {
    throw new HubError('INVALID_INPUT', `field "${messageField}" is longer than ${MAX_TEXT_LENGTH} characters`);
  }
  // Mapped fields that were used live in contact and text; everything else is kept as typed.
  const used = new Set([email ? emailField : undefined, phone ? phoneField : undefined, nameField, messageField]);
  const fields: Record<string, string | string[]> = {};
  for (const [field, values] of submission.fields) {
    if (used.has(field) || field === form.honeypot) continue;
    fields[field] = values.length === 1 ? (values[0] as string) : [...values];
  }
  const text = (
    message ||
    Object.entries(fields)
      .map(([f, v]) => `${f}: ${[v].flat().join(', ')}`)
      .join('\n')
  ).slice(0, MAX_TEXT_LENGTH);
  const attachments: Attachment[] = files.map((f) => ({
    fileName: f.fileName?.slice(0, 512) ?? null,
    contentType: f.contentType.slice(0, 256),
    sizeBytes: f.bytes.length,
    sha256: f.sha256,
  }));
  const interaction: NormalizedInteraction = {
    id,
    channel: 'webform',
    source: { system: form.id, externalId: key },
    direction: 'inbound',
    occurredAt: context.receivedAt.toISOString(),
    contact: {
      identifiers: [...(email ? [emailIdentifier(email)] : []), ...(phone ? [phoneIdentifier(phone)] : [])],
      displayName: name,
    },
    threadKey: `webform:${form.id}:${key}`,
    summary: summarise(text) || `Web form ${form.id}`,
    text,
    html: null,
    details: {
      channel: 'webform',
      formId: form.id,
      fields,
      attachments,
      pageUrl: context.pageUrl?.slice(0, 2048) ?? null,
      userAgent: context.userAgent?.slice(0, 512) ?? null,
      submissionKey: key,
    },
  };
  return { kind: 'interaction', interaction, files };
}

/** Names the form's contact fields, and says which were filled but unreadable; never echoes values. */
function contactProblem(form: WebFormMapping, rawEmail?: string, rawPhone?: string): string {
  const wanted = [
    form.fields.email ? `an email address (field "${form.fields.email}")` : undefined,
    form.fields.phone ? `a phone number (field "${form.fields.phone}")` : undefined,
  ].filter(Boolean);
  const invalid = [
    rawEmail ? `field "${form.fields.email}" is not a valid email address` : undefined,
    rawPhone ? `field "${form.fields.phone}" is not a valid phone number` : undefined,
  ].filter(Boolean);
  return `form "${form.id}" needs ${wanted.join(' or ')}${invalid.length ? `: ${invalid.join('; ')}` : ''}`;
}
