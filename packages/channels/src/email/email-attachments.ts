import { createHash } from 'node:crypto';
import type { Attachment } from '@hub/events';
import type { AttachmentStore } from '@hub/interactions';
import type { Attachment as MailAttachment } from 'mailparser';
import type { z } from 'zod';

type AttachmentMetadata = z.infer<typeof Attachment>;

export interface KeptAttachments {
  readonly attachments: AttachmentMetadata[];
  /** sha256 of the attachments over the limit: described, not stored. */
  readonly notStored: string[];
}

const limit = (text: string | undefined, max: number) => (text ? text.slice(0, max) : null);

/**
 * Stores each attachment up to `maxBytes` and describes every one of them.
 *
 * An attachment over the limit does not refuse the message: the customer's words matter more
 * than a 40 MB scan, an SMTP refusal would bounce them back to the customer for something they
 * cannot see, and over IMAP a refused message would be retried forever. The bytes are not lost
 * either: they stay inside the raw message, which the intake keeps beside the interaction. The
 * size of the whole message is bounded earlier (HTTP body limit, SMTP SIZE).
 *
 * The sha256 comes from mailparser's own checksum (`checksumAlgo: 'sha256'`), computed while it
 * decoded the part, so an oversized file is described without hashing it a second time.
 */
export async function keepAttachments(
  parts: readonly MailAttachment[],
  store: AttachmentStore,
  maxBytes: number,
): Promise<KeptAttachments> {
  const attachments: AttachmentMetadata[] = [];
  const notStored: string[] = [];
  for (const part of parts) {
    const contentType = (part.contentType || 'application/octet-stream').toLowerCase().slice(0, 256);
    const sizeBytes = part.content.length;
    let sha256 = part.checksum ?? createHash('sha256').update(part.content).digest('hex');
    if (sizeBytes <= maxBytes) sha256 = await store.put(part.content, contentType);
    else notStored.push(sha256);
    attachments.push({ fileName: limit(part.filename, 512), contentType, sizeBytes, sha256 });
  }
  return { attachments, notStored };
}
