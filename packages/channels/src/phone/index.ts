export { type CdrRowSettings, keptCdrRowContentType, readKeptCdrRowContentType } from './asterisk-cdr.kept-row.ts';
export { type CdrLayout, cdrCustomColumns, describeCdrLayout, parseCdrLayout } from './asterisk-cdr.layout.ts';
export { type CdrOptions, type CdrRowOutcome, parseMasterCsv } from './asterisk-cdr.parser.ts';
export { CallLogBatch, CallLogEntry, callLogToPhoneCall, MAX_CALLS_PER_BATCH, readCallLog } from './call-log.schema.ts';
export {
  DEFAULT_EXTENSION_PATTERN,
  extensionFromChannel,
  isInternalExtension,
  parseCallerId,
  requireCustomerNumber,
} from './call-party.ts';
export {
  type CallOutcome,
  callOutcomes,
  describeCall,
  type PhoneCall,
  type PhoneDetails,
  toPhoneInteraction,
} from './phone-call.ts';
export { twilioSignature, verifyTwilioSignature } from './twilio-signature.ts';
export { parseTwilioStatusCallback, type TwilioCallback } from './twilio-status.parser.ts';
export { requireTimeZone, wallClockToIso } from './wall-clock.ts';
