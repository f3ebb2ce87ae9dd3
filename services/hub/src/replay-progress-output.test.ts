import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createProgressOutput } from './replay-progress-output.ts';

const fakeStream = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, stream: { isTTY, columns: 100, write: (text: string) => written.push(text) } };
};

test('off a terminal: one plain line every few seconds, then the summary', () => {
  let now = 0;
  const { written, stream } = fakeStream(false);
  const output = createProgressOutput(stream, 'timeline', { lineEveryMs: 3000, clock: () => now });
  for (let second = 1; second <= 7; second++) {
    now = second * 1000;
    output.update(second * 1000, 10_000);
  }
  output.finish('10000 events');
  assert.equal(written, [
    'timeline: 30% 3,000/10,000 events, 1,000 events/s, ETA 7s\n',
    'timeline: 60% 6,000/10,000 events, 1,000 events/s, ETA 4s\n',
    'timeline: 10000 events\n',
  ]);
  assert.ok(
    written.every((line) => !line.includes('\r')),
    'no carriage returns in a log',
  );
});

test('on a terminal: the bar redrawn in place, cleared for the summary', () => {
  let now = 0;
  const { written, stream } = fakeStream(true);
  const output = createProgressOutput(stream, 'inbox', { redrawMs: 100, clock: () => now });
  now = 50;
  output.update(10, 100);
  now = 200;
  output.update(40, 100);
  output.finish('done');
  assert.is(written.length, 2);
  const bar = written[0] ?? '';
  assert.ok(bar.startsWith('\rinbox [####'), bar);
  assert.ok(bar.endsWith(']  40% 40/100 events, 200 events/s, ETA 1s\x1b[K'), bar);
  assert.is(written[1], '\r\x1b[Kinbox: done\n');
});

test.run();
