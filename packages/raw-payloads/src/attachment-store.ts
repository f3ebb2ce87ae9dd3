import { createHash } from 'node:crypto';
import type { AttachmentStore } from '@hub/interactions';
import { seal, unseal } from '@hub/personal-data';
import type { SqlDatabase } from '@hub/sql';

export const attachmentSchema = `
CREATE SCHEMA IF NOT EXISTS raw;
CREATE TABLE IF NOT EXISTS raw.attachments (
  sha256       text PRIMARY KEY,
  content_type text NOT NULL,
  size_bytes   bigint NOT NULL,
  sealed_bytes text NOT NULL,
  stored_at    timestamptz NOT NULL DEFAULT now()
);`;

/** Attachment bytes, content-addressed (the same file is kept once) and encrypted at rest. */
export async function createSqlAttachmentStore(db: SqlDatabase, key: Buffer): Promise<AttachmentStore> {
  await db.exec(attachmentSchema);
  return {
    async put(bytes, contentType) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await db.query(
        `INSERT INTO raw.attachments (sha256, content_type, size_bytes, sealed_bytes) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sha256) DO NOTHING`,
        [sha256, contentType, bytes.length, seal(bytes.toString('base64'), 'attachment', key)],
      );
      return sha256;
    },
    async get(sha256) {
      const [row] = await db.query<{ content_type: string; sealed_bytes: string }>(
        'SELECT content_type, sealed_bytes FROM raw.attachments WHERE sha256 = $1',
        [sha256],
      );
      return row
        ? { contentType: row.content_type, bytes: Buffer.from(unseal(row.sealed_bytes, key) as string, 'base64') }
        : undefined;
    },
  };
}
