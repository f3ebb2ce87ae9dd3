import { randomUUID } from 'node:crypto';
import { formatPosition, type GlobalPosition, type RecordedEvent, startOfAll } from '@hub/events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ReadAllOptions, ReadAllPage } from './event-store.port.ts';
import { createInMemoryEventStore } from './in-memory-event-store.ts';
import { createRecentEvents } from './recent-events.ts';

// The window over the in-memory store (the reference): every answer must be the store's own, and
// readers at the head must share one read of it.
function harness(settings: { capacity?: number; freshForMs?: number; pageSize?: number } = {}) {
  const store = createInMemoryEventStore();
  let appends = 0;
  let clock = 0;
  const reads: string[] = [];
  let gate: Promise<void> | undefined;
  const source = {
    async readAllPage(options: ReadAllOptions): Promise<ReadAllPage> {
      reads.push(`${formatPosition(options.after ?? startOfAll)} ${options.filter?.streamPrefix ?? '*'}`);
      const page = await store.readAllPage(options);
      if (gate) await gate;
      return page;
    },
    headPosition: async (): Promise<GlobalPosition> =>
      (await store.readAll({ maxCount: 1e9 })).at(-1)?.position ?? startOfAll,
    appends: () => appends,
  };
  const recent = createRecentEvents(source, { freshForMs: 10, ...settings, now: () => clock });
  /** Appends one event to each stream, as this process: counted. */
  const append = async (...streams: string[]) => {
    for (const stream of streams)
      await store.appendToStream(stream, [
        { id: randomUUID(), type: 'Noted', schemaVersion: 1, data: { stream }, occurredAt: new Date(0) },
      ]);
    appends += 1;
  };
  /** Appended by another process: the counter does not move. */
  const appendElsewhere = async (stream: string) => {
    await store.appendToStream(stream, [
      { id: randomUUID(), type: 'Noted', schemaVersion: 1, data: { stream }, occurredAt: new Date(0) },
    ]);
  };
  /** Appends customer-1 and opens the window after it: where the readers of a test start. */
  const opened = async (): Promise<GlobalPosition> => {
    await append('customer-1');
    const after = (await store.readAll()).at(-1)?.position as GlobalPosition;
    await recent.readAllPage({ after });
    return after;
  };
  return {
    store,
    recent,
    opened,
    reads,
    append,
    appendElsewhere,
    tick: (ms: number) => {
      clock += ms;
    },
    hold: () => {
      let release = () => {};
      gate = new Promise((resolve) => {
        release = () => {
          gate = undefined;
          resolve();
        };
      });
      return release;
    },
  };
}

const ids = (events: readonly RecordedEvent[]) => events.map((e) => `${e.streamId}@${e.revision}`);

const recent = suite('recent events: one read of the head for every reader');

recent('readers at the head share one read of it, each given only its streams', async () => {
  const h = harness();
  await h.append('case-1');
  const [head] = await h.store.readAll();
  const after = (head as RecordedEvent).position;
  await h.recent.readAllPage({ after }); // the window opens at the head
  await h.append('case-1', 'customer-7', 'conversation-3', 'customer-8');
  h.reads.length = 0;
  const [cases, customers, all] = await Promise.all([
    h.recent.readAllPage({ after, filter: { streamPrefix: 'case-' } }),
    h.recent.readAllPage({ after, filter: { streamPrefix: 'customer-' } }),
    h.recent.readAllPage({ after }),
  ]);
  assert.is(h.reads.length, 1, `one read of the store, not one per reader: ${h.reads.join(', ')}`);
  assert.equal(ids(cases.events), ['case-1@1']);
  assert.equal(ids(customers.events), ['customer-7@0', 'customer-8@0']);
  assert.equal(ids(all.events), ['case-1@1', 'customer-7@0', 'conversation-3@0', 'customer-8@0']);
  // A filtered reader resumes past what its filter left out, as from the store.
  const stored = await h.store.readAllPage({ after, filter: { streamPrefix: 'case-' } });
  assert.equal(cases.cursor, stored.cursor);
});

