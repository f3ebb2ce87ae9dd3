import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type User } from '../api/client.ts';
import { canChangeConversations } from '../colleagues.ts';
import { channelLabel, formatDateTime, formatNumber, useLocale } from '../i18n.ts';
import { CustomerHtml } from './customer-html.tsx';
import { NoteBox } from './note-box.tsx';
import { ReplyBox } from './reply-box.tsx';
import { Triage } from './triage.tsx';

type Conversation = NonNullable<
  Awaited<ReturnType<typeof api.GET<'/v1/conversations/{id}', { params: { path: { id: string } } }>>>['data']
>;
type Timeline = NonNullable<
  Awaited<ReturnType<typeof api.GET<'/v1/customers/{id}/timeline', { params: { path: { id: string } } }>>>['data']
>;
type Item = Conversation['items'][number];

/** What a change to the conversation answered: its status, and the revision it made. */
export interface ChangeAnswer {
  readonly response: Response;
  readonly data?: unknown;
}

/** A conversation: its messages, notes and replies in order, the customer's timeline beside it. */
export function ConversationScreen({ id, me, changes }: { id: string; me: User; changes: number }) {
  const { t, locale } = useLocale();
  const [conversation, setConversation] = useState<Conversation | undefined>();
  const [timeline, setTimeline] = useState<Timeline | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [missing, setMissing] = useState(false);

  const load = useCallback(async () => {
    const { data, response } = await api.GET('/v1/conversations/{id}', { params: { path: { id } } });
    if (!data) {
      setMissing(response.status === 404);
      return undefined;
    }
    setConversation(data);
    const history = await api.GET('/v1/customers/{id}/timeline', {
      params: { path: { id: data.customerId }, query: { limit: 20 } },
    });
    if (history.data) setTimeline(history.data);
    return data;
  }, [id]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `changes` is the live feed's nudge to refetch
  useEffect(() => {
    void load();
  }, [load, changes]);

  /**
   * A change sent with the revision shown: a colleague's change in between is a conflict, shown.
   * After one of ours, the view is read again until it shows at least the revision the change
   * made (the read model follows the stream a moment later), so the next change is not stale.
   */
  const afterChange = async ({ response, data }: ChangeAnswer) => {
    if (response.status === 409) setNotice(t.conflict);
    else setNotice(response.ok ? undefined : t.error);
    const made = (data as { revision?: unknown } | undefined)?.revision;
    for (let tries = 0; tries < 50; tries++) {
      const shown = await load();
      if (typeof made !== 'number' || (shown?.revision ?? -1) >= made) return;
      await new Promise((done) => setTimeout(done, 100));
    }
  };

  // The newest activity in view when a conversation opens (a long one would start at its first message).
  const shownFor = useRef<string | undefined>(undefined);
  // Once the timeline is in too: it fills in the messages' words, which moves the items.
  useEffect(() => {
    if (!conversation || !timeline || shownFor.current === conversation.id) return;
    shownFor.current = conversation.id;
    document.querySelector('.items > li:last-child')?.scrollIntoView({ block: 'center' });
  }, [conversation, timeline]);

  if (missing) return <p className="error">{t.error}</p>;
  if (!conversation) return <p className="muted">{t.loading}</p>;
  const resolved = conversation.status === 'resolved';
  // Analysts read conversations only: no reply, note, triage or status change is offered to them.
  const changer = canChangeConversations(me.role);

  const messagesById = new Map((timeline?.entries ?? []).map((entry) => [entry.interactionId, entry]));
  const setStatus = async () => {
    const answer = await api.POST('/v1/conversations/{id}/status', {
      params: { path: { id } },
      body: { status: resolved ? 'open' : 'resolved', revision: conversation.revision },
    });
    await afterChange(answer);
  };
  // The customer's other contacts: what this conversation does not hold already.
  const here = new Set(conversation.items.map((item) => item.interactionId).filter(Boolean));
  const earlier = (timeline?.entries ?? []).filter((entry) => !here.has(entry.interactionId));
  return (
    <div className="conversation">
      <section className="thread">
        <a className="back" href="#/inbox">
          {t.back}
        </a>
        <h1>
          <bdi>{conversation.subject ?? t.noSubject}</bdi>
        </h1>
        <p className="meta">
          <span className={`channel ${conversation.channel}`}>{channelLabel(t, conversation.channel)}</span>
          <span className={`status ${conversation.status}`}>
            {t[conversation.status as 'open' | 'pending' | 'snoozed' | 'resolved'] ?? conversation.status}
          </span>
          {conversation.csatRating !== null && (
            <span className="csat-badge">
              {t.csat}: {t.rated(formatNumber(locale, conversation.csatRating))}
            </span>
          )}
          {changer && (
            <button type="button" className="status-action" onClick={() => void setStatus()}>
              {resolved ? t.reopen : t.resolve}
            </button>
          )}
        </p>
        {changer && <Triage conversation={conversation} me={me} onDone={afterChange} />}
        {notice && (
          <p className="notice" role="alert">
            {notice}
          </p>
        )}
        <ol className="items">
          {conversation.items.map((item) => (
            <ItemView
              key={`${item.revision}-${item.kind}`}
              item={item}
              entry={messagesById}
              onDone={changer ? afterChange : undefined}
            />
          ))}
        </ol>
        {changer && <ReplyBox conversationId={id} revision={conversation.revision} onDone={afterChange} />}
        {changer && <NoteBox conversationId={id} onDone={afterChange} />}
      </section>
      <aside className="history" aria-label={t.timeline}>
        <h2>{t.timeline}</h2>
        <p className="muted">{t.earlier}</p>
        <ol>
          {earlier.map((entry) => (
            <li key={entry.interactionId} className={`entry ${entry.direction}`}>
              <span className={`channel ${entry.channel}`}>{channelLabel(t, entry.channel)}</span>
              <time dateTime={entry.occurredAt}>{formatDateTime(locale, entry.occurredAt)}</time>
              <bdi>{entry.summary}</bdi>
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}

function ItemView({
  item,
  entry,
  onDone,
}: {
  item: Item;
  entry: Map<string, Timeline['entries'][number]>;
  /** Absent for those who may not change the conversation: no retry or confirmation offered. */
  onDone: ((answer: ChangeAnswer) => Promise<void>) | undefined;
}) {
  const { t, locale } = useLocale();
  const at = <time dateTime={item.at}>{formatDateTime(locale, item.at)}</time>;
  if (item.reply) {
    const { replyId, delivery } = item.reply;
    const status = delivery.status;
    const retry = async () =>
      onDone?.(await api.POST('/v1/replies/{id}/retry', { params: { path: { id: replyId } }, body: {} }));
    const confirm = async (delivered: boolean) =>
      onDone?.(
        await api.POST('/v1/replies/{id}/confirmation', { params: { path: { id: replyId } }, body: { delivered } }),
      );
    return (
      <li className="item message outbound">
        <header>
          <strong>{t.outbound}</strong> {at}{' '}
          <span className="muted">{t.replyVia[item.reply.channel] ?? item.reply.channel}</span>{' '}
          <span className={`delivery ${status}`} data-delivery={status}>
            {t[status]}
            {delivery.reason ? `: ${delivery.reason}` : ''}
          </span>
        </header>
        <p dir="auto">{item.reply.text}</p>
        {item.reply.attachments.length > 0 && (
          <ul className="plain files">
            {item.reply.attachments.map((file) => (
              <li key={file.id}>
                {t.attached}: <bdi>{file.filename}</bdi>
              </li>
            ))}
          </ul>
        )}
        {onDone && status === 'failed' && delivery.outcomeUnknown && (
          <p className="delivery-actions">
            {t.deliveredQuestion}{' '}
            <button type="button" onClick={() => void confirm(true)}>
              {t.yes}
            </button>{' '}
            <button type="button" onClick={() => void confirm(false)}>
              {t.no}
            </button>
          </p>
        )}
        {onDone && status === 'failed' && !delivery.outcomeUnknown && (
          <p className="delivery-actions">
            <button type="button" className="retry" onClick={() => void retry()}>
              {t.retry}
            </button>
          </p>
        )}
      </li>
    );
  }
  if (item.kind === 'csat') {
    const rating = Number(item.data.rating ?? 0);
    return (
      <li className="item event csat">
        {t.kind.csat} {at}: <strong>{t.rated(formatNumber(locale, rating))}</strong>{' '}
        <span aria-hidden="true">{'★'.repeat(rating)}</span>
        {item.data.comment ? <p dir="auto">{String(item.data.comment)}</p> : null}
      </li>
    );
  }
  if (item.kind === 'message') {
    const message = item.message ?? (item.interactionId ? entry.get(item.interactionId) : undefined);
    const direction = String(item.data.direction ?? message?.direction ?? 'inbound');
    return (
      <li className={`item message ${direction}`}>
        <header>
          <strong>{direction === 'outbound' ? t.outbound : t.inbound}</strong> {at}
        </header>
        {message?.html ? (
          <CustomerHtml html={message.html} title={message.summary} />
        ) : (
          <p dir="auto">{message?.text ?? ''}</p>
        )}
      </li>
    );
  }
  if (item.kind === 'note') {
    return (
      <li className="item note">
        <header>
          <strong>{t.note}</strong> {at}
        </header>
        <p dir="auto">{String(item.data.text ?? '')}</p>
      </li>
    );
  }
  return (
    <li className="item event">
      {t.kind[item.kind] ?? item.kind} {at}
    </li>
  );
}
