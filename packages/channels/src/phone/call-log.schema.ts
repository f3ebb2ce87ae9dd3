import type { CountryCode } from '@hub/customer-identity';
import { readOneOrBatch } from '@hub/interactions';
import { z } from 'zod';
import { partyNumber, requireCustomerNumber } from './call-party.ts';
import type { PhoneCall } from './phone-call.ts';

export const MAX_CALLS_PER_BATCH = 1000;

const instant = z.iso.datetime({ offset: true });

/** One call of the generic call log (`POST /v1/channels/phone/calls`), from any PBX or call centre. */
export const CallLogEntry = z.object({
  callId: z.string().trim().min(1).max(256),
  /** The reporting system's name; with callId it names the interaction. */
  system: z
    .string()
    .regex(/^[A-Za-z0-9][\w.-]{0,63}$/)
    .default('call-log'),
  from: z.string().trim().min(1).max(128),
  to: z.string().trim().min(1).max(128),
  direction: z.enum(['inbound', 'outbound']),
  startedAt: instant,
  answeredAt: instant.nullish(),
  endedAt: instant.nullish(),
  durationSeconds: z
    .number()
    .int()
    .nonnegative()
    .max(7 * 24 * 3600),
  outcome: z.enum(['answered', 'missed', 'voicemail', 'busy', 'failed']),
  recordingUrl: z.url({ protocol: /^https?$/ }).nullish(),
  agentExtension: z.string().trim().min(1).max(64).nullish(),
  customerName: z.string().trim().max(256).nullish(),
});
export type CallLogEntry = z.infer<typeof CallLogEntry>;

export const CallLogBatch = z.object({ calls: z.array(CallLogEntry).min(1).max(MAX_CALLS_PER_BATCH) });

/** The customer is the caller of an inbound call and the callee of an outbound one. */
export function callLogToPhoneCall(entry: CallLogEntry, index: number | null, region?: CountryCode): PhoneCall {
  const inbound = entry.direction === 'inbound';
  const field = `${index === null ? '' : `calls.${index}.`}${inbound ? 'from' : 'to'}`;
  const customerNumber = requireCustomerNumber(inbound ? entry.from : entry.to, field, region);
  const business = inbound ? entry.to : entry.from;
  return {
    system: entry.system,
    externalId: entry.callId,
    source: 'generic',
    callId: entry.callId,
    direction: entry.direction,
    from: inbound ? customerNumber : partyNumber(entry.from, region),
    to: inbound ? partyNumber(entry.to, region) : customerNumber,
    customerNumber,
    businessNumber: partyNumber(business, region),
    customerName: entry.customerName || null,
    occurredAt: entry.startedAt,
    startedAt: entry.startedAt,
    answeredAt: entry.answeredAt ?? null,
    endedAt: entry.endedAt ?? null,
    durationSeconds: entry.durationSeconds,
    talkSeconds: null,
    outcome: entry.outcome,
    providerStatus: entry.outcome,
    recordingUrl: entry.recordingUrl ?? null,
    agentExtension: entry.agentExtension ?? null,
    answeredBy: null,
    accountId: null,
    parentCallId: null,
  };
}

/**
 * A call-log body: one call, or `{ calls: [...] }` of up to 1,000. Any bad call refuses the whole
 * body, naming its path (`calls.3.durationSeconds`), so a sender never has to find which half landed.
 */
export function readCallLog(body: Buffer, region?: CountryCode): PhoneCall[] {
  const { items, isBatch } = readOneOrBatch(body, {
    key: 'calls',
    item: CallLogEntry,
    max: MAX_CALLS_PER_BATCH,
    noun: 'call',
  });
  return items.map((entry, index) => callLogToPhoneCall(entry, isBatch ? index : null, region));
}
