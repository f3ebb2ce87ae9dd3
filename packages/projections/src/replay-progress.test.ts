import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { csvRecord } from './csv.ts';
import { estimateReplay, formatDuration, progressLine, renderProgressBar } from './replay-progress.ts';
import { parseShard, shardOf } from './replay-shards.ts';

test('the ETA is what is left at the rate so far', () => {
  // 12,000 of 30,000 in 4 s: 3,000 events/s, 18,000 left: 6 s.
  assert.equal(estimateReplay({ events: 12_000, total: 30_000, elapsedMs: 4000 }), {
    events: 12_000,
    total: 30_000,
    eventsPerSecond: 3000,
    fraction: 0.4,
    etaSeconds: 6,
  });
  // Rounded up: 1 event left at 3 events/s is still a second away, not none.
  assert.is(estimateReplay({ events: 3, total: 4, elapsedMs: 1000 }).etaSeconds, 1);
  assert.is(estimateReplay({ events: 30, total: 30, elapsedMs: 1000 }).etaSeconds, 0);
  // Nothing done yet: no rate, so no ETA rather than infinity.
  assert.equal(estimateReplay({ events: 0, total: 30, elapsedMs: 0 }), {
    events: 0,
    total: 30,
    eventsPerSecond: 0,
    fraction: 0,
  });
  // No total (a store that cannot count): the rate alone.
  assert.equal(estimateReplay({ events: 500, elapsedMs: 250 }), { events: 500, eventsPerSecond: 2000 });
  // An empty store is done.
  assert.is(estimateReplay({ events: 0, total: 0, elapsedMs: 10 }).fraction, 1);
});

test('durations read as seconds, minutes or hours', () => {
  assert.is(formatDuration(42), '42s');
  assert.is(formatDuration(185), '3m05s');
  assert.is(formatDuration(7620), '2h07m');
});

test('the bar shows the share done, the figures after it, within the columns', () => {
  const half = estimateReplay({ events: 1000, total: 2000, elapsedMs: 2000 });
  const bar = renderProgressBar('timeline', half, 100);
  assert.is(bar, `timeline [${'#'.repeat(20)}${'.'.repeat(20)}]  50% 1,000/2,000 events, 500 events/s, ETA 2s`);
  assert.ok(renderProgressBar('timeline', half, 40).length <= 40);
  assert.is(
    renderProgressBar('inbox', estimateReplay({ events: 10, elapsedMs: 1000 }), 80),
    'inbox 10 events, 10 events/s',
  );
  assert.is(progressLine('cases', half), 'cases: 50% 1,000/2,000 events, 500 events/s, ETA 2s');
});

test('a customer always falls to the same shard, and the shards share the customers', () => {
  const counts = [0, 0, 0, 0];
  for (let n = 0; n < 4000; n++) {
    const shard = shardOf(`customer-${n}`, 4);
    assert.is(shardOf(`customer-${n}`, 4), shard);
    counts[shard] = (counts[shard] ?? 0) + 1;
  }
  for (const count of counts) assert.ok(count > 850 && count < 1150, `an even share: ${counts.join(', ')}`);
  assert.is(shardOf(undefined, 4), 0);
  assert.equal(parseShard('2/4'), { index: 1, count: 4 });
  assert.throws(() => parseShard('5/4'), /1 <= n <= N/);
  assert.throws(() => parseShard('0/4'), /1 <= n <= N/);
});

test('CSV fields are quoted when they must be, quotes doubled, lines in CRLF', () => {
  assert.is(
    csvRecord([
      'plain',
      'a,b',
      'say "hi"',
      'two\nlines',
      ' padded',
      null,
      42,
      { n: 1 },
      new Date(Date.UTC(2026, 0, 2)),
    ]),
    'plain,"a,b","say ""hi""","two\nlines"," padded",,42,"{""n"":1}",2026-01-02T00:00:00.000Z\r\n',
  );
});

test.run();
