import { HubError, isHubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { caseNumberingStream, caseStream, type DomainEvent, encodeEvent } from '@hub/events';
import type { CaseEvent, OpenCase } from './case.commands.ts';
import { caseDecider } from './case.decider.ts';
import type { OpenedCase } from './case.state.ts';

/** `C-2026-000042`: six digits at least, more once a year has a million cases. */
export const formatCaseNumber = (year: number, number: number): string =>
  `C-${year}-${String(number).padStart(6, '0')}`;

export interface OpenCaseDependencies {
  readonly store: EventStore;
  readonly newEventId: () => string;
  /** Metadata of the case's own events (its owner's id, so its personal fields are sealed). */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Tries when another case took the number first (30), each after a short random wait. */
  readonly attempts?: number;
}

export interface OpenedCaseResult {
  readonly state: OpenedCase;
  readonly events: readonly CaseEvent[];
  readonly revision: number;
}

/**
 * Opens a case under the next number of its year. The year's numbering stream holds one
 * `CaseNumberAllocated` per number, so its revision n is number n + 1; the number and the case's
 * first events are appended together (`appendToStreams`), the numbering stream at the revision
 * read. Two cases opened at once cannot both take a number: the second is decided again on the
 * next one. On PostgreSQL and PGlite the two appends are one transaction, so no number is ever
 * skipped or given twice; on KurrentDB (appended one after the other) a crash between them leaves a
 * number whose case was never opened, and the numbering stream names the case id it was meant for.
 */
export async function openCase(
  deps: OpenCaseDependencies,
  command: Omit<OpenCase, 'kind' | 'caseNumber'>,
): Promise<OpenedCaseResult> {
  const year = command.now.getUTCFullYear();
  const numbering = caseNumberingStream(year);
  const attempts = deps.attempts ?? 30;
  for (let attempt = 1; ; attempt += 1) {
    const [last] = await deps.store.readStream(numbering, { direction: 'backwards', maxCount: 1 });
    const number = (last?.revision ?? -1) + 2;
    const caseNumber = formatCaseNumber(year, number);
    // Decided before anything is written: a refused case takes no number.
    const events = caseDecider.decide({ ...command, kind: 'OpenCase', caseNumber }, caseDecider.initialState);
    const allocated: DomainEvent = {
      type: 'CaseNumberAllocated',
      data: { year, number, caseNumber, caseId: command.caseId, at: command.now.toISOString() },
    };
    try {
      const [, opened] = await deps.store.appendToStreams([
        {
          streamId: numbering,
          events: [encodeEvent(allocated, { id: deps.newEventId(), occurredAt: command.now })],
          expectedRevision: last ? last.revision : 'no_stream',
        },
        {
          streamId: caseStream(command.caseId),
          events: events.map((event) =>
            encodeEvent(event, { id: deps.newEventId(), occurredAt: command.now, metadata: deps.metadata }),
          ),
          expectedRevision: 'no_stream',
        },
      ]);
      const state = events.reduce(caseDecider.evolve, caseDecider.initialState);
      if (!state.exists || !opened) throw new HubError('INVALID_EVENT', 'a case opened without its opening event');
      return { state, events, revision: opened.nextExpectedRevision };
    } catch (error) {
      if (!isHubError(error, 'WRONG_EXPECTED_REVISION')) throw error;
      const existing = await deps.store.readStream(caseStream(command.caseId), { maxCount: 1 });
      if (existing.length > 0) throw new HubError('ALREADY_EXISTS', `case ${command.caseId} already exists`);
      if (attempt >= attempts) throw error;
      // Openers that lost together would collide again on the next number: spread them out.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(5 * attempt, 50)));
    }
  }
}
