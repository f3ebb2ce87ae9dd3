import { isHubError } from '@hub/errors';
import type { InteractionIntake, NormalizedInteraction, RawPayload } from '@hub/interactions';
import { type EmailParseOptions, parseEmail } from './email.parser.ts';

/**
 * Parses a received message; one that is not a usable message is first recorded as a parse
 * failure (so its bytes are never lost and can be re-run after a parser fix), then refused with
 * the INVALID_INPUT error. Any other error (attachment store or intake unreachable) is passed on
 * unrecorded: the sender must retry, the message was not looked at.
 */
export async function parseEmailOrRecordFailure(
  raw: RawPayload,
  options: Omit<EmailParseOptions, 'receivedAt'>,
  intake: InteractionIntake,
): Promise<NormalizedInteraction> {
  try {
    return await parseEmail(raw.body, { ...options, receivedAt: raw.receivedAt });
  } catch (error) {
    if (isHubError(error, 'INVALID_INPUT')) await intake.recordParseFailure(raw, error.message);
    throw error;
  }
}
