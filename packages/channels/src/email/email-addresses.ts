import { normalizeEmail } from '@hub/customer-identity';
import type { AddressObject, EmailAddress } from 'mailparser';

/** Mailboxes of an address header, groups (`Team: a@x, b@x;`) opened up. */
function mailboxesOf(header: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const open = (entry: EmailAddress): EmailAddress[] => (entry.group ? entry.group.flatMap(open) : [entry]);
  return objects.flatMap((object) => object.value.flatMap(open));
}

/** Normalised addresses of a To or Cc header, duplicates and non-addresses left out. */
export function addressesOf(header: AddressObject | AddressObject[] | undefined): string[] {
  const addresses = mailboxesOf(header).map((mailbox) => normalizeEmail(mailbox.address ?? ''));
  return [...new Set(addresses.filter((address): address is string => address !== null))];
}

export interface Sender {
  readonly address: string;
  readonly displayName: string | null;
}

/** The From mailbox, or `undefined` when there is none with a valid address. */
export function senderOf(header: AddressObject | undefined): Sender | undefined {
  for (const mailbox of mailboxesOf(header)) {
    const address = normalizeEmail(mailbox.address ?? '');
    if (!address) continue;
    const name = mailbox.name.replace(/\s+/g, ' ').trim();
    return { address, displayName: name ? name.slice(0, 256) : null };
  }
  return undefined;
}
