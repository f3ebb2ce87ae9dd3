import { type CountryCode, identifierKey, identifierRefusals, normalizeIdentifier } from '@hub/customer-identity';
import { HubError } from '@hub/errors';
import type { CustomerIdentifier } from '@hub/events';

/**
 * A caller's identifiers as every other channel hands them over: normalised by the functions the
 * lookups use, so `Sara@Example.com` and ` sara@example.com ` are one customer. One that does not
 * normalise refuses the whole body, naming its path (`interactions.2.contact.identifiers.1.value`)
 * but not its value (refusals are logged; identifiers are personal data). Spellings that normalise
 * alike are kept once, the first in its place (the first identifier is the primary one).
 */
export function normalizeCallerIdentifiers(
  identifiers: readonly CustomerIdentifier[],
  path: string,
  region: CountryCode | undefined,
): CustomerIdentifier[] {
  const normalized = identifiers.map((identifier, index) => {
    const result = normalizeIdentifier(identifier, region);
    if (result !== null) return result;
    const field = `${path}contact.identifiers.${index}.value`;
    throw new HubError('INVALID_INPUT', `${field} ${identifierRefusals[identifier.kind]}`, { field });
  });
  return [...new Map(normalized.map((identifier) => [identifierKey(identifier), identifier])).values()];
}
