import { HubError } from '@hub/errors';
import type { SqlDatabase } from '@hub/sql';
import type { Principal } from './principal.ts';
import type { UserRole } from './roles.ts';
import { newToken, tokenDigest } from './secrets.ts';

export interface ApiTokenView {
  readonly tokenId: string;
  readonly name: string;
  readonly role: UserRole;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

interface TokenRow {
  token_id: string;
  name: string;
  role: UserRole;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
}

const toView = (row: TokenRow): ApiTokenView => ({
  tokenId: row.token_id,
  name: row.name,
  role: row.role,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at),
  revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
});

/** Named, role-bearing bearer tokens for integrations; shown once, stored as SHA-256, revocable. */
export function createApiTokens(deps: {
  readonly db: SqlDatabase;
  readonly now: () => Date;
  readonly newId: () => string;
}) {
  const { db, now, newId } = deps;
  return {
    async create(input: {
      name: string;
      role: UserRole;
      createdBy: string;
    }): Promise<ApiTokenView & { token: string }> {
      const token = newToken('hub_t_');
      const rows = await db.query<TokenRow>(
        `INSERT INTO access.api_tokens (token_id, name, role, token_digest, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING token_id, name, role, created_by, created_at, revoked_at`,
        [newId(), input.name, input.role, tokenDigest(token), input.createdBy, now()],
      );
      const row = rows[0];
      if (!row) throw new Error('the API token was not stored');
      return { ...toView(row), token };
    },
    async list(): Promise<ApiTokenView[]> {
      const rows = await db.query<TokenRow>(
        'SELECT token_id, name, role, created_by, created_at, revoked_at FROM access.api_tokens ORDER BY created_at, token_id',
      );
      return rows.map(toView);
    },
    async revoke(tokenId: string): Promise<void> {
      const rows = await db.query(
        'UPDATE access.api_tokens SET revoked_at = coalesce(revoked_at, $2) WHERE token_id = $1 RETURNING token_id',
        [tokenId, now()],
      );
      if (rows.length === 0) throw new HubError('NOT_FOUND', `no API token ${tokenId}`);
    },
    async authenticate(token: string): Promise<Principal | undefined> {
      const rows = await db.query<{ token_id: string; role: UserRole }>(
        'SELECT token_id, role FROM access.api_tokens WHERE token_digest = $1 AND revoked_at IS NULL',
        [tokenDigest(token)],
      );
      const row = rows[0];
      if (!row) return undefined;
      return {
        kind: 'token',
        tokenId: row.token_id,
        role: row.role,
        actor: { kind: 'system', process: `api-token:${row.token_id}` },
      };
    },
  };
}

export type ApiTokens = ReturnType<typeof createApiTokens>;
