import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api, describeProblem, type User } from '../api/client.ts';
import { canAssignOthers, canChangeConversations, useColleagues } from '../colleagues.ts';
import { channelLabel, formatDateTime } from '../i18n.ts';
import { type CaseMessages, statusLabel, useCaseLocale } from '../i18n-cases.ts';
import { ownerName } from './cases.tsx';

type CaseView = NonNullable<
  Awaited<ReturnType<typeof api.GET<'/v1/cases/{ref}', { params: { path: { ref: string } } }>>>['data']
>;
type CaseItem = CaseView['items'][number];
type OpenConversation = { id: string; subject: string | null; channel: string };

/** What a change to the case answered: its status, problem and the revision it made. */
interface CaseAnswer {
  readonly response: Response;
  readonly data?: unknown;
  readonly error?: unknown;
}

/**
 * One case: status and owner with their controls, the linked conversations, notes and history.
 * Every change is sent with the revision shown; a colleague's change in between is a conflict,
 * shown, and the current state is read again.
 */
export function CaseScreen({ caseRef, me, changes }: { caseRef: string; me: User; changes: number }) {
  const { t, c, locale } = useCaseLocale();
  const colleagues = useColleagues();
  const [shown, setShown] = useState<CaseView | undefined>();
  const [missing, setMissing] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [linkable, setLinkable] = useState<OpenConversation[]>([]);

  const load = useCallback(async () => {
    const { data, response } = await api.GET('/v1/cases/{ref}', { params: { path: { ref: caseRef } } });
    setMissing(!data && response.status === 404);
    if (data) setShown(data);
    return data;
  }, [caseRef]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `changes` is the live feed's nudge to refetch
  useEffect(() => {
    void load();
  }, [load, changes]);

  const customerId = shown?.customerId;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revision may have linked or unlinked one
  useEffect(() => {
    if (!customerId) return;
    void api
      .GET('/v1/customers/{id}/profile', { params: { path: { id: customerId } } })
      .then(({ data }) => setLinkable(data?.openConversations ?? []));
  }, [customerId, shown?.revision]);

  /**
   * After a change: a stale revision (409) says a colleague changed it; then the view is read
   * until it shows at least the revision the change made, so the next change is not stale.
   */
  const afterChange = async ({ response, data, error }: CaseAnswer) => {
    const { code } = describeProblem(error);
    if (response.ok) setNotice(undefined);
    else if (code === 'WRONG_EXPECTED_REVISION') setNotice(c.conflict);
    else if (code === 'CASE_CONFLICT') setNotice(c.refused);
    else setNotice(t.error);
    const made = (data as { revision?: unknown } | undefined)?.revision;
    try {
      for (let tries = 0; tries < 50; tries++) {
        const current = await load();
        if (typeof made !== 'number' || (current?.revision ?? -1) >= made) return;
        await new Promise((done) => setTimeout(done, 100));
      }
    } finally {
      setBusy(false);
    }
  };

  if (missing) return <p className="error">{c.notFound}</p>;
  if (!shown) return <p className="muted">{t.loading}</p>;
  const view = shown;
  const id = view.id;
  const revision = view.revision;
  const closed = view.status === 'closed';
  const nameOf = (userId: string | null) => ownerName(c, me, colleagues, userId);

  const setOwner = async (ownerId: string | null) => {
    setBusy(true);
    await afterChange(
      await api.POST('/v1/cases/{id}/owner', { params: { path: { id } }, body: { ownerId, revision } }),
    );
  };
  const move = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const status = String(new FormData(event.currentTarget).get('status') ?? '');
    if (!status) return;
    setBusy(true);
    await afterChange(
      await api.POST('/v1/cases/{id}/status', {
        params: { path: { id } },
        body: { status: status as 'closed', revision },
      }),
    );
  };
  const link = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const conversationId = String(new FormData(event.currentTarget).get('conversationId') ?? '');
    if (!conversationId) return;
    setBusy(true);
    await afterChange(
      await api.POST('/v1/cases/{id}/conversations', { params: { path: { id } }, body: { conversationId, revision } }),
    );
  };
  const unlink = async (conversationId: string) => {
    setBusy(true);
    await afterChange(
      await api.DELETE('/v1/cases/{id}/conversations/{conversationId}', {
        params: { path: { id, conversationId }, query: { revision } },
      }),
    );
  };
  const addNote = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const text = String(new FormData(form).get('text') ?? '').trim();
    if (!text) return;
    setBusy(true);
    const answer = await api.POST('/v1/cases/{id}/notes', { params: { path: { id } }, body: { text, revision } });
    if (answer.response.ok) form.reset();
    await afterChange(answer);
  };

  const unlinked = linkable.filter((conversation) => !view.conversationIds.includes(conversation.id));
  const notes = view.items.filter((item) => item.kind === 'note');
  const others = canAssignOthers(me.role)
    ? colleagues.filter((u) => u.userId !== view.ownerId && u.role !== 'analyst')
    : [];
  // Analysts read cases only: no owner, status, link or note controls are offered to them.
  const changer = canChangeConversations(me.role);
  const open = changer && !closed;
  return (
    <div className="conversation case">
      <section className="thread">
        <a className="back" href="#/cases">
          {c.backToCases}
        </a>
        <h1>
          <bdi className="case-number" dir="ltr">
            {view.number}
          </bdi>
          {' · '}
          <bdi>{view.subject}</bdi>
        </h1>
        <p className="meta">
          <span className={`case-status ${view.status}`} data-status={view.status}>
            {statusLabel(c, view.status)}
          </span>
          <span>{c.kind[view.kind] ?? view.kind}</span>
          <a href={`#/customers/${view.customerId}`}>
            <bdi>{view.customerName ?? t.unknownCustomer}</bdi>
          </a>
          {view.orderReference && (
            <span>
              {c.orderReference}: <bdi dir="ltr">{view.orderReference}</bdi>
            </span>
          )}
          <span>
            {c.opened} <time dateTime={view.openedAt}>{formatDateTime(locale, view.openedAt)}</time>
          </span>
        </p>
        {view.description && (
          <p className="case-description" dir="auto">
            {view.description}
          </p>
        )}
        {notice && (
          <p className="notice" role="alert">
            {notice}
          </p>
        )}
        <fieldset className="triage case-controls" disabled={busy} aria-busy={busy}>
          <legend className="visually-hidden">{c.owner}</legend>
          <span className="case-owner">
            {c.owner}: <strong>{nameOf(view.ownerId)}</strong>
          </span>
          {open &&
            (view.ownerId === me.userId ? (
              <button type="button" className="quiet" onClick={() => void setOwner(null)}>
                {c.release}
              </button>
            ) : (
              <button type="button" className="quiet" onClick={() => void setOwner(me.userId)}>
                {c.takeIt}
              </button>
            ))}
          {open && others.length > 0 && (
            <label className="inline">
              {c.giveTo}
              <select
                value=""
                onChange={(event) => {
                  if (event.target.value) void setOwner(event.target.value);
                }}
              >
                <option value="">—</option>
                {others.map((u) => (
                  <option key={u.userId} value={u.userId}>
                    {u.displayName}
                  </option>
                ))}
              </select>
            </label>
          )}
          {!changer ? null : view.nextStatuses.length > 0 ? (
            <form className="inline case-move" onSubmit={(event) => void move(event)}>
              <label className="inline">
                {c.moveTo}
                <select name="status" key={revision}>
                  {view.nextStatuses.map((s) => (
                    <option key={s} value={s}>
                      {statusLabel(c, s)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit">{c.move}</button>
            </form>
          ) : (
            <span className="muted">{c.finalStatus}</span>
          )}
        </fieldset>

        <h2>{c.conversations}</h2>
        {view.conversations.length === 0 && <p className="muted">{c.noConversations}</p>}
        <ul className="plain linked">
          {view.conversations.map((conversation) => {
            const name = conversation.subject ?? channelLabel(t, conversation.channel);
            return (
              <li key={conversation.id} className="linked-conversation" data-conversation={conversation.id}>
                <span className="linked-text">
                  <a href={`#/conversations/${conversation.id}`}>
                    <bdi>{name}</bdi>
                  </a>
                  <span className="muted">
                    {channelLabel(t, conversation.channel)} ·{' '}
                    {c.conversationStatuses[conversation.status] ?? conversation.status}
                  </span>
                </span>
                {open && (
                  <button
                    type="button"
                    className="quiet"
                    disabled={busy}
                    aria-label={c.unlinkNamed(name)}
                    onClick={() => void unlink(conversation.id)}
                  >
                    {c.unlink}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        {open && unlinked.length > 0 && (
          <form className="inline case-link" onSubmit={(event) => void link(event)}>
            <label className="inline">
              {c.linkConversation}
              <select name="conversationId" key={revision}>
                {unlinked.map((conversation) => (
                  <option key={conversation.id} value={conversation.id}>
                    {conversation.subject ?? channelLabel(t, conversation.channel)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="quiet" disabled={busy}>
              {c.link}
            </button>
          </form>
        )}

        {notes.length > 0 && <h2>{c.notes}</h2>}
        <ol className="items">
          {notes.map((item) => (
            <li key={item.revision} className="item note">
              <header>
                <strong>{nameOf(actorOf(item))}</strong>{' '}
                <time dateTime={item.at}>{formatDateTime(locale, item.at)}</time>
              </header>
              <p dir="auto">{String(item.data.text ?? '')}</p>
            </li>
          ))}
        </ol>
        {changer && (
          <form className="composer note" onSubmit={(event) => void addNote(event)}>
            <label>
              {c.note}
              <textarea name="text" rows={2} placeholder={c.notePlaceholder} dir="auto" />
            </label>
            <button type="submit" className="send" disabled={busy}>
              {c.addNote}
            </button>
          </form>
        )}
      </section>
      <aside className="history" aria-label={c.history}>
        <h2>{c.history}</h2>
        <ol>
          {[...view.items].reverse().map((item) => (
            <li key={item.revision} className="entry case-entry">
              <span>{describeItem(c, item, nameOf)}</span>
              <span className="muted">
                {actorOf(item) !== null && `${c.by(nameOf(actorOf(item)))} `}
                <time dateTime={item.at}>{formatDateTime(locale, item.at)}</time>
              </span>
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}

/** The agent who made a change; null for the system or anyone else. */
const actorOf = (item: CaseItem): string | null => {
  const actor = item.actor as { kind?: string; userId?: string } | null;
  return actor?.kind === 'agent' && typeof actor.userId === 'string' ? actor.userId : null;
};

/** One line of the history, in the locale. */
function describeItem(c: CaseMessages, item: CaseItem, nameOf: (userId: string | null) => string): string {
  const data = item.data as { from?: string; to?: string; ownerId?: string | null };
  if (item.kind === 'status') return c.event.status(statusLabel(c, data.from ?? ''), statusLabel(c, data.to ?? ''));
  if (item.kind === 'owner') return c.event.owner(nameOf(data.ownerId ?? null));
  if (item.kind === 'opened' || item.kind === 'linked' || item.kind === 'unlinked' || item.kind === 'note')
    return c.event[item.kind];
  return item.kind;
}
