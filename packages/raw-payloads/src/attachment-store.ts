import { createHash } from 'node:crypto';
import type { AttachmentStore } from '@hub/interactions';
import { sealBytes } from '@hub/personal-data';
import type { SqlDatabase } from '@hub/sql';
import { openSealedColumn } from './sealed-column.ts';

/** Migration raw-payloads/0002-attachments (`raw-payloads.migrations.ts`). */
export const attachmentSchema = `
CREATE SCHEMA IF NOT EXISTS raw;
CREATE TABLE IF NOT EXISTS raw.attachments (
  sha256       text PRIMARY KEY,
  content_type text NOT NULL,
  size_bytes   bigint NOT NULL,
  sealed       bytea,
  sealed_bytes text,
  stored_at    timestamptz NOT NULL DEFAULT now()
);
-- The bytes sealed as bytes; sealed_bytes holds what versions before 2026-12 sealed as base64 text.
ALTER TABLE raw.attachments ADD COLUMN IF NOT EXISTS sealed bytea;
ALTER TABLE raw.attachments ALTER COLUMN sealed_bytes DROP NOT NULL;`;

export interface SqlAttachmentStore extends AttachmentStore {
  /** Erasure: the files a customer's interactions carried; returns how many were deleted. */
  deleteAttachments(sha256s: readonly string[]): Promise<number>;
}

/**
 * Attachment bytes, content-addressed (the same file is kept once) and encrypted at rest. A file
 * two customers both sent is one row: erasing either deletes it, and the other's timeline then
 * describes a file that is gone (the right to be forgotten outweighs the copy). Needs
 * `rawPayloadMigrations` applied.
 */
export function createSqlAttachmentStore(db: SqlDatabase, key: Buffer): SqlAttachmentStore {
  return {
    async put(bytes, contentType) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await db.query(
        `INSERT INTO raw.attachments (sha256, content_type, size_bytes, sealed) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sha256) DO NOTHING`,
        [sha256, contentType, bytes.length, sealBytes(bytes, 'attachment', key)],
      );
      return sha256;
    },
    async get(sha256) {
      const [row] = await db.query<{ content_type: string; sealed: Buffer | null; sealed_bytes: string | null }>(
        'SELECT content_type, sealed, sealed_bytes FROM raw.attachments WHERE sha256 = $1',
        [sha256],
      );
      return row
        ? { contentType: row.content_type, bytes: openSealedColumn(row.sealed, row.sealed_bytes, key) }
        : undefined;
    },
    async deleteAttachments(sha256s) {
      if (sha256s.length === 0) return 0;
      const rows = await db.query('DELETE FROM raw.attachments WHERE sha256 = ANY($1::text[]) RETURNING sha256', [
        sha256s,
      ]);
      return rows.length;
    },
  };
}
