import { isHubError } from '@hub/errors';
import { NormalizedInteraction } from '@hub/interactions';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { toPhoneInteraction } from './phone-call.ts';
import { parseTwilioStatusCallback } from './twilio-status.parser.ts';

const receivedAt = new Date('2026-11-23T09:00:05Z');

/** A completed inbound call's status callback, as Twilio posts it. */
const completed = (overrides: Record<string, string> = {}) =>
  new URLSearchParams({
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    ApiVersion: '2010-04-01',
    CallSid: 'CAa1b2c3d4e5f60718293a4b5c6d7e8f90',
    CallStatus: 'completed',
    CallDuration: '187',
    Called: '+982188001234',
    Caller: '+989121234567',
    CallbackSource: 'call-progress-events',
    Direction: 'inbound',
    From: '+989121234567',
    SequenceNumber: '3',
    Timestamp: 'Mon, 23 Nov 2026 08:59:30 +0000',
    To: '+982188001234',
    ...overrides,
  });

const callOf = (params: URLSearchParams) => {
  const parsed = parseTwilioStatusCallback(params, receivedAt, 'IR');
  if (parsed.kind !== 'call') throw new Error(`expected a call, got ${parsed.kind}`);
  return parsed.call;
};

const parses = suite('Twilio status callbacks');

parses('a completed inbound call: answered, customer from From, times from Timestamp and CallDuration', () => {
  const call = callOf(completed());
  assert.is(call.outcome, 'answered');
  assert.is(call.direction, 'inbound');
  assert.is(call.customerNumber, '+989121234567');
  assert.is(call.businessNumber, '+982188001234');
  assert.is(call.endedAt, '2026-11-23T08:59:30.000Z');
  assert.is(call.startedAt, '2026-11-23T08:56:23.000Z');
  assert.is(call.durationSeconds, 187);
  assert.is(call.providerStatus, 'completed');
  assert.is(call.accountId, 'AC0123456789abcdef0123456789abcdef');
  const interaction = toPhoneInteraction(call);
  assert.ok(NormalizedInteraction.safeParse(interaction).success, 'a valid normalised interaction');
  assert.equal(interaction.contact.identifiers, [{ kind: 'phone', value: '+989121234567' }]);
});

parses('progress callbacks and dial legs record nothing; one call gives one id however often it is sent', () => {
  for (const status of ['queued', 'initiated', 'ringing', 'in-progress']) {
    assert.is(parseTwilioStatusCallback(completed({ CallStatus: status }), receivedAt).kind, 'progress', status);
  }
  const leg = completed({ ParentCallSid: 'CA00000000000000000000000000000001', Direction: 'outbound-dial' });
  assert.is(parseTwilioStatusCallback(leg, receivedAt).kind, 'leg');
  const ids = [1, 2, 3].map(() => toPhoneInteraction(callOf(completed())).id);
  assert.is(new Set(ids).size, 1);
});

parses('CallStatus to outcome', () => {
  const outcomes = { 'no-answer': 'missed', canceled: 'missed', busy: 'busy', failed: 'failed' };
  for (const [status, outcome] of Object.entries(outcomes)) {
    assert.is(callOf(completed({ CallStatus: status, CallDuration: '0' })).outcome, outcome, status);
  }
});

parses('voicemail: an inbound recording no agent answered, or an outbound call a machine answered', () => {
  const recording = { RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC01/Recordings/RE01' };
  assert.is(callOf(completed(recording)).outcome, 'voicemail');
  assert.is(callOf(completed({ ...recording, AnsweredBy: 'human' })).outcome, 'answered');
  const outbound = { Direction: 'outbound-api', From: '+982188001234', To: '+989121234567' };
  assert.is(callOf(completed({ ...outbound, ...recording })).outcome, 'answered', 'teams record calls they place');
  assert.is(callOf(completed({ ...outbound, AnsweredBy: 'machine_end_beep' })).outcome, 'voicemail');
});

parses('a softphone call (client:...) is outbound, the customer is To, the agent the client identity', () => {
  const call = callOf(completed({ From: 'client:sara', To: '۰۹۱۲ ۱۲۳ ۴۵۶۷' }));
  assert.is(call.direction, 'outbound');
  assert.is(call.customerNumber, '+989121234567');
  assert.is(call.agentExtension, 'sara');
});

parses('refuses what it cannot read, naming the field', () => {
  const refusal = (params: URLSearchParams, field: RegExp) => {
    try {
      parseTwilioStatusCallback(params, receivedAt, 'IR');
      assert.unreachable('should refuse');
    } catch (error) {
      assert.ok(isHubError(error, 'INVALID_INPUT'), String(error));
      assert.match((error as Error).message, field);
    }
  };
  refusal(completed({ From: 'anonymous' }), /^From is not a valid phone number/);
  refusal(completed({ CallDuration: 'long' }), /CallDuration/);
  refusal(completed({ Timestamp: 'soon' }), /Timestamp/);
  refusal(completed({ RecordingUrl: 'javascript:alert(1)' }), /RecordingUrl/);
  refusal(completed({ CallSid: '' }), /CallSid/);
});

parses.run();
