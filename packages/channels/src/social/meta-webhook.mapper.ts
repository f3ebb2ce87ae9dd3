import { HubError } from '@hub/errors';
import type { NormalizedInteraction } from '@hub/interactions';
import type { z } from 'zod';
import { mapFeedComment, mapInstagramComment } from './meta-comment.mapper.ts';
import type { MetaOutcome } from './meta-interaction.ts';
import { mapMessagingMessage } from './meta-message.mapper.ts';
import {
  FeedCommentValue,
  InstagramCommentValue,
  MessagingMessageEvent,
  type MetaEntry,
  MetaWebhook,
} from './meta-webhook.schema.ts';

export interface MetaMapping {
  readonly interactions: NormalizedInteraction[];
  /** Why each change or event not recorded was left out (reactions, reads, the Page's own comments). */
  readonly skipped: readonly string[];
}

/**
 * Every interaction of one webhook, or INVALID_INPUT naming the first wrongly typed field: the
 * webhook is accepted whole or not at all, so Meta's retry brings back exactly what was refused.
 */
export function mapMetaWebhook(json: unknown): MetaMapping {
  const webhook = parseAt(MetaWebhook, json, '');
  const outcomes = webhook.entry.flatMap((entry, e) => [
    ...(entry.changes ?? []).map((change, c) => mapChange(webhook.object, entry, change, `entry.${e}.changes.${c}`)),
    ...(entry.messaging ?? []).map((event, m) => mapEvent(webhook.object, entry, event, `entry.${e}.messaging.${m}`)),
  ]);
  return {
    interactions: outcomes.flatMap((o) => ('interaction' in o ? [o.interaction] : [])),
    skipped: outcomes.flatMap((o) => ('skipped' in o ? [o.skipped] : [])),
  };
}

function mapChange(
  object: string,
  entry: MetaEntry,
  change: { field: string; value: unknown },
  at: string,
): MetaOutcome {
  if (object === 'page' && change.field === 'feed') {
    const item = (change.value as { item?: unknown } | null)?.item;
    if (item !== 'comment') return { skipped: `feed item ${String(item)}` };
    return mapFeedComment(entry, parseAt(FeedCommentValue, change.value, `${at}.value`));
  }
  if (object === 'instagram' && change.field === 'comments') {
    return mapInstagramComment(entry, parseAt(InstagramCommentValue, change.value, `${at}.value`));
  }
  return { skipped: `${object} field ${change.field}` };
}

function mapEvent(object: string, entry: MetaEntry, event: Record<string, unknown>, at: string): MetaOutcome {
  if (object !== 'page' && object !== 'instagram') return { skipped: `${object} messaging` };
  // Deliveries, reads, reactions, postbacks, referrals: no message, nothing a customer wrote.
  if (!('message' in event)) return { skipped: `messaging event without a message (${Object.keys(event).join(',')})` };
  return mapMessagingMessage(object, entry, parseAt(MessagingMessageEvent, event, at));
}

function parseAt<T>(schema: z.ZodType<T>, value: unknown, at: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [at, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.') || '(root)';
  throw new HubError('INVALID_INPUT', `invalid Meta webhook at ${path}: ${issue?.message ?? 'does not match'}`);
}
