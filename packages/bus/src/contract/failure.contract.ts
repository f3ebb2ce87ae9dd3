import assert from 'node:assert/strict';
import { HubError } from '@hub/errors';
import {
  freshGroup,
  type LogContractCase,
  recorder,
  type Sample,
  seqOf,
  toMessage,
  waitUntil,
  withLog,
} from './log-contract.harness.ts';

const fourOf = (key: string): Sample[] => [0, 1, 2, 3].map((seq) => ({ key, seq }));
const fast = { initialDelayMs: 10, maxDelayMs: 50 };

export const failureContract: LogContractCase[] = [
  {
    name: 'a poison message goes to the dead letters with its reason; the messages after it are still handled',
    run: (harness) =>
      withLog(harness, { retry: fast }, async (log) => {
        const group = freshGroup('poison');
        const poison = new HubError('INVALID_EVENT', 'poison: the body is not an interaction');
        const { seen, handle } = recorder((message) => (seqOf(message) === 1 ? poison : undefined));
        const started = new Date();
        const consumer = await log.consume({ group, handle });
        // One key, so one partition: the poison sits in front of 2 and 3.
        await log.publish(fourOf('poison-key').map(toMessage));
        await waitUntil(() => seen.length >= 3, 'the messages after the poison', harness.timeoutMs);
        assert.deepEqual(
          seen.map((s) => s.seq),
          [0, 2, 3],
        );
        const [letter, ...others] = await log.deadLetters.list();
        assert.equal(others.length, 0, 'one dead letter');
        assert.ok(letter);
        assert.equal(letter.message.key, 'poison-key');
        assert.deepEqual(letter.message.value, toMessage({ key: 'poison-key', seq: 1 }).value);
        assert.deepEqual(letter.message.headers, toMessage({ key: 'poison-key', seq: 1 }).headers);
        assert.equal(letter.group, group);
        assert.match(letter.reason, /poison: the body is not an interaction/);
        assert.equal(letter.errorCode, 'INVALID_EVENT');
        assert.equal(letter.attempts, 1, 'a non-retriable error is not retried');
        assert.ok(letter.firstFailedAt >= new Date(started.getTime() - 1_000), 'first-failed time is recorded');
        assert.ok(letter.deadLetteredAt >= letter.firstFailedAt);
        await consumer.stop();
      }),
  },
  {
    name: 'an error that is not a HubError is retried a few times, then counts as poison',
    run: (harness) =>
      withLog(harness, { retry: { ...fast, unknownErrorAttempts: 3 } }, async (log) => {
        const { seen, handle } = recorder((message) => (seqOf(message) === 0 ? new TypeError('a bug') : undefined));
        const consumer = await log.consume({ group: freshGroup('unknown'), handle });
        await log.publish(fourOf('unknown-key').slice(0, 2).map(toMessage));
        await waitUntil(() => seen.length >= 1, 'the message after the failing one', harness.timeoutMs);
        const letters = await log.deadLetters.list();
        assert.equal(letters.length, 1);
        assert.equal(letters[0]?.attempts, 3);
        assert.equal(letters[0]?.errorCode, undefined);
        assert.match(letters[0]?.reason ?? '', /TypeError: a bug/);
        await consumer.stop();
      }),
  },
  {
    name: 'a retriable failure is retried in place until it succeeds, without reordering the key',
    run: (harness) =>
      withLog(harness, { retry: fast }, async (log) => {
        let failures = 0;
        const { seen, handle } = recorder((message) => {
          if (seqOf(message) !== 1 || failures >= 2) return undefined;
          failures += 1;
          return new HubError('EVENT_STORE_UNAVAILABLE', 'the store is down');
        });
        const consumer = await log.consume({ group: freshGroup('retry'), handle });
        await log.publish(fourOf('retry-key').map(toMessage));
        await waitUntil(() => seen.length >= 4, 'all four messages', harness.timeoutMs);
        assert.deepEqual(
          seen.map((s) => [s.seq, s.attempt]),
          [
            [0, 1],
            [1, 3],
            [2, 1],
            [3, 1],
          ],
        );
        assert.deepEqual(await log.deadLetters.list(), [], 'nothing was dead-lettered');
        await consumer.stop();
      }),
  },
  {
    name: 'redrive puts a dead letter back onto the log, where it is handled, and deletes it',
    run: (harness) =>
      withLog(harness, { retry: fast }, async (log) => {
        let broken = true;
        const poison = new HubError('UNKNOWN_EVENT_TYPE', 'written by a newer hub');
        const { seen, handle } = recorder((message) => (broken && seqOf(message) < 3 ? poison : undefined));
        const consumer = await log.consume({ group: freshGroup('redrive'), handle });
        await log.publish(fourOf('redrive-key').map(toMessage));
        await waitUntil(() => seen.length >= 1, 'the healthy message', harness.timeoutMs);
        const letters = await log.deadLetters.list();
        assert.equal(letters.length, 3);
        await assert.rejects(
          log.deadLetters.redrive('999999-999999'),
          (error) => error instanceof HubError && error.code === 'NOT_FOUND',
        );

        broken = false; // the fix is deployed
        await log.deadLetters.redrive(letters[1]?.id ?? '');
        await waitUntil(() => seen.some((s) => s.seq === 1), 'the redriven message handled', harness.timeoutMs);
        assert.deepEqual(
          (await log.deadLetters.list()).map((l) => l.id),
          [letters[0]?.id, letters[2]?.id],
          'the redriven letter is gone, the others stay',
        );
        assert.equal(await log.deadLetters.redriveAll(), 2);
        await waitUntil(() => seen.length >= 4, 'every redriven message handled', harness.timeoutMs);
        assert.deepEqual(
          seen.map((s) => s.seq),
          [3, 1, 0, 2],
        );
        assert.deepEqual(await log.deadLetters.list(), []);
        await consumer.stop();
      }),
  },
];
