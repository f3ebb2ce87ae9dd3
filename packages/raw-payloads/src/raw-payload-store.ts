import { createHash } from 'node:crypto';
import type { RawPayload } from '@hub/interactions';
import { sealBytes } from '@hub/personal-data';
import type { SqlDatabase } from '@hub/sql';
import { openSealedColumn } from './sealed-column.ts';

/**
 * Every channel's raw bytes, kept encrypted beside what was parsed from them: a parser fix can
 * re-process history, and a payload that failed to parse is listed and can be re-run. A
 * customer's events name the payloads they came from (`metadata.rawPayloadId`): erasure deletes
 * those, a batch payload with any erased customer in it included.
 */
export interface RawPayloadStore {
  save(raw: RawPayload, parseError?: string): Promise<string>;
  get(payloadId: string): Promise<(RawPayload & { parseError: string | null }) | undefined>;
  listParseFailures(limit: number): Promise<{ id: string; channel: string; receivedAt: Date; parseError: string }[]>;
  clearParseFailure(payloadId: string): Promise<void>;
  /** Erasure: the payloads named by a customer's events (`metadata.rawPayloadId`). */
  deletePayloads(payloadIds: readonly string[]): Promise<number>;
  /**
   * Erasure: the parse failures whose bytes concern the customer. Nothing parsed them, so no
   * event names them: each is opened and asked (they are few, and erasure is rare).
   */
  purgeParseFailures(concerns: (body: Buffer) => boolean): Promise<number>;
}

/** Migration raw-payloads/0001-payloads (`raw-payloads.migrations.ts`). */
export const rawPayloadSchema = `
CREATE SCHEMA IF NOT EXISTS raw;
CREATE TABLE IF NOT EXISTS raw.payloads (
  payload_id   text PRIMARY KEY,
  channel      text NOT NULL,
  content_type text NOT NULL,
  received_at  timestamptz NOT NULL,
  sealed       bytea,
  sealed_body  text,
  parse_error  text
);
CREATE INDEX IF NOT EXISTS payloads_failed_idx ON raw.payloads (received_at) WHERE parse_error IS NOT NULL;
-- The body sealed as bytes; sealed_body holds what versions before 2026-12 sealed as text.
ALTER TABLE raw.payloads ADD COLUMN IF NOT EXISTS sealed bytea;
ALTER TABLE raw.payloads ALTER COLUMN sealed_body DROP NOT NULL;
-- Ciphertext does not compress: store it out of line without trying (a batch body is ~400 KB).
ALTER TABLE raw.payloads ALTER COLUMN sealed SET STORAGE EXTERNAL;
ALTER TABLE raw.payloads ALTER COLUMN sealed_body SET STORAGE EXTERNAL;`;

/** Needs `rawPayloadMigrations` applied. */
export function createRawPayloadStore(db: SqlDatabase, key: Buffer): RawPayloadStore {
  const deletePayloads = async (payloadIds: readonly string[]) => {
    if (payloadIds.length === 0) return 0;
    const rows = await db.query('DELETE FROM raw.payloads WHERE payload_id = ANY($1::text[]) RETURNING payload_id', [
      payloadIds,
    ]);
    return rows.length;
  };
  return {
    async save(raw, parseError) {
      const id = createHash('sha256').update(raw.body).digest('hex');
      await db.query(
        `INSERT INTO raw.payloads (payload_id, channel, content_type, received_at, sealed, parse_error)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (payload_id) DO UPDATE SET parse_error = EXCLUDED.parse_error`,
        [id, raw.channel, raw.contentType, raw.receivedAt, sealBytes(raw.body, 'raw', key), parseError ?? null],
      );
      return id;
    },
    async get(payloadId) {
      const [row] = await db.query<{
        channel: RawPayload['channel'];
        content_type: string;
        received_at: Date;
        sealed: Buffer | null;
        sealed_body: string | null;
        parse_error: string | null;
      }>(
        'SELECT channel, content_type, received_at, sealed, sealed_body, parse_error FROM raw.payloads WHERE payload_id = $1',
        [payloadId],
      );
      if (!row) return undefined;
      return {
        channel: row.channel,
        contentType: row.content_type,
        receivedAt: row.received_at,
        body: openSealedColumn(row.sealed, row.sealed_body, key),
        parseError: row.parse_error,
      };
    },
    async listParseFailures(limit) {
      const rows = await db.query<{ payload_id: string; channel: string; received_at: Date; parse_error: string }>(
        `SELECT payload_id, channel, received_at, parse_error FROM raw.payloads
          WHERE parse_error IS NOT NULL ORDER BY received_at DESC LIMIT $1`,
        [limit],
      );
      return rows.map((r) => ({
        id: r.payload_id,
        channel: r.channel,
        receivedAt: r.received_at,
        parseError: r.parse_error,
      }));
    },
    async clearParseFailure(payloadId) {
      await db.query('UPDATE raw.payloads SET parse_error = NULL WHERE payload_id = $1', [payloadId]);
    },
    deletePayloads,
    async purgeParseFailures(concerns) {
      const rows = await db.query<{ payload_id: string; sealed: Buffer | null; sealed_body: string | null }>(
        'SELECT payload_id, sealed, sealed_body FROM raw.payloads WHERE parse_error IS NOT NULL',
      );
      const doomed = rows
        .filter((row) => concerns(openSealedColumn(row.sealed, row.sealed_body, key)))
        .map((r) => r.payload_id);
      return deletePayloads(doomed);
    },
  };
}
