import { z } from 'zod';

// Fields added after the first release default to null, so events stored before them and clients
// of the generic API that do not send them still validate.
const optionalText = z.string().max(512).nullable().default(null);
const optionalInstant = z.string().datetime({ offset: true }).nullable().default(null);

export const PhoneDetails = z.object({
  channel: z.literal('phone'),
  source: z.enum(['twilio', 'asterisk-cdr', 'generic']),
  callId: z.string(),
  /** The calling and the called party as the switch reported them; E.164 when they are numbers. */
  from: z.string(),
  to: z.string(),
  outcome: z.enum(['answered', 'missed', 'voicemail', 'busy', 'failed']),
  /** The whole call, ringing included, in seconds. */
  durationSeconds: z.number().int().nonnegative(),
  recordingUrl: z.string().url().nullable(),
  agentExtension: z.string().nullable(),
  /** The customer's side (E.164) and ours (the number dialled or dialled from), whatever the direction. */
  customerNumber: optionalText,
  businessNumber: optionalText,
  startedAt: optionalInstant,
  answeredAt: optionalInstant,
  endedAt: optionalInstant,
  /** Connected time (Asterisk billsec); null when the source does not tell it apart. */
  talkSeconds: z.number().int().nonnegative().nullable().default(null),
  /** The source's own word for how it ended: Twilio CallStatus, Asterisk disposition, ... */
  providerStatus: optionalText,
  /** Twilio answering-machine detection (`human`, `machine_start`, ...). */
  answeredBy: optionalText,
  /** Twilio AccountSid or Asterisk accountcode: which account or tenant the call was billed to. */
  accountId: optionalText,
  /** Twilio ParentCallSid or Asterisk linkedid: the call this leg belongs to. */
  parentCallId: optionalText,
});
