import { createHmac } from 'node:crypto';
import { identifierKey } from '@hub/customer-identity';
import type { CustomerIdentifier } from '@hub/events';
import type { Migration, SqlDatabase, SqlExecutor } from '@hub/sql';

/**
 * Which customer owns each identifier: the writer's arbiter. Claims are atomic (primary key), so
 * two writers meeting one new phone number on two partitions cannot both create a customer for
 * it. Identifiers are kept as keyed hashes: the index answers "who has this number" without
 * holding the number. Rebuildable from CustomerIdentifierLinked events.
 */
export interface IdentityIndex {
  /** Who owns each identifier, by `identifierKey`; unowned identifiers are absent. */
  owners(identifiers: readonly CustomerIdentifier[]): Promise<Map<string, string>>;
  /**
   * Claims unowned identifiers (a whole batch of interactions' worth at once), all or none;
   * returns the owners of all of them afterwards, by `identifierKey`. When one is owned by
   * someone else, nothing is claimed and that owner shows in the answer.
   */
  claim(claims: readonly IdentifierClaim[]): Promise<Map<string, string>>;
  /** After a merge: the merged customer's identifiers now resolve to the survivor. */
  repoint(fromCustomerId: string, toCustomerId: string): Promise<void>;
  /** After an unmerge: these identifiers resolve to the restored customer again. */
  reassign(customerId: string, identifiers: readonly CustomerIdentifier[]): Promise<void>;
  /**
   * After erasure: the customer's identifiers resolve to nobody. Their keyed hashes, and the
   * erased interactions' ids, stay as a tombstone with the erasure's time, so that a redrive or
   * replay of a message received before it does not record the person again.
   */
  forget(customerId: string, erasure?: { at: Date; interactionIds: readonly string[] }): Promise<void>;
  /** The tombstones these identifiers and interactions meet: when each identifier was erased. */
  erasures(identifiers: readonly CustomerIdentifier[], interactionIds: readonly string[]): Promise<Erasures>;
}

export interface Erasures {
  /** By `identifierKey`: when the identifier was last erased. */
  readonly identifiers: ReadonlyMap<string, Date>;
  readonly interactionIds: ReadonlySet<string>;
}

export interface IdentifierClaim {
  readonly customerId: string;
  readonly identifier: CustomerIdentifier;
  /**
   * The provisional customer an earlier, interrupted try of the same interaction claimed the
   * identifier for: the claim takes it over from that id (and from no other owner).
   */
  readonly takingOverFrom?: string;
}

const identityIndexSchema = `
CREATE SCHEMA IF NOT EXISTS identity;
CREATE TABLE IF NOT EXISTS identity.identifiers (
  identifier_hash text PRIMARY KEY,
  customer_id text NOT NULL
);
CREATE INDEX IF NOT EXISTS identifiers_customer_idx ON identity.identifiers (customer_id);`;

// Erasure tombstones: keyed hashes of erased identifiers and the ids of erased interactions.
const erasureTombstonesSchema = `
CREATE TABLE IF NOT EXISTS identity.erased_identifiers (
  identifier_hash text PRIMARY KEY,
  erased_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS identity.erased_interactions (
  interaction_id text PRIMARY KEY,
  erased_at timestamptz NOT NULL
);`;

/** Run by the composition root with `runMigrations`; the index itself runs no DDL. */
export const identityIndexMigrations: readonly Migration[] = [
  { id: 'identity-index/0001-identifiers', sql: identityIndexSchema },
  { id: 'identity-index/0002-erasure-tombstones', sql: erasureTombstonesSchema },
];

