import type { CountryCode } from '@hub/customer-identity';
import { HubError } from '@hub/errors';
import { partyNumber, requireCustomerNumber, twilioEndpoint } from './call-party.ts';
import type { CallOutcome, PhoneCall } from './phone-call.ts';

/**
 * What a Twilio Voice status callback means for the timeline. Twilio posts one callback per
 * progress event (initiated, ringing, answered, completed) and may deliver each more than once;
 * only the terminal one carries the outcome and the duration, so only it becomes an interaction,
 * named by its CallSid: however many callbacks a call produces, it appears once.
 */
export type TwilioCallback =
  | { readonly kind: 'call'; readonly call: PhoneCall }
  /** Initiated, ringing, in-progress: acknowledged, nothing recorded. */
  | { readonly kind: 'progress'; readonly status: string }
  /** A `<Dial>` leg of a parent call: the parent's callback records the customer's call. */
  | { readonly kind: 'leg'; readonly parentCallSid: string };

const terminalOutcomes: Readonly<Record<string, CallOutcome>> = {
  completed: 'answered',
  'no-answer': 'missed',
  canceled: 'missed',
  busy: 'busy',
  failed: 'failed',
};

const required = (params: URLSearchParams, name: string): string => {
  const value = params.get(name)?.trim();
  if (!value) throw new HubError('INVALID_INPUT', `the Twilio callback has no ${name}`, { field: name });
  return value;
};

function seconds(params: URLSearchParams, name: string): number {
  const value = params.get(name)?.trim() || '0';
  if (!/^\d{1,9}$/.test(value)) {
    throw new HubError('INVALID_INPUT', `${name} must be a whole number of seconds`, { field: name });
  }
  return Number(value);
}

function instant(params: URLSearchParams, name: string, fallback: Date): Date {
  const value = params.get(name)?.trim();
  if (!value) return fallback;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new HubError('INVALID_INPUT', `${name} is not a date`, { field: name });
  return new Date(time);
}

function recordingUrl(params: URLSearchParams): string | null {
  const value = params.get('RecordingUrl')?.trim();
  if (!value) return null;
  if (!URL.canParse(value) || !/^https?:/i.test(value)) {
    throw new HubError('INVALID_INPUT', 'RecordingUrl is not an http(s) URL', { field: 'RecordingUrl' });
  }
  return value;
}

/**
 * Voicemail, when Twilio cannot say "an agent answered": an inbound call that completed with a
 * recording, unless answering-machine detection said a human answered or the `<Dial>` to an agent
 * completed; an outbound call that answering-machine detection says reached a machine. Recordings
 * of outbound calls alone prove nothing (many teams record every call they place).
 */
function outcomeOf(params: URLSearchParams, status: string, inbound: boolean, recording: string | null): CallOutcome {
  const outcome = terminalOutcomes[status] ?? 'failed';
  if (outcome !== 'answered') return outcome;
  const answeredBy = params.get('AnsweredBy') ?? '';
  if (!inbound) return /^(machine|fax)/.test(answeredBy) ? 'voicemail' : 'answered';
  const agentAnswered = answeredBy === 'human' || params.get('DialCallStatus') === 'completed';
  return recording && !agentAnswered ? 'voicemail' : 'answered';
}

/** Reads a status callback's parameters; `region` reads national numbers. */
export function parseTwilioStatusCallback(
  params: URLSearchParams,
  receivedAt: Date,
  region?: CountryCode,
): TwilioCallback {
  const callSid = required(params, 'CallSid');
  const status = required(params, 'CallStatus').toLowerCase();
  if (!(status in terminalOutcomes)) return { kind: 'progress', status };
  const parentCallSid = params.get('ParentCallSid')?.trim();
  if (parentCallSid) return { kind: 'leg', parentCallSid };

  const from = params.get('From')?.trim() ?? '';
  const to = params.get('To')?.trim() ?? '';
  // A call from a softphone (`client:alice`) reaches Twilio as "inbound" but was placed by an agent.
  const agentPlaced = twilioEndpoint(from) !== null;
  const inbound = (params.get('Direction') ?? 'inbound') === 'inbound' && !agentPlaced;
  const [customerField, businessField] = inbound ? ['From', 'To'] : ['To', 'From'];
  const customerNumber = requireCustomerNumber(params.get(customerField) ?? undefined, customerField, region);
  const business = params.get(businessField)?.trim() ?? '';
  const durationSeconds = seconds(params, 'CallDuration');
  const endedAt = instant(params, 'Timestamp', receivedAt);
  // CallDuration counts from answer; Twilio's callbacks carry no ringing start, so start = end - duration.
  const startedAt = new Date(endedAt.getTime() - durationSeconds * 1000).toISOString();
  const recording = recordingUrl(params);
  const outcome = outcomeOf(params, status, inbound, recording);
  return {
    kind: 'call',
    call: {
      system: 'twilio',
      externalId: callSid,
      source: 'twilio',
      callId: callSid,
      direction: inbound ? 'inbound' : 'outbound',
      from: inbound ? customerNumber : partyNumber(from, region),
      to: inbound ? partyNumber(to, region) : customerNumber,
      customerNumber,
      businessNumber: business ? partyNumber(business, region) : null,
      customerName: (inbound && params.get('CallerName')?.trim()) || null,
      occurredAt: startedAt,
      startedAt,
      answeredAt: outcome === 'answered' || outcome === 'voicemail' ? startedAt : null,
      endedAt: endedAt.toISOString(),
      durationSeconds,
      talkSeconds: outcome === 'answered' ? durationSeconds : 0,
      outcome,
      providerStatus: status,
      recordingUrl: recording,
      agentExtension: twilioEndpoint(inbound ? to : from),
      answeredBy: params.get('AnsweredBy')?.trim() || null,
      accountId: params.get('AccountSid')?.trim() || null,
      parentCallId: null,
    },
  };
}
