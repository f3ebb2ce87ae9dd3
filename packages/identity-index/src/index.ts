export {
  createIdentityIndex,
  type Erasures,
  type IdentifierClaim,
  type IdentityIndex,
  identityIndexSchema,
} from './identity-index.ts';
