import { HubError, isHubError } from '@hub/errors';
import { type Logger, silentLogger } from '@hub/logger';
import { createSlots, type SqlDatabase } from '@hub/sql';
import { type DeliveryContext, deliver } from './delivery.ts';
import type { BatchHandler, InteractionLog, LogMessage, MessageHandler } from './interaction-log.port.ts';
import { createKeyOrder, type KeyOrder } from './key-order.ts';
import { interactionLogNames } from './log-names.ts';
import { inProcessRetryPolicy, type RetryPolicy } from './retry.policy.ts';
import { createSqlDeadLetters } from './sql-dead-letters.ts';

export interface InProcessLogOptions {
  /** Holds the dead letters (needs `deadLetterMigrations` applied). */
  readonly db: SqlDatabase;
  /** Names the log in `dead_letters`; several logs may share a database. */
  readonly name?: string;
  /** Handlers running at once, over all keys and groups; one key never runs two at once. */
  readonly concurrency?: number;
  /** The most messages handed to a consumer's `handleBatch` at once (500). */
  readonly maxBatchSize?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** How often a running consumer looks for redrives asked for by another process (the CLI). */
  readonly redrivePollMs?: number;
  readonly logger?: Logger;
}

interface Group {
  readonly order: KeyOrder;
  readonly context: DeliveryContext;
  handle: MessageHandler | undefined;
  /** The consumer's batch handler, when it has one: messages published meanwhile go together. */
  handleBatch: BatchHandler | undefined;
  /** Messages waiting for the group's next batch, in the order they were published. */
  readonly queued: Queued[];
  /** Whether a batch is being handled (one at a time, so the log's order holds). */
  pumping: boolean;
  /** Woken when a consumer attaches or the log closes. */
  waiters: Array<() => void>;
  readonly running: Set<Promise<unknown>>;
}

interface Queued {
  readonly message: LogMessage;
  readonly position: string;
  readonly settle: (error?: unknown) => void;
}

const unavailable = (detail: string, cause?: unknown) =>
  isHubError(cause, 'INTAKE_UNAVAILABLE') ? cause : new HubError('INTAKE_UNAVAILABLE', detail, {}, { cause });

/**
 * The interaction log of the embedded mode. Nothing is buffered: `publish` hands each message to
 * every group's handler and resolves once all handled it (or kept it as a dead letter), so an
 * HTTP 2xx means "in the store". A group without a consumer (stopped) keeps its messages waiting
 * for the next one, as a Kafka group would; `close` refuses them.
 */
