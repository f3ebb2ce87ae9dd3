import { readFile } from 'node:fs/promises';
import { HubError } from '@hub/errors';
import { z } from 'zod';
import type { WebFormDefinition } from '../ingest-settings.ts';

const fieldName = z.string().min(1).max(256);

const WebFormEntry = z
  .object({
    // It appears in the public URL `/v1/channels/webform/:formId`.
    id: z.string().regex(/^[A-Za-z0-9][\w-]{0,63}$/, 'letters, digits, "-" and "_", at most 64'),
    fields: z
      .object({ email: fieldName, phone: fieldName, name: fieldName, message: fieldName })
      .partial()
      .strict()
      .refine((f) => f.email || f.phone, 'map at least one of email and phone: a submission must name its customer'),
    honeypot: fieldName.optional(),
    thankYouUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict()
  .refine((f) => !f.honeypot || !Object.values(f.fields).includes(f.honeypot), {
    message: 'the honeypot cannot be one of the mapped fields',
    path: ['honeypot'],
  });

const WebFormsFile = z.object({ forms: z.array(WebFormEntry) }).strict();

/**
 * The web forms file (`HUB_WEBFORMS_FILE`), validated whole: a mistake names the file, the form
 * and the field, and stops the gateway from starting rather than silently dropping submissions.
 */
export function parseWebForms(text: string, file: string): readonly WebFormDefinition[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new HubError('INVALID_CONFIGURATION', `${file}: not JSON: ${(error as Error).message}`);
  }
  const parsed = WebFormsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [top, index, ...rest] = issue?.path ?? [];
    const formId = (json as { forms?: { id?: unknown }[] }).forms?.[Number(index)]?.id;
    const where =
      top === 'forms' && typeof index === 'number'
        ? `forms[${index}]${typeof formId === 'string' ? ` ("${formId}")` : ''}${rest.length ? `.${rest.join('.')}` : ''}`
        : issue?.path.join('.') || '(root)';
    throw new HubError('INVALID_CONFIGURATION', `${file}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  const seen = new Set<string>();
  for (const [index, form] of parsed.data.forms.entries()) {
    if (seen.has(form.id)) {
      throw new HubError('INVALID_CONFIGURATION', `${file}: forms[${index}]: the id "${form.id}" is declared twice`);
    }
    seen.add(form.id);
  }
  return Object.freeze(parsed.data.forms.map((form) => Object.freeze(form)));
}

export async function loadWebForms(file: string): Promise<readonly WebFormDefinition[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new HubError(
      'INVALID_CONFIGURATION',
      `${file}: cannot read the web forms file: ${(error as Error).message}`,
      {},
      {
        cause: error,
      },
    );
  }
  return parseWebForms(text, file);
}
