import type { Decider } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { Actor, DomainEventOf } from '@hub/events';
import { outcomeUnknown } from './delivery-error.ts';

export type ReplyEvent =
  | DomainEventOf<'ReplyRequested'>
  | DomainEventOf<'ReplyDeliveryAttempted'>
  | DomainEventOf<'ReplySent'>
  | DomainEventOf<'ReplyDeliveryFailed'>
  | DomainEventOf<'ReplyRetryRequested'>;
export type ReplyRequest = DomainEventOf<'ReplyRequested'>['data'];

export interface Backoff {
  readonly baseMs: number;
  readonly capMs: number;
  /** After this many failed attempts a transient error is final too. */
  readonly maxAttempts: number;
}
export const defaultBackoff: Backoff = { baseMs: 5_000, capMs: 15 * 60_000, maxAttempts: 8 };

export type ReplyCommand =
  | { readonly kind: 'request'; readonly reply: ReplyRequest }
  | { readonly kind: 'attempt'; readonly at: Date }
  | { readonly kind: 'recordSent'; readonly providerMessageId: string; readonly sentAt: Date }
  | {
      readonly kind: 'recordFailure';
      readonly reason: string;
      readonly providerCode: string | null;
      readonly permanent: boolean;
      readonly at: Date;
      /** A number in [0, 1) drawn by the caller: the jitter, so the rules stay pure. */
      readonly jitter: number;
      readonly backoff?: Backoff;
      /** The provider's own "retry after": the retry is never sooner. */
      readonly retryAfterMs?: number | null;
    }
  | {
      readonly kind: 'retry';
      readonly actor: Actor;
      readonly at: Date;
      /** The agent checked that the customer did not get a reply whose outcome was unknown. */
      readonly customerDidNotReceive: boolean;
    };

export type ReplyStatus = 'none' | 'requested' | 'sending' | 'sent' | 'failed';
export interface ReplyState {
  readonly status: ReplyStatus;
  readonly reply: ReplyRequest | null;
  /** Attempts started so far. */
  readonly attempts: number;
  /** When a transiently failed reply is due again; null when it is not waiting. */
  readonly retryAt: string | null;
  readonly providerMessageId: string | null;
  readonly lastFailure: string | null;
  /** The provider's code of the last failure; `OUTCOME_UNKNOWN` when nobody knows if it arrived. */
  readonly lastFailureCode: string | null;
}

/** Capped exponential backoff with jitter: base * 2^(attempt-1), capped, then scaled into [50%, 100%]. */
export function retryDelayMs(attempt: number, jitter: number, backoff: Backoff = defaultBackoff): number {
  const exponential = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.5 + 0.5 * Math.min(Math.max(jitter, 0), 1)));
}

const refused = (detail: string, state: ReplyState) =>
  new HubError('INVALID_INPUT', detail, { status: state.status, replyId: state.reply?.replyId ?? null });

/**
 * One reply's delivery. Requested once; an attempt is recorded before the provider is called, so
 * a delivery whose outcome is unknown (`sending` with no answer) is visible and never retried by
 * the rules on their own: only a recorded failure makes a reply due again.
 */
export const replyDecider: Decider<ReplyCommand, ReplyEvent, ReplyState> = {
  initialState: {
    status: 'none',
    reply: null,
    attempts: 0,
    retryAt: null,
    providerMessageId: null,
    lastFailure: null,
    lastFailureCode: null,
  },
  decide(command, state) {
    switch (command.kind) {
      case 'request': {
        if (state.reply) {
          if (state.reply.replyId === command.reply.replyId) return [];
          throw refused('this reply stream belongs to another reply', state);
        }
        return [{ type: 'ReplyRequested', data: command.reply }];
      }
      case 'attempt': {
        const replyId = state.reply?.replyId;
        if (!replyId) throw new HubError('NOT_FOUND', 'no such reply');
        if (state.status === 'sent' || state.status === 'sending') return [];
        if (state.status === 'failed' && state.retryAt === null) throw refused('the reply failed for good', state);
        return [
          {
            type: 'ReplyDeliveryAttempted',
            data: { replyId, attempt: state.attempts + 1, attemptedAt: command.at.toISOString() },
          },
        ];
      }
      case 'recordSent': {
        const replyId = state.reply?.replyId;
        if (!replyId) throw new HubError('NOT_FOUND', 'no such reply');
        if (state.status === 'sent') return [];
        const data = { replyId, providerMessageId: command.providerMessageId, sentAt: command.sentAt.toISOString() };
        return [{ type: 'ReplySent', data }];
      }
      case 'recordFailure': {
        const replyId = state.reply?.replyId;
        if (!replyId) throw new HubError('NOT_FOUND', 'no such reply');
        if (state.status === 'sent') return [];
        if (state.status !== 'sending') throw refused('a failure is recorded for an attempt under way only', state);
        const backoff = command.backoff ?? defaultBackoff;
        const permanent = command.permanent || state.attempts >= backoff.maxAttempts;
        const delay = Math.max(retryDelayMs(state.attempts, command.jitter, backoff), command.retryAfterMs ?? 0);
        const retryAt = permanent ? null : new Date(command.at.getTime() + delay).toISOString();
        return [
          {
            type: 'ReplyDeliveryFailed',
            data: {
              replyId,
              reason: command.reason,
              providerCode: command.providerCode,
              attempt: state.attempts,
              permanent,
              retryAt,
            },
          },
        ];
      }
      case 'retry': {
        const replyId = state.reply?.replyId;
        if (!replyId) throw new HubError('NOT_FOUND', 'no such reply');
        if (state.status !== 'failed') {
          throw new HubError('REPLY_CONFLICT', `the reply is ${state.status}: only a failed reply is sent again`, {
            status: state.status,
          });
        }
        const afterUnknownOutcome = state.lastFailureCode === outcomeUnknown;
        if (afterUnknownOutcome && !command.customerDidNotReceive) {
          throw new HubError(
            'REPLY_CONFLICT',
            'the customer may have this reply already (OUTCOME_UNKNOWN): confirm whether it arrived first',
            { status: state.status, providerCode: outcomeUnknown },
          );
        }
        return [
          {
            type: 'ReplyRetryRequested',
            data: { replyId, afterUnknownOutcome, actor: command.actor, at: command.at.toISOString() },
          },
        ];
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'ReplyRequested':
        return { ...state, status: 'requested', reply: event.data };
      case 'ReplyDeliveryAttempted':
        return { ...state, status: 'sending', attempts: event.data.attempt, retryAt: null };
      case 'ReplySent':
        return { ...state, status: 'sent', providerMessageId: event.data.providerMessageId, retryAt: null };
      case 'ReplyDeliveryFailed':
        return {
          ...state,
          status: 'failed',
          retryAt: event.data.retryAt,
          lastFailure: event.data.reason,
          lastFailureCode: event.data.providerCode,
        };
      case 'ReplyRetryRequested':
        return { ...state, status: 'requested', retryAt: null };
    }
  },
};
