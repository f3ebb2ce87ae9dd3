import { useState } from 'react';
import { api, type InboxListItem, type User } from '../api/client.ts';
import { channelLabel, formatDateTime, formatNumber, useLocale } from '../i18n.ts';
import { useRefetch } from '../refetch.ts';
import { navigate } from '../route.ts';
import { useRowKeys } from '../row-keys.ts';

type Filter = 'open' | 'pending' | 'snoozed' | 'resolved' | 'mine' | 'unassigned' | 'breached';
type Counts = Record<'open' | 'pending' | 'snoozed' | 'mine' | 'unassigned' | 'breached', number>;

const queryOf = (filter: Filter) => {
  if (filter === 'mine') return { status: 'open', assignee: 'me' } as const;
  if (filter === 'unassigned') return { status: 'open', assignee: 'unassigned' } as const;
  if (filter === 'breached') return { status: 'open', sla: 'breached', sort: 'sla-due' } as const;
  return { status: filter } as const;
};

/** The inbox: the API's filters with their counts, newest activity first, opened with Enter. */
export function InboxScreen({ changes }: { me: User; changes: number }) {
  const { t, locale } = useLocale();
  const [filter, setFilter] = useState<Filter>('open');
  const [rows, setRows] = useState<InboxListItem[] | undefined>();
  const { selected, setSelected, onKey } = useRowKeys(rows, (row) => navigate({ screen: 'conversation', id: row.id }));
  const [counts, setCounts] = useState<Counts | undefined>();
  const [failed, setFailed] = useState(false);

  // The rows show as soon as they come; the counts follow on their own.
  useRefetch(filter, changes, async (isCurrent) => {
    const counted = api.GET('/v1/inbox/counts').then(({ data }) => {
      if (data) setCounts(data);
    });
    const list = await api.GET('/v1/inbox', { params: { query: { ...queryOf(filter), limit: 50 } } });
    if (isCurrent()) {
      setFailed(!list.data);
      if (list.data) setRows(list.data.conversations);
    }
    await counted;
  });

  const filters: [Filter, string, number | undefined][] = [
    ['open', t.open, counts?.open],
    ['mine', t.mine, counts?.mine],
    ['unassigned', t.unassigned, counts?.unassigned],
    ['pending', t.pending, counts?.pending],
    ['snoozed', t.snoozed, counts?.snoozed],
    ['breached', t.breached, counts?.breached],
    ['resolved', t.resolved, undefined],
  ];

  return (
    <section className="inbox">
      <h1>{t.inbox}</h1>
      <nav className="filters" aria-label={t.inbox}>
        {filters.map(([name, label, count]) => (
          <button
            type="button"
            key={name}
            className={name === filter ? 'filter active' : 'filter'}
            aria-pressed={name === filter}
            onClick={() => {
              setFilter(name);
              setSelected(0);
            }}
          >
            {label}
            {count !== undefined && <span className="count">{formatNumber(locale, count)}</span>}
          </button>
        ))}
      </nav>
      {failed && <p className="error">{t.error}</p>}
      {rows === undefined && !failed && <p className="muted">{t.loading}</p>}
      {rows?.length === 0 && <p className="muted">{t.noConversations}</p>}
      {rows && rows.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the list takes arrow keys, j/k and Enter
        <ul className="rows" tabIndex={0} onKeyDown={onKey} aria-label={t.inbox}>
          {rows.map((row, i) => (
            <li key={row.id} className={i === selected ? 'row selected' : 'row'} data-conversation={row.id}>
              <a href={`#/conversations/${row.id}`} onFocus={() => setSelected(i)}>
                <span className="who">
                  <bdi>{row.customerName ?? t.unknownCustomer}</bdi>
                  {row.subject && (
                    <span className="subject">
                      {' · '}
                      <bdi>{row.subject}</bdi>
                    </span>
                  )}
                </span>
                {row.preview && row.preview !== row.subject && (
                  <span className="preview">
                    <bdi>{row.preview}</bdi>
                  </span>
                )}
                <span className="meta">
                  <span className={`channel ${row.channel}`}>{channelLabel(t, row.channel)}</span>
                  <span>{t.messages(row.messageCount, formatNumber(locale, row.messageCount))}</span>
                  <time dateTime={row.lastActivityAt}>{formatDateTime(locale, row.lastActivityAt)}</time>
                  {row.waitingSince && <span className="unread" title={row.waitingSince} aria-hidden="true" />}
                  {row.sla.state && row.sla.dueAt && (
                    <span className={`sla ${row.sla.state}`}>
                      {row.sla.state === 'breached' ? t.breached : row.sla.state === 'due-soon' ? t.dueSoon : t.due}{' '}
                      <time dateTime={row.sla.dueAt}>{formatDateTime(locale, row.sla.dueAt)}</time>
                    </span>
                  )}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
