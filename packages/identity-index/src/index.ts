export {
  createIdentityIndex,
  type Erasures,
  type IdentifierClaim,
  type IdentityIndex,
  identityIndexMigrations,
} from './identity-index.ts';
