import { unseal, unsealBytes } from '@hub/personal-data';

/**
 * The bytes of a row sealed in `bytea` (`sealBytes`), or, for rows written before 2026-12, sealed
 * as base64 text (`seal`) in the older text column.
 */
export const openSealedColumn = (sealed: Uint8Array | null, legacyText: string | null, key: Buffer): Buffer =>
  sealed ? unsealBytes(sealed, key) : Buffer.from(unseal(legacyText ?? '', key) as string, 'base64');
