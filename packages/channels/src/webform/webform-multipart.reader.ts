import type { Readable } from 'node:stream';
import { Busboy, type BusboyInstance } from '@fastify/busboy';
import { HubError } from '@hub/errors';
import {
  collectFormFields,
  MAX_FORM_FIELDS,
  MAX_FORM_FILES,
  type SubmittedFile,
  type WebFormLimits,
  type WebFormSubmission,
} from './webform-body.ts';

export interface ReadMultipartForm {
  readonly submission: WebFormSubmission;
  /** The bytes as posted, kept as the raw payload. */
  readonly body: Buffer;
}

const tooLarge = (detail: string) => new HubError('PAYLOAD_TOO_LARGE', detail);

/**
 * `multipart/form-data` read while it streams in: the first byte past a cap (a file, a field, all
 * fields together, the whole body) ends the read with PAYLOAD_TOO_LARGE, so a 25 MB upload to a
 * form that takes 10 MB files is refused after 10 MB, not after the whole body was buffered.
 */
export function readMultipartFormStream(
  source: Readable,
  contentType: string,
  limits: WebFormLimits,
): Promise<ReadMultipartForm> {
  return new Promise((resolve, reject) => {
    let parser: BusboyInstance;
    try {
      parser = Busboy({
        headers: { 'content-type': contentType },
        limits: {
          fieldNameSize: 256,
          fieldSize: limits.maxFieldBytes,
          fields: MAX_FORM_FIELDS,
          fileSize: limits.maxFileBytes,
          files: MAX_FORM_FILES,
        },
      });
    } catch (error) {
      reject(new HubError('INVALID_INPUT', `the multipart body could not be read: ${(error as Error).message}`));
      return;
    }
    const chunks: Buffer[] = [];
    const entries: [string, string][] = [];
    const files: SubmittedFile[] = [];
    let bodyBytes = 0;
    let fieldBytes = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      // Stop reading: the rest of the body is never buffered nor parsed.
      source.unpipe(parser);
      source.off('data', count);
      reject(error);
    };
    const count = (chunk: Buffer) => {
      bodyBytes += chunk.length;
      if (bodyBytes > limits.maxBodyBytes) fail(tooLarge(`the body is over ${limits.maxBodyBytes} bytes`));
      else chunks.push(chunk);
    };

    parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated) return fail(tooLarge(`field "${name}" is over ${limits.maxFieldBytes} bytes`));
      fieldBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
      if (fieldBytes > limits.maxFieldsBytes) {
        return fail(tooLarge(`the fields other than files are over ${limits.maxFieldsBytes} bytes together`));
      }
      entries.push([name, value]);
    });
    parser.on('file', (name, stream, fileName, _encoding, mimeType) => {
      const parts: Buffer[] = [];
      stream.on('data', (part: Buffer) => parts.push(part));
      stream.on('limit', () =>
        fail(tooLarge(`the file in field "${name}" is over ${limits.maxFileBytes} bytes, the most a file may have`)),
      );
      stream.on('end', () => {
        const bytes = Buffer.concat(parts);
        // An empty file input still posts a part, with no name and no bytes: nothing was attached.
        if (bytes.length > 0 || fileName) {
          files.push({
            field: name,
            fileName: fileName || null,
            contentType: mimeType || 'application/octet-stream',
            bytes,
          });
        }
      });
    });
    parser.on('fieldsLimit', () => fail(tooLarge(`a form submission holds at most ${MAX_FORM_FIELDS} fields`)));
    parser.on('filesLimit', () =>
      fail(new HubError('INVALID_INPUT', `a form submission holds at most ${MAX_FORM_FILES} files`)),
    );
    parser.on('error', (error: Error) =>
      fail(new HubError('INVALID_INPUT', `the multipart body could not be read: ${error.message}`)),
    );
    parser.on('finish', () => {
      if (settled) return;
      try {
        const submission = collectFormFields(entries, files);
        settled = true;
        resolve({ submission, body: Buffer.concat(chunks) });
      } catch (error) {
        fail(error as Error);
      }
    });
    source.on('data', count);
    source.on('error', (error) => fail(error));
    source.pipe(parser);
  });
}
