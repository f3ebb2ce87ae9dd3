export {
  type CountryCode,
  emailIdentifier,
  handleIdentifier,
  normalizeEmail,
  normalizeHandle,
  normalizePhone,
  phoneIdentifier,
  toAsciiDigits,
} from './identifiers.ts';