recent("a reader never misses this process's append, however recent the last read", async () => {
  const h = harness({ freshForMs: 60_000 });
  const after = await h.opened();
  await h.append('customer-2');
  const page = await h.recent.readAllPage({ after, filter: { streamPrefix: 'customer-' } });
  assert.equal(ids(page.events), ['customer-2@0']);
});

recent('a read under way when this process appended is not taken as showing the append', async () => {
  const h = harness({ freshForMs: 60_000 });
  const after = await h.opened();
  await h.append('customer-2');
  const release = h.hold();
  const early = h.recent.readAllPage({ after }); // its read of the store began before customer-3
  await new Promise((resolve) => setImmediate(resolve));
  await h.append('customer-3');
  const late = h.recent.readAllPage({ after });
  release();
  assert.equal(ids((await early).events), ['customer-2@0']);
  assert.equal(ids((await late).events), ['customer-2@0', 'customer-3@0']);
});

recent("other processes' appends are seen once the last read is older than freshForMs", async () => {
  const h = harness({ freshForMs: 10 });
  const after = await h.opened();
  await h.appendElsewhere('customer-2');
  assert.equal(ids((await h.recent.readAllPage({ after })).events), [], 'within 10 ms the last read answers');
  h.tick(11);
  assert.equal(ids((await h.recent.readAllPage({ after })).events), ['customer-2@0']);
});

recent('readers behind the window, and pages that fill, get what the store gives', async () => {
  const h = harness({ capacity: 8, pageSize: 3 });
  await h.append('customer-0');
  const [first] = await h.store.readAll();
  await h.recent.readAllPage({ after: (first as RecordedEvent).position });
  const appendSome = async (from: number, to: number) => {
    for (let n = from; n <= to; n++) await h.append(n % 3 === 0 ? `case-${n}` : `customer-${n}`);
  };
  await appendSome(1, 6);
  await h.recent.readAllPage({ after: (first as RecordedEvent).position }); // the window holds these
  await appendSome(7, 30); // more than the window keeps arrives between two reads
  h.tick(11);
  const all = await h.store.readAll({ maxCount: 1e9 });
  for (const from of [startOfAll, ...all.map((e) => e.position)])
    for (const filter of [undefined, { streamPrefix: 'case-' }, { streamPrefix: 'customer-' }])
      for (const maxCount of [1, 2, 5, 100]) {
        const expected = await h.store.readAllPage({ after: from, maxCount, ...(filter ? { filter } : {}) });
        const got = await h.recent.readAllPage({ after: from, maxCount, ...(filter ? { filter } : {}) });
        const what = `after ${formatPosition(from)}, ${filter?.streamPrefix ?? 'all'}, ${maxCount}`;
        assert.equal(ids(got.events), ids(expected.events), what);
        assert.equal(got.cursor, expected.cursor, what);
      }
  h.reads.length = 0;
  await h.recent.readAllPage({ after: all.at(-3)?.position as GlobalPosition });
  assert.equal(h.reads, [], 'the newest events are answered from the window');
  await h.recent.readAllPage({ after: all[2]?.position as GlobalPosition });
  assert.equal(h.reads.length, 1, 'the oldest are read from the store');
});

recent('a deletion during a read leaves nothing of that read behind', async () => {
  const h = harness({ freshForMs: 60_000 });
  const after = await h.opened();
  await h.append('customer-2');
  const release = h.hold();
  const reading = h.recent.readAllPage({ after });
  await new Promise((resolve) => setImmediate(resolve));
  await h.store.deleteStream('customer-2');
  h.recent.forget();
  release();
  assert.equal(ids((await reading).events), [], 'the reader waiting on that read');
  assert.equal(ids((await h.recent.readAllPage({ after })).events), [], 'the next reader');
});

recent.run();
