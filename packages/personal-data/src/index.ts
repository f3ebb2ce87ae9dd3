export { isSealedBytes, sealBytes, unsealBytes } from './byte-cipher.ts';
export { isSealed, seal, unseal } from './field-cipher.ts';
export { createSqlKeyStore, type KeyStore, keyStoreMigrations } from './key-store.ts';
export { ERASED, type PersonalField, personalFields, personalFieldsOf } from './personal-fields.ts';
export { openEvent, sealEvent } from './seal-event.ts';
export { createSealingEventStore, PERSONAL_DATA_OF } from './sealing-event-store.ts';
