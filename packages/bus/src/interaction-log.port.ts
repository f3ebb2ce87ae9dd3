/** One record of the interaction log. `key` is the customer's contact identity: it picks the partition. */
export interface LogMessage {
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

export interface ConsumedMessage extends LogMessage {
  /** 1 on delivery, n on the n-th try in place; a redelivery after a crash starts at 1 again. */
  readonly attempt: number;
  /** Where the message sits, for logs and dead letters: `topic/partition/offset` in Kafka. */
  readonly position: string;
}

export type MessageHandler = (message: ConsumedMessage) => Promise<void>;

/** Handles several messages of one partition, in their order; resolves once all are durable. */
export type BatchHandler = (messages: readonly ConsumedMessage[]) => Promise<void>;

export interface ConsumeOptions {
  /** Consumers of one group share the work; every group sees every message. */
  readonly group: string;
  /**
   * Resolves once the message's effect is durable. Throwing a retriable `HubError` (or an unknown
   * error, a limited number of times) retries in place; a non-retriable one dead-letters the message.
   */
  readonly handle: MessageHandler;
  /**
   * Optional: the messages a log has in hand for one partition at once (Kafka hands them over
   * that way), so the handler can write them in one transaction. If it throws, the log hands the
   * same messages to `handle` one by one, with its retries and dead letters; so both must be
   * idempotent, and a batch must be all-or-nothing or safe to redo. The in-process log hands over
   * together what was published while the group's previous batch ran.
   */
  readonly handleBatch?: BatchHandler;
}

export interface LogConsumer {
  /** Lets the message in hand finish, records the position, then leaves the group. */
  stop(): Promise<void>;
}

export interface InteractionLog {
  readonly kind: 'kafka' | 'in-process';
  /**
   * Resolves once every message is durable (Kafka: acknowledged by all in-sync replicas; in
   * process: handled by every subscribed group). Rejects as a whole otherwise, with a retriable
   * `INTAKE_UNAVAILABLE`; some messages may then be stored already, which idempotent handlers absorb.
   */
  publish(messages: readonly LogMessage[]): Promise<void>;
  /** One consumer in a group; resolves once it has joined. Messages of one key arrive in order. */
  consume(options: ConsumeOptions): Promise<LogConsumer>;
  readonly deadLetters: DeadLetters;
  /** Stops every consumer of this log (gracefully) and releases connections. */
  close(): Promise<void>;
}

/** A message a group could not handle, kept with why, so someone can fix the cause and redrive it. */
export interface DeadLetter {
  readonly id: string;
  readonly message: LogMessage;
  readonly group: string;
  readonly reason: string;
  /** The `HubError` code, absent for an error the hub did not throw on purpose. */
  readonly errorCode: string | undefined;
  readonly attempts: number;
  /** Where it was in the log when it failed. */
  readonly source: string;
  readonly firstFailedAt: Date;
  readonly deadLetteredAt: Date;
}

export interface DeadLetters {
  /** Oldest first. */
  list(): Promise<DeadLetter[]>;
  /** Puts the message back onto the main log (every group sees it again), then deletes the letter. */
  redrive(id: string): Promise<void>;
  /** Redrives every letter, oldest first; resolves with how many. */
  redriveAll(): Promise<number>;
}
