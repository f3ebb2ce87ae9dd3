export {
  BusinessCalendar,
  parseBusinessCalendar,
  WorkingRange,
  weekdayNames,
} from './business-calendar.schema.ts';
export { addBusinessTime, businessTimeBetween, isBusinessTime } from './business-calendar.ts';
export { type ConversationSla, conversationSlaOf } from './conversation-sla.ts';
export {
  type ServiceLevelSettings,
  type ServiceLevelSettingsCommand,
  type ServiceLevelSettingsEvent,
  serviceLevelSettingsDecider,
} from './service-level-settings.ts';
export { recordedBreachOf, slaBreachedEvent } from './sla-breach.ts';
export {
  breachesToRecord,
  computeSlaClock,
  DUE_SOON_SHARE,
  nextSlaCheckAt,
  type RecordedBreach,
  type SlaClock,
  type SlaState,
  type SlaTargetClock,
} from './sla-clock.ts';
export {
  type ConversationSlaFacts,
  type ConversationStatus,
  type CustomerWait,
  conversationStatuses,
  openSlaFacts,
  recordSlaFact,
  type SlaFact,
  type StatusChange,
} from './sla-facts.ts';
export {
  ConversationPriority,
  type ConversationRouting,
  choosePolicy,
  conversationPriorities,
  parseSlaPolicy,
  SlaPolicy,
} from './sla-policy.ts';