/** Needs `identityIndexMigrations` applied. */
export function createIdentityIndex(db: SqlDatabase, hashKey: Buffer): IdentityIndex {
  const hash = (identifier: CustomerIdentifier) =>
    createHmac('sha256', hashKey).update(identifierKey(identifier)).digest('base64url');

  const ownersIn = async (sql: SqlExecutor, identifiers: readonly CustomerIdentifier[]) => {
    const hashes = identifiers.map(hash);
    const rows = await sql.query<{ identifier_hash: string; customer_id: string }>(
      // A text[] key set, not a JSON array: `= ANY` is an index probe per key whatever the
      // statistics say (docs/architecture.md, "Plans that do not depend on statistics").
      `SELECT identifier_hash, customer_id FROM identity.identifiers
        WHERE identifier_hash = ANY($1::text[])`,
      [hashes],
    );
    const byHash = new Map(rows.map((r) => [r.identifier_hash, r.customer_id]));
    return new Map(
      identifiers.flatMap((identifier, i) => {
        const owner = byHash.get(hashes[i] ?? '');
        return owner ? [[identifierKey(identifier), owner] as const] : [];
      }),
    );
  };

  const owners = (identifiers: readonly CustomerIdentifier[]) => ownersIn(db, identifiers);

  return {
    owners,
    async claim(claims) {
      // Sorted by hash, so two writers claiming overlapping identifiers take the rows in one order
      // (a multi-row insert in two orders can deadlock).
      const rows = [...new Map(claims.map((c) => [hash(c.identifier), c])).entries()].sort(([a], [b]) =>
        a < b ? -1 : a > b ? 1 : 0,
      );
      const takeovers = rows.filter(([, c]) => c.takingOverFrom && c.takingOverFrom !== c.customerId);
      const identifiers = claims.map((c) => c.identifier);
      // All or none: a claim that keeps what it won while losing another would leave identifiers
      // with a provisional customer that is never created once the interactions are resolved again.
      const lost = Symbol('a claim was lost');
      try {
        return await db.transaction(async (tx) => {
          if (takeovers.length > 0) {
            await tx.query(
              `UPDATE identity.identifiers i SET customer_id = x.customer_id
                 FROM unnest($1::text[], $2::text[], $3::text[]) AS x(hash, customer_id, taken_from)
                WHERE i.identifier_hash = x.hash AND i.customer_id = x.taken_from`,
              [
                takeovers.map(([h]) => h),
                takeovers.map(([, c]) => c.customerId),
                takeovers.map(([, c]) => c.takingOverFrom),
              ],
            );
          }
          await tx.query(
            `INSERT INTO identity.identifiers (identifier_hash, customer_id)
             SELECT x.hash, x.customer_id FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(hash, customer_id, ord)
              ORDER BY x.ord
             ON CONFLICT DO NOTHING`,
            [rows.map(([h]) => h), rows.map(([, c]) => c.customerId)],
          );
          const after = await ownersIn(tx, identifiers);
          if (claims.some((c) => after.get(identifierKey(c.identifier)) !== c.customerId)) throw lost;
          return after;
        });
      } catch (error) {
        if (error !== lost) throw error;
        return owners(identifiers);
      }
    },
    async repoint(fromCustomerId, toCustomerId) {
      await db.query('UPDATE identity.identifiers SET customer_id = $2 WHERE customer_id = $1', [
        fromCustomerId,
        toCustomerId,
      ]);
    },
    async reassign(customerId, identifiers) {
      for (const identifier of identifiers) {
        await db.query(
          `INSERT INTO identity.identifiers (identifier_hash, customer_id) VALUES ($1, $2)
           ON CONFLICT (identifier_hash) DO UPDATE SET customer_id = EXCLUDED.customer_id`,
          [hash(identifier), customerId],
        );
      }
    },
    async forget(customerId, erasure) {
      await db.transaction(async (tx) => {
        if (erasure) {
          await tx.query(
            `INSERT INTO identity.erased_identifiers (identifier_hash, erased_at)
             SELECT identifier_hash, $2 FROM identity.identifiers WHERE customer_id = $1
             ON CONFLICT (identifier_hash) DO UPDATE SET erased_at = EXCLUDED.erased_at`,
            [customerId, erasure.at],
          );
          await tx.query(
            `INSERT INTO identity.erased_interactions (interaction_id, erased_at)
             SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING`,
            [erasure.interactionIds, erasure.at],
          );
        }
        await tx.query('DELETE FROM identity.identifiers WHERE customer_id = $1', [customerId]);
      });
    },
    async erasures(identifiers, interactionIds) {
      const hashes = identifiers.map(hash);
      const rows = await db.query<{ kind: string; id: string; erased_at: Date }>(
        `SELECT 'identifier' AS kind, identifier_hash AS id, erased_at FROM identity.erased_identifiers
          WHERE identifier_hash = ANY($1::text[])
         UNION ALL
         SELECT 'interaction', interaction_id, erased_at FROM identity.erased_interactions
          WHERE interaction_id = ANY($2::text[])`,
        [hashes, interactionIds],
      );
      const erasedAt = new Map(rows.filter((r) => r.kind === 'identifier').map((r) => [r.id, new Date(r.erased_at)]));
      return {
        identifiers: new Map(
          identifiers.flatMap((identifier, i) => {
            const at = erasedAt.get(hashes[i] ?? '');
            return at ? [[identifierKey(identifier), at] as const] : [];
          }),
        ),
        interactionIds: new Set(rows.filter((r) => r.kind === 'interaction').map((r) => r.id)),
      };
    },
  };
}
