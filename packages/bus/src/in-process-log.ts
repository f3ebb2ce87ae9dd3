import { HubError, isHubError } from '@hub/errors';
import { type Logger, silentLogger } from '@hub/logger';
import type { SqlDatabase } from '@hub/sql';
import { type DeliveryContext, deliver } from './delivery.ts';
import type { InteractionLog, LogMessage, MessageHandler } from './interaction-log.port.ts';
import { createKeyOrder, createSlots, type KeyOrder } from './key-order.ts';
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
  readonly retry?: Partial<RetryPolicy>;
  /** How often a running consumer looks for redrives asked for by another process (the CLI). */
  readonly redrivePollMs?: number;
  readonly logger?: Logger;
}

interface Group {
  readonly order: KeyOrder;
  readonly context: DeliveryContext;
  handle: MessageHandler | undefined;
  /** Woken when a consumer attaches or the log closes. */
  waiters: Array<() => void>;
  readonly running: Set<Promise<unknown>>;
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

  const publish = async (messages: readonly LogMessage[]) => {
    if (closed) throw unavailable('the interaction log is closed');
    if (messages.length === 0) return;
    if (groups.size === 0) throw unavailable('no consumer has subscribed to the interaction log yet');
    const deliveries = messages.flatMap((message) => {
      sequence += 1;
      return [...groups.values()].map((group) => deliverTo(group, message, `${name}/${sequence}`));
    });
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
    await Promise.allSettled([...group.running]);
    if (![...groups.values()].some((g) => g.handle)) clearInterval(redrivePoll);
  };

  return {
    kind: 'in-process',
    publish,
    deadLetters,
    async consume({ group: groupName, handle }) {
      if (closed) throw unavailable('the interaction log is closed');
      const group = groups.get(groupName) ?? {
        order: createKeyOrder(),
        context: context(groupName),
        handle: undefined,
        waiters: [],
        running: new Set(),
      };
      if (group.handle) throw new Error(`group ${groupName} already has a consumer in this process`);
      groups.set(groupName, group);
      group.handle = handle;
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
