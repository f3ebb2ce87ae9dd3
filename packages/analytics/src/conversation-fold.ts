import type { DomainEvent } from '@hub/events';
import {
  businessTimeBetween,
  type ConversationPriority,
  choosePolicy,
  type ServiceLevelSettings,
} from '@hub/service-levels';

// One conversation's events folded into facts, pure: the projection loads the states a page
// touches, folds the page in order through here and writes states and facts back in a few
// statements. Instants stay ISO strings, as in the events.

type Status = 'open' | 'pending' | 'snoozed' | 'resolved';

/** What the fold remembers of a conversation between its events (a jsonb column). */
export interface ConversationFold {
  readonly channel: string;
  readonly inboxId: string;
  readonly priority: ConversationPriority;
  readonly teamId: string | null;
  readonly agentId: string | null;
  readonly status: Status;
  readonly openedAt: string;
  /** Start of the episode under way (opened, or reopened after a resolution); null while resolved. */
  readonly episodeStartedAt: string | null;
  readonly episodeReopened: boolean;
  /** The oldest inbound message nothing answered yet (the SLA's customer wait); null when nobody waits. */
  readonly waitingSince: string | null;
  /** Starts of the waits so far, oldest first: the first is the first-response wait. */
  readonly waitStarts: readonly string[];
  /** The SLA resolution clock: open (not pending, snoozed or resolved) since, and business ms before. */
  readonly openSince: string | null;
  readonly openBusinessMs: number;
  readonly resolutionDecided: boolean;
  /** The revision of the latest CSAT request, which a rating answers. */
  readonly csatRevision: number | null;
}

export interface Dimensions {
  readonly channel: string;
  readonly inboxId: string;
  readonly teamId: string | null;
  readonly agentId: string | null;
}

export type ConversationFact =
  | ({ kind: 'message'; interactionId: string; direction: string; author: string; occurredAt: string } & Dimensions)
  | ({
      kind: 'response';
      response: 'first' | 'next';
      waitingSince: string;
      respondedAt: string;
      calendarSeconds: number;
      businessSeconds: number | null;
    } & Dimensions)
  | ({
      kind: 'resolution';
      episodeStartedAt: string;
      resolvedAt: string;
      reopened: boolean;
      calendarSeconds: number;
      businessSeconds: number | null;
    } & Dimensions)
  | ({
      kind: 'sla';
      target: string;
      targetStartedAt: string;
      policyId: string;
      outcome: 'met' | 'breached';
      decidedAt: string;
      /** A recorded SlaBreached: overrides what the fold worked out. */
      recorded: boolean;
    } & Dimensions)
  | ({ kind: 'csat-requested'; requestedAt: string } & Dimensions)
  | { kind: 'csat-recorded'; requestRevision: number; rating: number; ratedAt: string };

const WAITS_KEPT = 50;
const ms = (iso: string) => Date.parse(iso);
const dimensions = (state: ConversationFold, agentId = state.agentId): Dimensions => ({
  channel: state.channel,
  inboxId: state.inboxId,
  teamId: state.teamId,
  agentId,
});

/** The calendar business time counts in: the applicable policy's, else the first saved; none: null. */
export function calendarFor(settings: ServiceLevelSettings, state: Pick<ConversationFold, 'inboxId' | 'priority'>) {
  const policy = choosePolicy(settings.policies, { inboxId: state.inboxId, priority: state.priority });
  const calendar = settings.calendars.find((c) => c.id === policy?.calendarId) ?? settings.calendars[0] ?? null;
  return { policy, calendar };
}

const businessSeconds = (settings: ServiceLevelSettings, state: ConversationFold, from: string, to: string) => {
  const { calendar } = calendarFor(settings, state);
  return calendar ? businessTimeBetween(calendar, new Date(from), new Date(to)) / 1000 : null;
};

/** A wait answered (by an outbound message or a resolution): its SLA target met or missed. */
function responseTarget(settings: ServiceLevelSettings, state: ConversationFold, at: string, agentId: string | null) {
  const since = state.waitingSince as string;
  const first = state.waitStarts.length === 1 && state.waitStarts[0] === since;
  const { policy, calendar } = calendarFor(settings, state);
  const minutes = first ? policy?.targets.firstResponse : policy?.targets.nextResponse;
  if (!policy || !calendar || minutes === undefined) return [];
  const late = businessTimeBetween(calendar, new Date(since), new Date(at)) >= minutes * 60_000;
  return [
    {
      kind: 'sla',
      target: first ? 'first-response' : 'next-response',
      targetStartedAt: since,
      policyId: policy.id,
      outcome: late ? 'breached' : 'met',
      decidedAt: at,
      recorded: false,
      ...dimensions(state, agentId),
    } as const,
  ];
}

/** Business time the SLA resolution clock ran while open, up to `at`. */
const openBusinessMsAt = (settings: ServiceLevelSettings, state: ConversationFold, at: string) => {
  if (state.openSince === null) return state.openBusinessMs;
  const { calendar } = calendarFor(settings, state);
  return state.openBusinessMs + (calendar ? businessTimeBetween(calendar, new Date(state.openSince), new Date(at)) : 0);
};