export function createInProcessLog(options: InProcessLogOptions): InteractionLog {
  const name = options.name ?? interactionLogNames.inProcess;
  const logger = (options.logger ?? silentLogger()).child({ component: 'interaction-log', log: name });
  const policy: RetryPolicy = { ...inProcessRetryPolicy, ...options.retry };
  const slots = createSlots(options.concurrency ?? 8);
  const groups = new Map<string, Group>();
  let sequence = 0;
  let closed = false;
  let redrivePoll: NodeJS.Timeout | undefined;

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const wake = (group: Group) => {
    for (const waiter of group.waiters.splice(0)) waiter();
  };

  const context = (groupName: string): DeliveryContext => ({
    policy,
    logger: logger.child({ group: groupName }),
    async pause(ms) {
      await sleep(ms);
      return !closed;
    },
    async deadLetter(message, failure) {
      const { key, value, headers, position } = message;
      await deadLetters.add({ ...failure, message: { key, value, headers }, group: groupName, source: position });
      return true;
    },
  });

  /** Waits for the key's earlier messages, a consumer and a free slot, in that order. */
  const deliverTo = (group: Group, message: LogMessage, position: string) =>
    group.order.after(message.key, async () => {
      for (;;) {
        while (!group.handle) {
          if (closed) throw unavailable('the interaction log closed before the message was handled');
          await new Promise<void>((resolve) => group.waiters.push(resolve));
        }
        const handle = group.handle;
        const outcome = await slots.use(async () => {
          if (group.handle !== handle) return 'detached'; // its consumer stopped while we queued
          const delivery = deliver({ ...message, position }, handle, group.context);
          group.running.add(delivery);
          return delivery.finally(() => group.running.delete(delivery));
        });
        if (outcome === 'abandoned') throw unavailable('the interaction log closed while retrying the message');
        if (outcome !== 'detached') return;
      }
    });

  const maxBatchSize = options.maxBatchSize ?? 500;

  /**
   * A consumer with a batch handler gets what was published while its last batch ran, together
   * (as Kafka hands over what a partition has): under load the batches grow and the writer commits
   * once per batch, not per message. A batch that fails goes through `deliverTo` one message at a
   * time, with its retries and dead letters, in order.
   */
  const pump = async (group: Group) => {
    if (group.pumping) return;
    group.pumping = true;
    try {
      while (group.queued.length > 0) {
        const batch = group.queued.splice(0, maxBatchSize);
        const handleBatch = group.handleBatch;
        let together = false;
        if (handleBatch && batch.length > 1 && !closed) {
          const attempt = slots.use(() =>
            handleBatch(batch.map(({ message, position }) => ({ ...message, position, attempt: 1 }))),
          );
          group.running.add(attempt);
          together = await attempt.then(
            () => true,
            (error: unknown) => {
              group.context.logger.warn(
                { err: error, from: batch[0]?.position, messages: batch.length },
                'handling the messages together failed; handing them over one by one',
              );
              return false;
            },
          );
          group.running.delete(attempt);
        }
        if (together) for (const queued of batch) queued.settle();
        else {
          for (const queued of batch) {
            await deliverTo(group, queued.message, queued.position).then(
              () => queued.settle(),
              (error: unknown) => queued.settle(error ?? new Error('not handled')),
            );
          }
        }
      }
    } finally {
      group.pumping = false;
    }
  };

  const queue = (group: Group, message: LogMessage, position: string) =>
    new Promise<void>((resolve, reject) => {
      group.queued.push({ message, position, settle: (error) => (error === undefined ? resolve() : reject(error)) });
    });

  const publish = async (messages: readonly LogMessage[]) => {
    if (closed) throw unavailable('the interaction log is closed');
    if (messages.length === 0) return;
    if (groups.size === 0) throw unavailable('no consumer has subscribed to the interaction log yet');
    const deliveries = messages.flatMap((message) => {
      sequence += 1;
      return [...groups.values()].map((group) =>
        // Once a group has queued messages, later ones queue behind them, whatever its consumer now.
        group.handleBatch || group.pumping
          ? queue(group, message, `${name}/${sequence}`)
          : deliverTo(group, message, `${name}/${sequence}`),
      );
    });
    // After the whole publish is queued, so its messages go together.
    for (const group of groups.values()) if (group.queued.length > 0) void pump(group);
    const failure = (await Promise.allSettled(deliveries)).find((result) => result.status === 'rejected');
    if (failure) throw unavailable('the interaction could not be handled', failure.reason);
  };

  const deadLetters = createSqlDeadLetters(options.db, { log: name, republish: (message) => publish([message]) });

  let redriving = false;
  const redriveRequested = async () => {
    if (redriving || closed) return;
    redriving = true;
    try {
      const count = await deadLetters.redriveRequested();
      if (count > 0) logger.info({ count }, 'redrove dead letters asked for by another process');
    } catch (error) {
      logger.warn({ err: error }, 'redriving requested dead letters failed; trying again later');
    } finally {
      redriving = false;
    }
  };

  const stopGroup = async (group: Group) => {
    group.handle = undefined;
    group.handleBatch = undefined;
    await Promise.allSettled([...group.running]);
    if (![...groups.values()].some((g) => g.handle)) clearInterval(redrivePoll);
  };

  return {
    kind: 'in-process',
    publish,
    deadLetters,
    async consume({ group: groupName, handle, handleBatch }) {
      if (closed) throw unavailable('the interaction log is closed');
      const group = groups.get(groupName) ?? {
        order: createKeyOrder(),
        context: context(groupName),
        handle: undefined,
        handleBatch: undefined,
        queued: [],
        pumping: false,
        waiters: [],
        running: new Set(),
      };
      if (group.handle) throw new Error(`group ${groupName} already has a consumer in this process`);
      groups.set(groupName, group);
      group.handle = handle;
      group.handleBatch = handleBatch;
      wake(group);
      clearInterval(redrivePoll);
      redrivePoll = setInterval(() => void redriveRequested(), options.redrivePollMs ?? 10_000).unref();
      void redriveRequested();
      return { stop: async () => (group.handle === handle ? stopGroup(group) : undefined) };
    },
    async close() {
      closed = true;
      clearInterval(redrivePoll);
      for (const group of groups.values()) wake(group);
      await Promise.all([...groups.values()].map(stopGroup));
    },
  };
}
