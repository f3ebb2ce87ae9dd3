import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openSlaFacts, recordSlaFact, type SlaFact } from './sla-facts.ts';

const at = (iso: string) => new Date(iso);
const fold = (...facts: SlaFact[]) => facts.reduce(recordSlaFact, openSlaFacts('c-1', at('2026-11-09T09:00:00Z')));

const folding = suite('SLA facts: customer waits from a conversation’s messages');

folding('the oldest unanswered message starts a wait; a reply ends it; the next message starts another', () => {
  const facts = fold(
    { kind: 'inbound-message', at: at('2026-11-09T09:00:00Z') },
    { kind: 'inbound-message', at: at('2026-11-09T09:05:00Z') },
    { kind: 'reply', at: at('2026-11-09T09:30:00Z') },
    { kind: 'reply', at: at('2026-11-09T09:40:00Z') },
    { kind: 'inbound-message', at: at('2026-11-09T10:00:00Z') },
  );
  assert.equal(facts.waits, [
    { since: at('2026-11-09T09:00:00Z'), answeredAt: at('2026-11-09T09:30:00Z') },
    { since: at('2026-11-09T10:00:00Z'), answeredAt: null },
  ]);
});

folding('resolving answers an open wait and is kept as a status change; pending does not answer', () => {
  const facts = fold(
    { kind: 'inbound-message', at: at('2026-11-09T09:00:00Z') },
    { kind: 'status-changed', at: at('2026-11-09T09:10:00Z'), status: 'pending' },
    { kind: 'status-changed', at: at('2026-11-09T09:20:00Z'), status: 'resolved' },
  );
  assert.equal(facts.waits, [{ since: at('2026-11-09T09:00:00Z'), answeredAt: at('2026-11-09T09:20:00Z') }]);
  assert.equal(
    facts.statusChanges.map((change) => change.status),
    ['pending', 'resolved'],
  );
});

folding.run();
