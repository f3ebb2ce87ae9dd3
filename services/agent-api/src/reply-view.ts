import { loadAggregate } from '@hub/decider';
import type { EventStore } from '@hub/event-store';
import { replyStream } from '@hub/events';
import { outcomeUnknown, type ReplyState, replyDecider } from '@hub/replies';

/** How a reply shows in the conversation: its words, its files' names and where its delivery is. */
export interface ReplyView {
  readonly replyId: string;
  readonly channel: string;
  readonly text: string;
  readonly attachments: readonly { readonly id: string; readonly filename: string }[];
  readonly delivery: {
    /** `queued` (waiting, or retrying after a transient failure), `sending`, `sent`, `failed` (for good). */
    readonly status: 'queued' | 'sending' | 'sent' | 'failed';
    readonly attempts: number;
    /** The provider's own words for the last failure. */
    readonly reason: string | null;
    readonly providerCode: string | null;
    readonly retryAt: string | null;
    /** Nobody knows whether the customer got it: an agent confirms (`POST /v1/replies/:id/confirmation`). */
    readonly outcomeUnknown: boolean;
  };
}

export function toReplyView(replyId: string, state: ReplyState): ReplyView | undefined {
  const reply = state.reply;
  if (!reply) return undefined;
  const failedForGood = state.status === 'failed' && state.retryAt === null;
  return {
    replyId,
    channel: reply.channel,
    text: reply.text,
    attachments: reply.attachments.map(({ id, filename }) => ({ id, filename })),
    delivery: {
      status:
        state.status === 'sent' ? 'sent' : failedForGood ? 'failed' : state.status === 'sending' ? 'sending' : 'queued',
      attempts: state.attempts,
      reason: state.status === 'sent' ? null : state.lastFailure,
      providerCode: state.status === 'sent' ? null : state.lastFailureCode,
      retryAt: state.retryAt,
      outcomeUnknown: failedForGood && state.lastFailureCode === outcomeUnknown,
    },
  };
}

/** Each reply read from its own stream (the truth, opened with the customer's key), so it is never stale. */
export async function loadReplyViews(store: EventStore, replyIds: readonly string[]): Promise<Map<string, ReplyView>> {
  const views = await Promise.all(
    replyIds.map(async (replyId) => {
      const { state } = await loadAggregate(store, replyStream(replyId), replyDecider);
      return [replyId, toReplyView(replyId, state)] as const;
    }),
  );
  return new Map(views.flatMap(([id, view]) => (view ? [[id, view] as const] : [])));
}