function changeStatus(
  settings: ServiceLevelSettings,
  state: ConversationFold,
  status: Status,
  at: string,
): { state: ConversationFold; facts: ConversationFact[] } {
  if (status === state.status) return { state, facts: [] };
  const facts: ConversationFact[] = [];
  let next: ConversationFold = {
    ...state,
    status,
    openBusinessMs: openBusinessMsAt(settings, state, at),
    openSince: status === 'open' ? at : null,
  };
  if (status === 'resolved') {
    if (state.waitingSince !== null) facts.push(...responseTarget(settings, state, at, state.agentId));
    if (state.episodeStartedAt !== null) {
      facts.push({
        kind: 'resolution',
        episodeStartedAt: state.episodeStartedAt,
        resolvedAt: at,
        reopened: state.episodeReopened,
        calendarSeconds: (ms(at) - ms(state.episodeStartedAt)) / 1000,
        businessSeconds: businessSeconds(settings, state, state.episodeStartedAt, at),
        ...dimensions(state),
      });
    }
    const { policy } = calendarFor(settings, state);
    const minutes = policy?.targets.resolution;
    if (!state.resolutionDecided && policy && minutes !== undefined) {
      facts.push({
        kind: 'sla',
        target: 'resolution',
        targetStartedAt: state.openedAt,
        policyId: policy.id,
        outcome: next.openBusinessMs >= minutes * 60_000 ? 'breached' : 'met',
        decidedAt: at,
        recorded: false,
        ...dimensions(state),
      });
      next = { ...next, resolutionDecided: true };
    }
    next = { ...next, waitingSince: null, episodeStartedAt: null };
  } else if (state.status === 'resolved') {
    next = { ...next, episodeStartedAt: at, episodeReopened: true };
  }
  return { state: next, facts };
}

/** The wait an SLA breach belongs to: the latest that started at or before its due time. */
const waitOf = (state: ConversationFold, dueAt: string) =>
  [...state.waitStarts].reverse().find((since) => ms(since) <= ms(dueAt)) ?? state.waitStarts[0] ?? state.openedAt;

export function foldConversationEvent(
  settings: ServiceLevelSettings,
  state: ConversationFold | null,
  event: DomainEvent,
  revision: number,
): { state: ConversationFold | null; facts: ConversationFact[] } {
  if (event.type === 'ConversationOpened') {
    if (state) return { state, facts: [] };
    const d = event.data;
    return {
      state: {
        channel: d.channel,
        inboxId: d.inboxId,
        priority: 'none',
        teamId: null,
        agentId: null,
        status: 'open',
        openedAt: d.openedAt,
        episodeStartedAt: d.openedAt,
        episodeReopened: false,
        waitingSince: null,
        waitStarts: [],
        openSince: d.openedAt,
        openBusinessMs: 0,
        resolutionDecided: false,
        csatRevision: null,
      },
      facts: [],
    };
  }
  if (!state) return { state, facts: [] };
  switch (event.type) {
    case 'ConversationMessageAdded': {
      const d = event.data;
      const agentId = d.actor.kind === 'agent' ? d.actor.userId : state.agentId;
      const message: ConversationFact = {
        kind: 'message',
        interactionId: d.interactionId,
        direction: d.direction,
        author: d.actor.kind,
        occurredAt: d.occurredAt,
        ...dimensions(state, agentId),
      };
      if (d.direction === 'inbound') {
        if (state.waitingSince !== null) return { state, facts: [message] };
        const waitStarts = [...state.waitStarts, d.occurredAt].slice(-WAITS_KEPT);
        return { state: { ...state, waitingSince: d.occurredAt, waitStarts }, facts: [message] };
      }
      if (state.waitingSince === null) return { state, facts: [message] };
      const since = state.waitingSince;
      const response: ConversationFact = {
        kind: 'response',
        response: state.waitStarts.length === 1 && state.waitStarts[0] === since ? 'first' : 'next',
        waitingSince: since,
        respondedAt: d.occurredAt,
        calendarSeconds: (ms(d.occurredAt) - ms(since)) / 1000,
        businessSeconds: businessSeconds(settings, state, since, d.occurredAt),
        ...dimensions(state, agentId),
      };
      return {
        state: { ...state, waitingSince: null },
        facts: [message, response, ...responseTarget(settings, state, d.occurredAt, agentId)],
      };
    }
    case 'ConversationStatusChanged':
      return changeStatus(settings, state, event.data.status, event.data.at);
    case 'ConversationReopened':
      return changeStatus(settings, state, 'open', event.data.at);
    case 'ConversationPriorityChanged':
      return { state: { ...state, priority: event.data.priority }, facts: [] };
    case 'ConversationAssigned':
      return { state: { ...state, teamId: event.data.teamId, agentId: event.data.agentId }, facts: [] };
    case 'CsatRequested':
      return {
        state: { ...state, csatRevision: revision },
        facts: [{ kind: 'csat-requested', requestedAt: event.data.at, ...dimensions(state) }],
      };
    case 'CsatRecorded':
      return state.csatRevision === null
        ? { state, facts: [] }
        : {
            state,
            facts: [
              {
                kind: 'csat-recorded',
                requestRevision: state.csatRevision,
                rating: event.data.rating,
                ratedAt: event.data.at,
              },
            ],
          };
    case 'SlaBreached': {
      const d = event.data;
      return {
        state: d.target === 'resolution' ? { ...state, resolutionDecided: true } : state,
        facts: [
          {
            kind: 'sla',
            target: d.target,
            targetStartedAt: d.target === 'resolution' ? state.openedAt : waitOf(state, d.dueAt),
            policyId: d.policyId,
            outcome: 'breached',
            decidedAt: d.dueAt,
            recorded: true,
            ...dimensions(state),
          },
        ],
      };
    }
    default:
      return { state, facts: [] };
  }
}
