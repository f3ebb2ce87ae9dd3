import { phoneIdentifier } from '@hub/customer-identity';
import type { InteractionDetails } from '@hub/events';
import { interactionId, type NormalizedInteraction, summarise } from '@hub/interactions';

export type PhoneDetails = Extract<InteractionDetails, { channel: 'phone' }>;
export type CallOutcome = PhoneDetails['outcome'];
export const callOutcomes: readonly CallOutcome[] = ['answered', 'missed', 'voicemail', 'busy', 'failed'];

/** One call as each phone source reads it, before it becomes an interaction. */
export interface PhoneCall extends Omit<PhoneDetails, 'channel' | 'customerNumber'> {
  /** Who reported it (`twilio`, `asterisk`, a client system): with `externalId`, the id's name. */
  readonly system: string;
  readonly externalId: string;
  readonly direction: 'inbound' | 'outbound';
  /** E.164; the primary identifier of the interaction. */
  readonly customerNumber: string;
  readonly customerName: string | null;
  /** When the call began: the interaction's place on the timeline. */
  readonly occurredAt: string;
}

function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

/** A line an agent reads on the timeline; numbers stay in details and identifiers. */
export function describeCall(call: PhoneCall): string {
  const party = call.direction === 'inbound' ? `from ${call.customerNumber}` : `to ${call.customerNumber}`;
  const agent = call.agentExtension ? `, agent ${call.agentExtension}` : '';
  const talk = call.talkSeconds ?? (call.outcome === 'answered' ? call.durationSeconds : 0);
  const length = talk > 0 ? `, ${formatDuration(talk)}` : '';
  return `${call.direction === 'inbound' ? 'Inbound' : 'Outbound'} call ${party}: ${call.outcome}${agent}${length}`;
}

/** The interaction of one call; its id comes from the reporting system and its call id only. */
export function toPhoneInteraction(call: PhoneCall): NormalizedInteraction {
  const { system, externalId, direction, customerName, occurredAt, ...details } = call;
  const text = describeCall(call);
  return {
    id: interactionId('phone', system, externalId),
    channel: 'phone',
    source: { system, externalId },
    direction,
    occurredAt,
    contact: { identifiers: [phoneIdentifier(call.customerNumber)], displayName: customerName },
    threadKey: `${system}:${call.parentCallId ?? call.callId}`,
    summary: summarise(text),
    text,
    html: null,
    details: { channel: 'phone', ...details },
  };
}
