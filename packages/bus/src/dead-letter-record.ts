import type { KafkaMessage, Message } from 'kafkajs';
import type { Failure } from './delivery.ts';
import type { DeadLetter, LogMessage } from './interaction-log.port.ts';
import { decodeHeaders } from './kafka-client.ts';

/** Headers a dead letter carries besides the message's own; the prefix is reserved for them. */
export const deadLetterHeaders = {
  reason: 'hub-dead-letter-reason',
  errorCode: 'hub-dead-letter-error-code',
  group: 'hub-dead-letter-group',
  key: 'hub-dead-letter-key',
  topic: 'hub-dead-letter-topic',
  partition: 'hub-dead-letter-partition',
  offset: 'hub-dead-letter-offset',
  attempts: 'hub-dead-letter-attempts',
  firstFailedAt: 'hub-dead-letter-first-failed-at',
} as const;

const reservedPrefix = 'hub-dead-letter-';

export interface SourcePosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** A dead letter's id is where its message sat: unique, and the same if it is dead-lettered twice. */
export const deadLetterId = (source: SourcePosition) => `${source.partition}-${source.offset}`;

export function toDeadLetterRecord(
  message: LogMessage,
  source: SourcePosition,
  group: string,
  failure: Failure,
): Message {
  const h = deadLetterHeaders;
  return {
    key: deadLetterId(source),
    value: message.value,
    headers: {
      ...message.headers,
      [h.reason]: failure.reason,
      ...(failure.errorCode ? { [h.errorCode]: failure.errorCode } : {}),
      [h.group]: group,
      [h.key]: message.key,
      [h.topic]: source.topic,
      [h.partition]: String(source.partition),
      [h.offset]: source.offset,
      [h.attempts]: String(failure.attempts),
      [h.firstFailedAt]: failure.firstFailedAt.toISOString(),
    },
  };
}

/** Undefined for a tombstone (a redriven letter) or a record this log did not write. */
export function fromDeadLetterRecord(record: KafkaMessage): DeadLetter | undefined {
  if (!record.value || !record.key) return undefined;
  const all = decodeHeaders(record.headers);
  const h = deadLetterHeaders;
  if (all[h.key] === undefined) return undefined;
  const headers = Object.fromEntries(Object.entries(all).filter(([name]) => !name.startsWith(reservedPrefix)));
  return {
    id: record.key.toString('utf8'),
    message: { key: all[h.key] ?? '', value: record.value, headers },
    group: all[h.group] ?? '',
    reason: all[h.reason] ?? '',
    errorCode: all[h.errorCode],
    attempts: Number(all[h.attempts] ?? 0),
    source: `${all[h.topic]}/${all[h.partition]}/${all[h.offset]}`,
    firstFailedAt: new Date(all[h.firstFailedAt] ?? Number(record.timestamp)),
    deadLetteredAt: new Date(Number(record.timestamp)),
  };
}
