import type { CountryCode } from '@hub/customer-identity';
import {
  emailIdentifier,
  handleIdentifier,
  normalizeEmail,
  normalizeHandle,
  normalizePhone,
  phoneIdentifier,
} from '@hub/customer-identity';
import { HubError } from '@hub/errors';
import type { CustomerIdentifier, InteractionDetails } from '@hub/events';
import { interactionId, type NormalizedInteraction, summarise } from '@hub/interactions';

type ChatDetails = Extract<InteractionDetails, { channel: 'chat' }>;

/** What the widget knows about the connection a frame came on. */
export interface WidgetVisitor {
  /** Random, kept by the browser in localStorage; the visitor's handle `widget:<visitorId>`. */
  readonly visitorId: string;
  readonly pageUrl: string | null;
  /** The name the visitor gave earlier on this connection, if any. */
  readonly name: string | null;
}

export interface WidgetIdentityClaim {
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  readonly name?: string | undefined;
  /** The website's server vouched for the email and phone (a valid identity hash). */
  readonly verified?: boolean | undefined;
}

/**
 * `<visitorId>:<clientMessageId>`: the browser keeps an unacknowledged message with its id and
 * sends it again after a reconnect, so the resend gets the same interaction id.
 */
export const widgetExternalId = (visitorId: string, clientMessageId: string): string =>
  `${visitorId}:${clientMessageId}`;

export function mapWidgetMessage(
  visitor: WidgetVisitor,
  clientMessageId: string,
  text: string,
  receivedAt: Date,
): NormalizedInteraction {
  return build(visitor, clientMessageId, receivedAt, [], text, summarise(text), null);
}

/**
 * One interaction carrying both the visitor's handle and the identifiers they typed, so identity
 * resolution links them. Throws INVALID_INPUT for an email or phone that is not one.
 */
export function mapWidgetIdentify(
  visitor: WidgetVisitor,
  clientMessageId: string,
  claim: WidgetIdentityClaim,
  receivedAt: Date,
  defaultPhoneRegion?: CountryCode,
): NormalizedInteraction {
  const email = claim.email === undefined ? null : normalizeEmail(claim.email);
  if (claim.email !== undefined && !email) throw new HubError('INVALID_INPUT', 'email is not an email address');
  const phone = claim.phone === undefined ? null : normalizePhone(claim.phone, defaultPhoneRegion);
  if (claim.phone !== undefined && !phone) throw new HubError('INVALID_INPUT', 'phone is not a valid phone number');
  const name = claim.name?.trim() || null;
  if (!email && !phone && !name) throw new HubError('INVALID_INPUT', 'identify needs an email, a phone or a name');
  const extra = [...(email ? [emailIdentifier(email)] : []), ...(phone ? [phoneIdentifier(phone)] : [])];
  const named = { ...visitor, name: name ?? visitor.name };
  const verified = claim.verified === true;
  return build(named, clientMessageId, receivedAt, extra, '', 'Visitor shared contact details', {
    email,
    phone,
    name,
    verified,
  });
}

function build(
  visitor: WidgetVisitor,
  clientMessageId: string,
  receivedAt: Date,
  extraIdentifiers: CustomerIdentifier[],
  text: string,
  summary: string,
  identityClaim: ChatDetails['identityClaim'],
): NormalizedInteraction {
  const externalId = widgetExternalId(visitor.visitorId, clientMessageId);
  // The same normalisation as every other handle (the protocol already admits only safe ids).
  const handle = normalizeHandle('widget', visitor.visitorId);
  if (!handle) throw new HubError('INVALID_INPUT', 'visitorId is not a handle id');
  return {
    id: interactionId('chat', 'widget', externalId),
    channel: 'chat',
    source: { system: 'widget', externalId },
    direction: 'inbound',
    occurredAt: receivedAt.toISOString(),
    // The handle stays primary: it is who is typing; the claimed email or phone is evidence, and
    // only the website's signature makes it more than the visitor's word.
    contact: {
      identifiers: [handleIdentifier(handle), ...extraIdentifiers],
      displayName: visitor.name,
      ...(extraIdentifiers.length > 0 && !identityClaim?.verified ? { unverifiedClaim: true } : {}),
    },
    threadKey: handle,
    summary,
    text,
    html: null,
    details: {
      channel: 'chat',
      platform: 'widget',
      chatId: visitor.visitorId,
      messageId: clientMessageId,
      chatType: null,
      chatTitle: null,
      username: null,
      senderName: visitor.name,
      replyToMessageId: null,
      editOf: null,
      media: [],
      sharedContact: null,
      identityClaim,
      pageUrl: visitor.pageUrl,
    },
  };
}
