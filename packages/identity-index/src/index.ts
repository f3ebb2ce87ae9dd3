export {
  createIdentityIndex,
  type IdentifierClaim,
  type IdentityIndex,
  identityIndexSchema,
} from './identity-index.ts';
