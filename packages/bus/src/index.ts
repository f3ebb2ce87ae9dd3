export { type LogContractCase, type LogContractHarness, logContract } from './contract/index.ts';
export { deadLetterHeaders } from './dead-letter-record.ts';
export { createInProcessLog, type InProcessLogOptions } from './in-process-log.ts';
export type {
  BatchHandler,
  ConsumedMessage,
  ConsumeOptions,
  DeadLetter,
  DeadLetters,
  InteractionLog,
  LogConsumer,
  LogMessage,
  MessageHandler,
} from './interaction-log.port.ts';
export { createKafkaLog, type KafkaLogOptions } from './kafka-log.ts';
export { interactionLogNames } from './log-names.ts';
export {
  backoffDelay,
  inProcessRetryPolicy,
  judgeFailure,
  kafkaRetryPolicy,
  type RetryPolicy,
} from './retry.policy.ts';
export {
  countSqlDeadLetters,
  createSqlDeadLetters,
  deadLetterMigrations,
  purgeSqlDeadLetters,
  type SqlDeadLetters,
} from './sql-dead-letters.ts';
