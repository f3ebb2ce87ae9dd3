import { z } from 'zod';

export const PhoneDetails = z.object({
  channel: z.literal('phone'),
  source: z.enum(['twilio', 'asterisk-cdr', 'generic']),
  callId: z.string(),
  from: z.string(),
  to: z.string(),
  outcome: z.enum(['answered', 'missed', 'voicemail', 'busy', 'failed']),
  durationSeconds: z.number().int().nonnegative(),
  recordingUrl: z.string().url().nullable(),
  agentExtension: z.string().nullable(),
});
