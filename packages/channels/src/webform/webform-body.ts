import { HubError } from '@hub/errors';

/** What a form posted: each field's values in order (checkbox groups repeat a name) and its files. */
export interface WebFormSubmission {
  readonly fields: ReadonlyMap<string, readonly string[]>;
  readonly files: readonly SubmittedFile[];
}

export interface SubmittedFile {
  readonly field: string;
  readonly fileName: string | null;
  readonly contentType: string;
  readonly bytes: Buffer;
}

// A real form has a few dozen fields; more is a script trying to make us store junk.
export const MAX_FORM_FIELDS = 200;
export const MAX_FORM_FILES = 10;

/** What one public form post may hold; every cap answers 413. */
export interface WebFormLimits {
  /** The whole body, files included. */
  readonly maxBodyBytes: number;
  /** Each file. */
  readonly maxFileBytes: number;
  /** Each field's value. */
  readonly maxFieldBytes: number;
  /** All fields but files together (names and values). */
  readonly maxFieldsBytes: number;
}

/** Fields in the order posted, checked against the count and per-field caps. */
export function collectFormFields(
  entries: Iterable<[string, string]>,
  files: SubmittedFile[] = [],
  maxFieldBytes = Number.POSITIVE_INFINITY,
): WebFormSubmission {
  const fields = new Map<string, string[]>();
  let count = 0;
  for (const [name, value] of entries) {
    if (++count > MAX_FORM_FIELDS) {
      throw new HubError('PAYLOAD_TOO_LARGE', `a form submission holds at most ${MAX_FORM_FIELDS} fields`);
    }
    if (name.length === 0 || name.length > 256) {
      throw new HubError('INVALID_INPUT', 'a field name must have 1 to 256 characters');
    }
    if (Buffer.byteLength(value) > maxFieldBytes) {
      throw new HubError('PAYLOAD_TOO_LARGE', `field "${name}" is over ${maxFieldBytes} bytes`);
    }
    fields.set(name, [...(fields.get(name) ?? []), value.normalize('NFC')]);
  }
  return { fields, files };
}

/** `application/x-www-form-urlencoded`, what a plain `<form method="post">` sends (UTF-8). */
export const readUrlEncodedForm = (body: Buffer, maxFieldBytes?: number): WebFormSubmission =>
  collectFormFields(new URLSearchParams(body.toString('utf8')), [], maxFieldBytes);

const scalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** A JSON object of fields: strings, numbers, booleans, or arrays of them (a multi-select). */
export function readJsonForm(body: Buffer, maxFieldBytes?: number): WebFormSubmission {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HubError('INVALID_INPUT', `the body is not JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new HubError('INVALID_INPUT', 'a JSON form submission is an object of field names to values');
  }
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(json)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (!values.every(scalar)) {
      throw new HubError('INVALID_INPUT', `field "${name}" must be a string, number, boolean or an array of them`, {
        field: name,
      });
    }
    for (const v of values) entries.push([name, String(v)]);
  }
  return collectFormFields(entries, [], maxFieldBytes);
}
