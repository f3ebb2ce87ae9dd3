import { randomUUID } from 'node:crypto';
import { handleCommand, loadAggregate } from '@hub/decider';
import { isHubError } from '@hub/errors';
import type { EventStore, Subscription } from '@hub/event-store';
import {
  comparePositions,
  decodeEvent,
  formatPosition,
  type GlobalPosition,
  parsePosition,
  type RecordedEvent,
  replyStream,
} from '@hub/events';
import type { SqlDatabase } from '@hub/sql';
import { DeliveryError, outcomeUnknown, type ReplySenders } from './delivery-error.ts';
import { type Backoff, defaultBackoff, type ReplyCommand, type ReplyState, replyDecider } from './reply.decider.ts';

/** Pino fits. */
export interface DeliveryLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface ReplyDeliverySettings {
  readonly store: EventStore;
  /** With `replyMigrations` applied. */
  readonly db: SqlDatabase;
  readonly senders: ReplySenders;
  /** Names the claimer in `replies.outbox.claimed_by`. */
  readonly workerId: string;
  readonly logger?: DeliveryLogger;
  readonly clock?: () => Date;
  /** In [0, 1): the backoff's jitter. */
  readonly random?: () => number;
  readonly backoff?: Backoff;
  /**
   * How long a claim lasts unless renewed (15 s). A live worker renews its claims every third of
   * it, also during a slow provider call; a dead worker's claims lapse within it.
   */
  readonly leaseMs?: number;
  /** A provider call unanswered by then has an unknown outcome (60 s). */
  readonly sendTimeoutMs?: number;
  readonly pollIntervalMs?: number;
  readonly batchSize?: number;
  /** How often, at most, a caught-up outbox stores how far it has read past other streams (5 s). */
  readonly idleCheckpointMs?: number;
}

export interface ReplyDelivery {
  /** Stops claiming; a provider call under way is abandoned and nothing is recorded for it. */
  stop(): Promise<void>;
}

const checkpointName = 'reply-outbox';
/** What a sealed recipient reads as once the customer's key is destroyed (@hub/personal-data). */
const erasedRecipient = '[erased]';

const silent: DeliveryLogger = { info() {}, warn() {}, error() {} };

/**
 * The outbox: a catch-up subscription queues each ReplyRequested in `replies.outbox`; a loop
 * claims due rows (`FOR UPDATE SKIP LOCKED`, under a lease) and delivers each one by its stream.
 * An attempt is appended before the provider is called; a stream found with an attempt and no
 * outcome is not sent again unless its channel is idempotent, but recorded failed with
 * OUTCOME_UNKNOWN for an agent to confirm. So no reply reaches a provider twice from the worker.
 */
