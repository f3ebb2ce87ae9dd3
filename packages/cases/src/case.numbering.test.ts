import { randomUUID } from 'node:crypto';
import { createInMemoryEventStore } from '@hub/event-store';
import { caseNumberingStream, caseStream } from '@hub/events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, customerId, sara } from './case.fixtures.ts';
import { formatCaseNumber, openCase } from './case.numbering.ts';

const numbering = suite('case numbers: C-<year>-<number>, unique and without gaps');

const command = (caseId: string, now = at('09:00:00')) => ({
  caseId,
  caseKind: 'complaint' as const,
  customerId,
  subject: 'broken',
  description: null,
  orderReference: null,
  ownerId: null,
  conversationIds: [],
  actor: sara,
  now,
});

numbering('numbers read C-2026-000042, and grow past six digits', () => {
  assert.is(formatCaseNumber(2026, 42), 'C-2026-000042');
  assert.is(formatCaseNumber(2026, 1_234_567), 'C-2026-1234567');
});

numbering('twenty cases opened at once get the numbers 1 to 20, each once', async () => {
  const store = createInMemoryEventStore();
  const deps = { store, newEventId: randomUUID, metadata: {}, attempts: 50 };
  const ids = Array.from({ length: 20 }, () => randomUUID());
  const opened = await Promise.all(ids.map((id) => openCase(deps, command(id))));
  const numbers = opened.map((o) => o.state.caseNumber).sort();
  assert.equal(
    numbers,
    Array.from({ length: 20 }, (_, i) => formatCaseNumber(2026, i + 1)),
  );
  const allocations = await store.readStream(caseNumberingStream(2026));
  assert.equal(
    allocations.map((e) => (e.data as { number: number }).number),
    Array.from({ length: 20 }, (_, i) => i + 1),
  );
});

numbering('a refused case takes no number; a new year starts again at 1', async () => {
  const store = createInMemoryEventStore();
  const deps = { store, newEventId: randomUUID, metadata: {} };
  await openCase(deps, command(randomUUID()));
  const refused = await openCase(deps, { ...command(randomUUID()), subject: '' }).catch((error: Error) => error);
  assert.instance(refused, Error);
  const next = await openCase(deps, command(randomUUID()));
  assert.is(next.state.caseNumber, 'C-2026-000002');
  const newYear = await openCase(deps, command(randomUUID(), new Date('2027-01-01T00:00:01Z')));
  assert.is(newYear.state.caseNumber, 'C-2027-000001');
});

numbering('opening the same case id twice is refused and takes no second number', async () => {
  const store = createInMemoryEventStore();
  const deps = { store, newEventId: randomUUID, metadata: {} };
  const id = randomUUID();
  await openCase(deps, command(id));
  const again = await openCase(deps, command(id)).catch((error: { code?: string }) => error);
  assert.is((again as { code?: string }).code, 'ALREADY_EXISTS');
  assert.is((await store.readStream(caseNumberingStream(2026))).length, 1);
  assert.is((await store.readStream(caseStream(id))).length, 1);
});

numbering.run();
