import { handleIdentifier, normalizeHandle } from '@hub/customer-identity';
import type { InteractionDetails } from '@hub/events';
import { interactionId, type NormalizedInteraction, summarise } from '@hub/interactions';

export type SocialDetails = Extract<InteractionDetails, { channel: 'social' }>;

/** What one mapper decided about one comment or message: record it, or skip it and say why. */
export type MetaOutcome = { readonly interaction: NormalizedInteraction } | { readonly skipped: string };

export interface SocialDraft {
  readonly externalId: string;
  readonly direction: 'inbound' | 'outbound';
  /** Seconds or milliseconds since the epoch, as Meta sends them. */
  readonly time: number;
  readonly network: 'facebook' | 'instagram';
  /** The customer's Page-scoped or Instagram-scoped id. */
  readonly customerId: string;
  readonly displayName: string | null;
  readonly threadKey: string;
  readonly text: string;
  /** For lists, when there is no text: `Comment removed`, `Sent an image`. */
  readonly fallbackSummary: string;
  readonly details: Omit<SocialDetails, 'channel'>;
}

export const metaInteractionId = (externalId: string): string => interactionId('social', 'meta', externalId);

// Feed `time` and `created_time` are seconds; messaging timestamps are milliseconds. No date
// after 1973 is below 1e11 in milliseconds, and none before the year 5000 is above it in seconds.
export const metaTime = (time: number): string => new Date(time > 1e11 ? time : time * 1000).toISOString();

export function socialInteraction(draft: SocialDraft): NormalizedInteraction {
  const handle = normalizeHandle(draft.network, draft.customerId);
  if (!handle) throw new Error(`not a ${draft.network} id: ${draft.customerId}`);
  return {
    id: metaInteractionId(draft.externalId),
    channel: 'social',
    source: { system: 'meta', externalId: draft.externalId },
    direction: draft.direction,
    occurredAt: metaTime(draft.time),
    contact: { identifiers: [handleIdentifier(handle)], displayName: draft.displayName?.slice(0, 256) ?? null },
    threadKey: draft.threadKey,
    summary: summarise(draft.text) || draft.fallbackSummary,
    text: draft.text,
    html: null,
    details: { channel: 'social', ...draft.details },
  };
}

/** Media Meta links to (expiring CDN urls): kept as references, not fetched here. */
export const linkedMedia = (kind: string, url: string | undefined): SocialDetails['media'][number] => ({
  kind,
  fileId: null,
  url: url ?? null,
  fileName: null,
  mimeType: null,
  sizeBytes: null,
});
