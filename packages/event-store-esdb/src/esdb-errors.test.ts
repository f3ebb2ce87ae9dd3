import assert from 'node:assert/strict';
import {
  AccessDeniedError,
  DeadlineExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { isHubError } from '@hub/errors';
import { suite } from 'uvu';
import { isStreamNotFound, toPortExpected, toPortRevision, translateEsdbError } from './esdb-errors.ts';

const wrongVersion = (expected: bigint | 'no_stream' | 'stream_exists', current: bigint | 'no_stream') =>
  new WrongExpectedVersionError(undefined, { streamName: 'conversation-42', expected, current });

const translate = suite('error translation: client errors to the port typed errors');

translate('a wrong expected version names the stream, what was asked and where the stream is', () => {
  const error = translateEsdbError(wrongVersion(0n, 1n), { streamId: 'conversation-42', expected: 0 });
  assert.ok(isHubError(error, 'WRONG_EXPECTED_REVISION'));
  assert.deepEqual(error.context, { streamId: 'conversation-42', expected: 0, actual: 1 });
  assert.equal(error.retriable, false);
});

translate('a stream with no events is actual null; without context the client spelling is used', () => {
  const error = translateEsdbError(wrongVersion('stream_exists', 'no_stream'));
  assert.ok(isHubError(error, 'WRONG_EXPECTED_REVISION'));
  assert.deepEqual(error.context, { streamId: 'conversation-42', expected: 'stream_exists', actual: null });
});

translate('revisions and the server sentinels carried in gRPC trailers map to the port', () => {
  assert.equal(toPortRevision('no_stream'), null);
  assert.equal(toPortRevision(-1n), null);
  assert.equal(toPortRevision(41n), 41);
  assert.equal(toPortExpected(-1n), 'no_stream');
  assert.equal(toPortExpected(-2n), 'any');
  assert.equal(toPortExpected(-4n), 'stream_exists');
  assert.equal(toPortExpected(7n), 7);
  assert.equal(toPortExpected('any'), 'any');
});

translate('a deleted stream is STREAM_DELETED for the stream', () => {
  const error = translateEsdbError(StreamDeletedError.fromStreamName('conversation-42'));
  assert.ok(isHubError(error, 'STREAM_DELETED'));
  assert.equal(error.context.streamId, 'conversation-42');
});

translate('unavailable and deadline errors, converted or raw gRPC, are a retriable EVENT_STORE_UNAVAILABLE', () => {
  const raw = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
  const causes = [
    new UnavailableError(),
    new DeadlineExceededError(),
    raw,
    new Error('Failed to discover after 10 attempts.'),
  ];
  for (const cause of causes) {
    const error = translateEsdbError(cause);
    assert.ok(isHubError(error, 'EVENT_STORE_UNAVAILABLE'), String(cause));
    assert.equal(error.retriable, true);
    assert.equal(error.cause, cause);
  }
});

translate('anything else passes through untouched', () => {
  const denied = new AccessDeniedError();
  const bug = new TypeError('handler bug');
  assert.equal(translateEsdbError(denied), denied);
  assert.equal(translateEsdbError(bug), bug);
  assert.equal(translateEsdbError('not an error'), 'not an error');
});

translate('a stream that was never written is recognised, to be read as empty', () => {
  assert.equal(isStreamNotFound(new StreamNotFoundError(undefined, 'conversation-42')), true);
  assert.equal(isStreamNotFound(new UnavailableError()), false);
  assert.equal(isStreamNotFound(new Error('stream not found')), false);
});

translate.run();
