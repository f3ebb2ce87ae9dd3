export {
  createIdentityIndex,
  type IdentifierClaim,
  type IdentityIndex,
  identityIndexMigrations,
} from './identity-index.ts';
