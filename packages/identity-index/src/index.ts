export { createIdentityIndex, type IdentityIndex, identityIndexSchema } from './identity-index.ts';