export function startReplyDelivery(settings: ReplyDeliverySettings): ReplyDelivery {
  const { store, db, senders, workerId } = settings;
  const logger = settings.logger ?? silent;
  const clock = settings.clock ?? (() => new Date());
  const random = settings.random ?? Math.random;
  const backoff = settings.backoff ?? defaultBackoff;
  const leaseMs = settings.leaseMs ?? 15_000;
  const sendTimeoutMs = settings.sendTimeoutMs ?? 60_000;
  const pollIntervalMs = settings.pollIntervalMs ?? 1_000;
  const batchSize = settings.batchSize ?? 10;
  const idleCheckpointMs = settings.idleCheckpointMs ?? 5_000;
  const abort = new AbortController();

  const queue = async (event: RecordedEvent): Promise<void> => {
    if (event.type === 'ReplyRequested') {
      const decoded = decodeEvent(event);
      if (decoded.type === 'ReplyRequested') {
        await db.query(
          `INSERT INTO replies.outbox (reply_id, channel, due_at) VALUES ($1, $2, $3) ON CONFLICT (reply_id) DO NOTHING`,
          [decoded.data.replyId, decoded.data.channel, event.recordedAt],
        );
      }
    } else if (event.type === 'ReplyRetryRequested') {
      // An agent's retry of a failed reply: due again now. The stream decides what the worker does.
      const decoded = decodeEvent(event);
      if (decoded.type === 'ReplyRetryRequested') {
        await db.query(
          `UPDATE replies.outbox SET status = 'queued', due_at = $2, last_error = NULL
            WHERE reply_id = $1 AND status <> 'sent'`,
          [decoded.data.replyId, event.recordedAt],
        );
      }
    }
    await storeCheckpoint(event.position);
  };

  /**
   * Where the outbox resumes. Written after each reply event, and when caught up (at most every
   * `idleCheckpointMs`) also past the other streams' events, so a restart does not read the
   * whole store again for the few reply events in it. One write at a time, never backwards.
   */
  let stored: GlobalPosition | undefined;
  let storedAt = 0;
  let storing: Promise<void> = Promise.resolve();
  const storeCheckpoint = (position: GlobalPosition): Promise<void> => {
    const write = storing.then(async () => {
      if (stored && comparePositions(position, stored) <= 0) return;
      await db.query(
        `INSERT INTO replies.checkpoint (name, position) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position`,
        [checkpointName, formatPosition(position)],
      );
      stored = position;
      storedAt = Date.now();
    });
    // A write that failed (the database away) fails its caller only: the next one is still made.
    storing = write.catch(() => undefined);
    return write;
  };
  const caughtUp = (position: GlobalPosition | undefined) => {
    if (!position || (stored && comparePositions(position, stored) <= 0)) return;
    if (Date.now() - storedAt < idleCheckpointMs) return;
    storeCheckpoint(position).catch((error: unknown) =>
      logger.warn({ err: error }, 'could not store how far the reply outbox has read; it reads that again on restart'),
    );
  };

  const decide = (replyId: string, command: ReplyCommand, seenRevision?: number) =>
    handleCommand({
      store,
      streamId: replyStream(replyId),
      decider: replyDecider,
      command,
      ...(seenRevision === undefined ? {} : { seenRevision }),
      eventContext: () => ({ id: randomUUID(), occurredAt: clock(), metadata: { actor: `worker:${workerId}` } }),
    });

  /** Mirrors the stream's state into the outbox row and lets go of the claim. */
  const settle = async (replyId: string, state: ReplyState): Promise<void> => {
    const status = state.status === 'sent' ? 'sent' : state.status === 'failed' && !state.retryAt ? 'failed' : 'queued';
    await db.query(
      `UPDATE replies.outbox SET status = $2, due_at = COALESCE($3, due_at), lease_until = NULL, claimed_by = NULL,
         last_error = $4 WHERE reply_id = $1`,
      [replyId, status, state.retryAt, state.lastFailure],
    );
  };

  const deliver = async (replyId: string): Promise<void> => {
    const loaded = await loadAggregate(store, replyStream(replyId), replyDecider);
    const { state } = loaded;
    const reply = state.reply;
    if (!reply) return;
    const sender = senders[reply.channel];
    if (state.status === 'sent' || (state.status === 'failed' && !state.retryAt)) return settle(replyId, state);
    if (state.status === 'failed' && state.retryAt && Date.parse(state.retryAt) > clock().getTime()) {
      return settle(replyId, state);
    }
    if (state.status === 'sending' && !sender?.idempotent) {
      // A worker stopped between handing the reply over and hearing back: it may have reached the customer.
      const result = await decide(replyId, {
        kind: 'recordFailure',
        reason: 'delivery outcome unknown: the worker stopped after calling the provider; an agent must confirm',
        providerCode: outcomeUnknown,
        permanent: true,
        at: clock(),
        jitter: 0,
      });
      logger.warn({ replyId, channel: reply.channel }, 'reply delivery outcome unknown; not sent again');
      return settle(replyId, result.state);
    }
    if (!sender) {
      logger.error({ replyId, channel: reply.channel }, 'no sender configured for this channel; the reply waits');
      await db.query('UPDATE replies.outbox SET last_error = $2 WHERE reply_id = $1', [
        replyId,
        `no sender configured for ${reply.channel}`,
      ]);
      return;
    }
    // The attempt is appended at the revision read: of two workers racing, one writes it and the
    // other leaves the reply alone. It is appended before the provider can have the reply: before
    // the call, or, for a sender that hands over late (SMTP), at its point of no return.
    let attempted = state.status === 'sending';
    const recordAttempt = async (): Promise<boolean> => {
      try {
        await decide(replyId, { kind: 'attempt', at: clock() }, loaded.revision);
        attempted = true;
        return true;
      } catch (error) {
        // Another worker moved the stream first: it owns this attempt.
        if (isHubError(error, 'WRONG_EXPECTED_REVISION')) return false;
        throw error;
      }
    };
    if (!attempted && !sender.handsOverLate && !(await recordAttempt())) return;
    const lostRace = new Error('another worker recorded an attempt first');
    const handOver = async (): Promise<void> => {
      if (!attempted && !(await recordAttempt())) throw lostRace;
    };
    let outcome: ReplyCommand;
    const call = AbortSignal.any([abort.signal, AbortSignal.timeout(sendTimeoutMs)]);
    try {
      if (reply.recipient === erasedRecipient) {
        throw new DeliveryError('the customer was erased: the reply is not sent', true, 'CUSTOMER_ERASED');
      }
      const receipt = await sender.send(reply, call, handOver);
      outcome = { kind: 'recordSent', providerMessageId: receipt.providerMessageId, sentAt: clock() };
    } catch (error) {
      // Stopping is a crash to the rules: the next worker finds the attempt, or, when the reply was
      // never handed over, finds it requested and sends it.
      if (abort.signal.aborted || error === lostRace) return;
      // Never handed over (refused before, or no answer before the point of no return): the
      // provider cannot have it. The attempt is recorded now, with its failure, to count it.
      const handedOver = attempted;
      if (!handedOver && !(await recordAttempt())) return;
      // Unanswered in time after the hand-over: the provider may have it, so only an idempotent
      // channel may try again.
      const timedOut = call.aborted;
      const failure =
        timedOut && handedOver && !sender.idempotent
          ? new DeliveryError(
              `delivery outcome unknown: the provider did not answer within ${sendTimeoutMs} ms; an agent must confirm`,
              true,
              outcomeUnknown,
            )
          : timedOut && !handedOver
            ? new DeliveryError(
                `the provider did not take the reply within ${sendTimeoutMs} ms; it never had all of it`,
                false,
                'TIMEOUT',
              )
            : error instanceof DeliveryError
              ? error
              : new DeliveryError(error instanceof Error ? error.message : String(error), false, null);
      outcome = {
        kind: 'recordFailure',
        reason: failure.reason,
        providerCode: failure.providerCode,
        permanent: failure.permanent,
        at: clock(),
        jitter: random(),
        backoff,
        retryAfterMs: failure.retryAfterMs,
      };
      logger.warn(
        { replyId, channel: reply.channel, reason: failure.reason, permanent: failure.permanent },
        'reply delivery failed',
      );
    }
    // Decided on the newest state: what the provider said is the truth even if the lease ran out
    // and another worker recorded the outcome as unknown meanwhile.
    const result = await decide(replyId, outcome);
    if (outcome.kind === 'recordSent') logger.info({ replyId, channel: reply.channel }, 'reply sent');
    await settle(replyId, result.state);
  };

  const release = async (replyId: string): Promise<void> => {
    await db.query('UPDATE replies.outbox SET claimed_by = NULL WHERE reply_id = $1 AND claimed_by = $2', [
      replyId,
      workerId,
    ]);
  };

  const claim = async (): Promise<string[]> => {
    const now = clock();
    // Delivered in the order they became due (RETURNING alone gives no order): a customer reads
    // an agent's replies in the order they were written.
    const rows = await db.query<{ reply_id: string }>(
      `WITH claimed AS (
         UPDATE replies.outbox SET lease_until = $2, claimed_by = $3
         WHERE reply_id IN (
           SELECT reply_id FROM replies.outbox
           WHERE status = 'queued' AND due_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
           ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED)
         RETURNING reply_id, due_at)
       SELECT reply_id FROM claimed ORDER BY due_at, reply_id`,
      [now, new Date(now.getTime() + leaseMs), workerId, batchSize],
    );
    return rows.map((row) => row.reply_id);
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        abort.signal.removeEventListener('abort', done);
        resolve();
      }
      abort.signal.addEventListener('abort', done, { once: true });
    });

  let subscription: Subscription | undefined;
  // From the checkpoint; after an error (the database away) it starts again from it a little later.
  const follow = async (): Promise<void> => {
    if (abort.signal.aborted) return;
    try {
      const [row] = await db.query<{ position: string }>('SELECT position FROM replies.checkpoint WHERE name = $1', [
        checkpointName,
      ]);
      if (abort.signal.aborted) return;
      stored = row ? parsePosition(row.position) : undefined;
      subscription = store.subscribeToAll({
        from: stored ?? 'start',
        filter: { streamPrefix: 'reply-' },
        onEvent: queue,
        onCaughtUp: caughtUp,
        onError: (error) => {
          logger.error({ err: error }, 'reply outbox projection stopped; starting again');
          void pause(pollIntervalMs * 5).then(follow);
        },
      });
    } catch (error) {
      logger.error({ err: error }, 'reply outbox projection could not start; trying again');
      await pause(pollIntervalMs * 5);
      return follow();
    }
  };
  const projection = follow();

  // A live worker keeps what it claimed, however long a provider takes; a killed one stops
  // renewing, and the next worker claims its replies as soon as the lease lapses.
  const renewal = setInterval(
    () => {
      db.query(
        `UPDATE replies.outbox SET lease_until = $2 WHERE claimed_by = $1 AND status = 'queued' AND lease_until IS NOT NULL`,
        [workerId, new Date(clock().getTime() + leaseMs)],
      ).catch((error: unknown) => logger.error({ err: error }, 'renewing reply claims failed'));
    },
    Math.max(1, Math.floor(leaseMs / 3)),
  );
  renewal.unref();

  const loop = (async () => {
    while (!abort.signal.aborted) {
      let claimed: string[] = [];
      try {
        claimed = await claim();
        for (const replyId of claimed) {
          if (abort.signal.aborted) return;
          await deliver(replyId).catch((error: unknown) => {
            if (!abort.signal.aborted) logger.error({ err: error, replyId }, 'reply delivery could not be recorded');
          });
          // A reply left unsettled (no sender here, another worker's attempt, an error) is no
          // longer renewed: anyone may take it again once its lease lapses.
          if (!abort.signal.aborted) {
            await release(replyId).catch((error: unknown) =>
              logger.error({ err: error, replyId }, 'releasing a claim failed'),
            );
          }
        }
      } catch (error) {
        logger.error({ err: error }, 'claiming replies failed');
      }
      if (claimed.length < batchSize) await pause(pollIntervalMs);
    }
  })();

  return {
    async stop() {
      clearInterval(renewal);
      abort.abort();
      await Promise.allSettled([projection, loop]);
      await subscription?.stop();
    },
  };
}
