import type { Channel, DomainEventOf } from '@hub/events';
import { normaliseEndpoint } from './inbox.decider.ts';

type Details = DomainEventOf<'InteractionRecorded'>['data']['details'];

/** A configured inbox as matching sees it; listed in the order they were created. */
export interface InboxRoute {
  readonly inboxId: string;
  readonly channel: Channel;
  readonly endpoints: readonly string[];
}

/**
 * The endpoints an interaction arrived at, as an inbox names them: an email's recipient
 * addresses (To and Cc), a web form's id, a chat's platform (`telegram`, `widget`), a social
 * message's Page id and platform, a call's business number.
 */
export function endpointsOf(details: Details): string[] {
  if ('erased' in details) return [];
  switch (details.channel) {
    case 'email':
      return [...details.to, ...details.cc].map(normaliseEndpoint);
    case 'webform':
      return [normaliseEndpoint(details.formId)];
    case 'chat':
      return [details.platform];
    case 'social':
      return [details.platform, ...(details.pageId ? [normaliseEndpoint(details.pageId)] : [])];
    case 'phone':
      return [details.businessNumber ?? details.to].map(normaliseEndpoint);
    case 'generic':
      return [];
    default:
      return details satisfies never;
  }
}

/**
 * The inbox an interaction arrives in: the first of its channel naming one of its endpoints, else
 * the first covering the whole channel (no endpoints), else none (the caller's default).
 */
export function chooseInbox(inboxes: readonly InboxRoute[], details: Details): string | undefined {
  const ofChannel = inboxes.filter((inbox) => inbox.channel === details.channel);
  const endpoints = new Set(endpointsOf(details));
  return (
    ofChannel.find((inbox) => inbox.endpoints.some((endpoint) => endpoints.has(endpoint))) ??
    ofChannel.find((inbox) => inbox.endpoints.length === 0)
  )?.inboxId;
}
