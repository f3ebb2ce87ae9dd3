import { type CountryCode, normalizePhone } from '@hub/customer-identity';
import { HubError } from '@hub/errors';
import { internalCallReason } from './asterisk-cdr.internal.ts';
import type { CdrField, CdrRecord } from './asterisk-cdr.layout.ts';
import {
  DEFAULT_EXTENSION_PATTERN,
  extensionFromChannel,
  isInternalExtension,
  parseCallerId,
  partyNumber,
  requireCustomerNumber,
} from './call-party.ts';
import type { CallOutcome, PhoneCall } from './phone-call.ts';
import { wallClockToIso } from './wall-clock.ts';

const dispositions: Readonly<Record<string, CallOutcome>> = {
  ANSWERED: 'answered',
  'NO ANSWER': 'missed',
  BUSY: 'busy',
  FAILED: 'failed',
  CONGESTION: 'failed',
};

const fail = (field: string, message: string): never => {
  throw new HubError('INVALID_INPUT', `${field} ${message}`, { field });
};

// `${CDR(duration,f)}` in a cdr_custom mapping writes fractions (`187.346`).
function seconds(value: string, field: string): number {
  return /^\d{1,9}(\.\d{1,6})?$/.test(value.trim())
    ? Math.round(Number(value.trim()))
    : fail(field, 'must be a number of seconds');
}

function time(value: string, field: string, timeZone: string): string | null {
  const iso = wallClockToIso(value, timeZone);
  return iso === undefined ? fail(field, 'must be a time as YYYY-MM-DD HH:MM:SS') : iso;
}

const agentOf = (party: string, pattern: RegExp) => (isInternalExtension(party, pattern) ? party.trim() : null);

export interface CdrRowContext {
  readonly timeZone: string;
  readonly region?: CountryCode;
  readonly extensionPattern?: RegExp;
  readonly system: string;
  readonly rowHash: string;
}

export type CdrRow = { kind: 'call'; call: PhoneCall } | { kind: 'skip'; reason: string };

/**
 * One CDR row by field name. The customer's side is whichever of src and dst is not an internal
 * extension: a call from an extension out is outbound, anything else reaching us is inbound.
 */
export function readCdrRow(record: CdrRecord, context: CdrRowContext): CdrRow {
  const field = (name: CdrField) => record[name] ?? '';
  const [src, dst, clid, channel, dstchannel, lastapp] = [
    field('src'),
    field('dst'),
    field('clid'),
    field('channel'),
    field('dstchannel'),
    field('lastapp'),
  ];
  const disposition = field('disposition').trim().toUpperCase();
  const { uniqueid, linkedid, sequence } = record;
  const pattern = context.extensionPattern ?? DEFAULT_EXTENSION_PATTERN;
  const caller = parseCallerId(clid);
  const source = src.trim() || caller.number || '';
  const internal = internalCallReason({ channel, dstchannel, lastapp, caller: source, dst }, pattern);
  if (internal) return { kind: 'skip', reason: internal };
  const outbound = isInternalExtension(source, pattern);
  const customerNumber = requireCustomerNumber(outbound ? dst : source, outbound ? 'dst' : 'src', context.region);
  let outcome =
    dispositions[disposition] ?? fail('disposition', `"${disposition}" is not ANSWERED, NO ANSWER, BUSY or FAILED`);
  // The VoiceMail application answers the channel itself, so the switch says ANSWERED.
  if (!outbound && lastapp.trim().toLowerCase() === 'voicemail') outcome = 'voicemail';
  const startedAt = time(field('start'), 'start', context.timeZone) ?? fail('start', 'is empty');
  const callId = uniqueid?.trim() || `row-${context.rowHash}`;
  return {
    kind: 'call',
    call: {
      system: context.system,
      externalId: sequence?.trim() ? `${callId}#${sequence.trim()}` : callId,
      source: 'asterisk-cdr',
      callId,
      direction: outbound ? 'outbound' : 'inbound',
      from: outbound ? partyNumber(source, context.region) : customerNumber,
      to: outbound ? customerNumber : partyNumber(dst, context.region),
      customerNumber,
      businessNumber: outbound ? null : normalizePhone(dst, context.region),
      customerName: outbound || caller.name === caller.number ? null : caller.name,
      occurredAt: startedAt,
      startedAt,
      answeredAt: time(field('answer'), 'answer', context.timeZone),
      endedAt: time(field('end'), 'end', context.timeZone),
      durationSeconds: seconds(field('duration'), 'duration'),
      talkSeconds: seconds(field('billsec'), 'billsec'),
      outcome,
      providerStatus: disposition,
      recordingUrl: null,
      agentExtension:
        extensionFromChannel(outbound ? channel : dstchannel, pattern) ?? agentOf(outbound ? source : dst, pattern),
      answeredBy: null,
      accountId: field('accountcode').trim() || null,
      parentCallId: linkedid?.trim() && linkedid.trim() !== callId ? linkedid.trim() : null,
    },
  };
}
