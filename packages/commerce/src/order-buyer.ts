import {
  type CountryCode,
  emailIdentifier,
  handleIdentifier,
  identifierRefusals,
  normalizeEmail,
  normalizeHandle,
  normalizePhone,
  phoneIdentifier,
} from '@hub/customer-identity';
import type { CustomerIdentifier } from '@hub/events';

/** How a shop names its customer; at least one is needed. */
export interface BuyerFields {
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  /** The shop's own customer id: the handle `<network>:<id>` (`shop:4711` by default). */
  readonly externalId?: string | undefined;
}

export interface BuyerSettings {
  readonly defaultPhoneRegion?: CountryCode | undefined;
  /** The handle network of shop customer ids (`shop`). */
  readonly customerIdNetwork?: string;
}

export type BuyerResult =
  | { readonly ok: true; readonly identifiers: CustomerIdentifier[] }
  | { readonly ok: false; readonly field: keyof BuyerFields | 'customer'; readonly reason: string };

/**
 * The buyer's identifiers, normalised as every intake route normalises them (so an order and an
 * email from one address meet one customer): the shop's customer id first (the most stable), then
 * the email, then the phone.
 */
export function buyerIdentifiers(fields: BuyerFields, settings: BuyerSettings = {}): BuyerResult {
  const identifiers: CustomerIdentifier[] = [];
  const externalId = fields.externalId?.trim();
  if (externalId) {
    const value = normalizeHandle(settings.customerIdNetwork ?? 'shop', externalId);
    if (!value) return { ok: false, field: 'externalId', reason: 'is not a customer id (1 to 256 characters)' };
    identifiers.push(handleIdentifier(value));
  }
  const email = fields.email?.trim();
  if (email) {
    const value = normalizeEmail(email);
    if (!value) return { ok: false, field: 'email', reason: identifierRefusals.email };
    identifiers.push(emailIdentifier(value));
  }
  const phone = fields.phone?.trim();
  if (phone) {
    const value = normalizePhone(phone, settings.defaultPhoneRegion);
    if (!value) return { ok: false, field: 'phone', reason: identifierRefusals.phone };
    identifiers.push(phoneIdentifier(value));
  }
  if (identifiers.length === 0) {
    return { ok: false, field: 'customer', reason: 'names no customer: give an email, a phone or a customer id' };
  }
  return { ok: true, identifiers };
}
