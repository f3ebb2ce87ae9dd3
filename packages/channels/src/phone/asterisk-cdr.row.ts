import { type CountryCode, normalizePhone } from '@hub/customer-identity';
import { HubError } from '@hub/errors';
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

/** cdr_csv's sixteen fixed columns, in the order it writes them. */
export const cdrColumns = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
] as const;

const dispositions: Readonly<Record<string, CallOutcome>> = {
  ANSWERED: 'answered',
  'NO ANSWER': 'missed',
  BUSY: 'busy',
  FAILED: 'failed',
  CONGESTION: 'failed',
};

// `1700000000.10`, or `pbx1-1700000000.10` when cdr.conf sets a systemname.
const UNIQUE_ID = /^(?:[\w.-]+-)?\d{9,}\.\d+$/;

/**
 * The optional tail: `loguniqueid` and `loguserfield` each add a column, `newcdrcolumns` adds
 * peeraccount, linkedid and sequence. With one optional column, its shape says which it is.
 */
function readTail(tail: string[]): { uniqueid?: string; linkedid?: string; sequence?: string } {
  const hasNew = tail.length >= 3;
  const optional = tail.slice(0, tail.length - (hasNew ? 3 : 0));
  const [first = '', second] = optional;
  const uniqueid = second !== undefined || UNIQUE_ID.test(first) ? first : undefined;
  return hasNew ? { uniqueid, linkedid: tail.at(-2), sequence: tail.at(-1) } : { uniqueid };
}

const fail = (field: string, message: string): never => {
  throw new HubError('INVALID_INPUT', `${field} ${message}`, { field });
};

function seconds(value: string, field: string): number {
  return /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : fail(field, 'must be a whole number of seconds');
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
 * One Master.csv row. The customer's side is whichever of src and dst is not an internal
 * extension: a call from an extension out is outbound, anything else reaching us is inbound.
 */
export function readCdrRow(fields: string[], context: CdrRowContext): CdrRow {
  if (fields.length < 16 || fields.length > 21)
    fail('the row', `has ${fields.length} columns; cdr_csv writes 16 to 21`);
  const [accountcode, src, dst, , clid, channel, dstchannel, lastapp, , start, answer, end, duration, billsec] =
    fields as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
  const disposition = (fields[14] ?? '').trim().toUpperCase();
  const { uniqueid, linkedid, sequence } = readTail(fields.slice(16));
  const pattern = context.extensionPattern ?? DEFAULT_EXTENSION_PATTERN;
  const caller = parseCallerId(clid);
  const source = src.trim() || caller.number || '';
  const outbound = isInternalExtension(source, pattern);
  if (outbound && isInternalExtension(dst, pattern)) return { kind: 'skip', reason: 'a call between two extensions' };
  const customerNumber = requireCustomerNumber(outbound ? dst : source, outbound ? 'dst' : 'src', context.region);
  let outcome =
    dispositions[disposition] ?? fail('disposition', `"${disposition}" is not ANSWERED, NO ANSWER, BUSY or FAILED`);
  // The VoiceMail application answers the channel itself, so the switch says ANSWERED.
  if (!outbound && lastapp.trim().toLowerCase() === 'voicemail') outcome = 'voicemail';
  const startedAt = time(start, 'start', context.timeZone) ?? fail('start', 'is empty');
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
      answeredAt: time(answer, 'answer', context.timeZone),
      endedAt: time(end, 'end', context.timeZone),
      durationSeconds: seconds(duration, 'duration'),
      talkSeconds: seconds(billsec, 'billsec'),
      outcome,
      providerStatus: disposition,
      recordingUrl: null,
      agentExtension:
        extensionFromChannel(outbound ? channel : dstchannel, pattern) ?? agentOf(outbound ? source : dst, pattern),
      answeredBy: null,
      accountId: accountcode.trim() || null,
      parentCallId: linkedid?.trim() && linkedid.trim() !== callId ? linkedid.trim() : null,
    },
  };
}
