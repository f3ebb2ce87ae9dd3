import { type FormEvent, useEffect, useState } from 'react';
import { api, type User } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';
import { type Colleague, canChangeConversations, useColleagues } from '../colleagues.ts';
import { formatDateTime } from '../i18n.ts';
import { type CaseMessages, statusLabel, useCaseLocale } from '../i18n-cases.ts';
import { navigate } from '../route.ts';
import { useRowKeys } from '../row-keys.ts';

type CaseRow = components['schemas']['CaseListItem'];
type Owner = 'everyone' | 'me';

/** Every status a case can be in, in lifecycle order (the API's list; kinds use some of them). */
const statuses = [
  'new',
  'requested',
  'investigating',
  'approved',
  'item-received',
  'answered',
  'resolved',
  'rejected',
  'refused',
  'refunded',
  'closed',
] as const;
const kinds = ['complaint', 'information-request', 'return'] as const;

/** Active colleagues who may own a case (only supervisors and admins may list users: else none). */
/** Who owns a case, as the viewer says it: "you", a colleague's name, else the id. */
export const ownerName = (c: CaseMessages, me: User, colleagues: readonly Colleague[], ownerId: string | null) =>
  ownerId === null
    ? c.nobody
    : ownerId === me.userId
      ? c.you
      : (colleagues.find((u) => u.userId === ownerId)?.displayName ?? ownerId);

/** The cases list: everyone's or the viewer's, by status, most recently changed first; a new case above. */
export function CasesScreen({ me, changes }: { me: User; changes: number }) {
  const { t, c, locale } = useCaseLocale();
  const colleagues = useColleagues();
  const [owner, setOwner] = useState<Owner>('everyone');
  const [status, setStatus] = useState('');
  const [rows, setRows] = useState<CaseRow[] | undefined>();
  const { selected, setSelected, onKey } = useRowKeys(rows, (row) => navigate({ screen: 'case', ref: row.number }));
  const [failed, setFailed] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `changes` is the live feed's nudge to refetch
  useEffect(() => {
    let current = true;
    const query = {
      limit: 50,
      ...(owner === 'me' ? { owner: 'me' } : {}),
      ...(status ? { status: status as (typeof statuses)[number] } : {}),
    };
    void api.GET('/v1/cases', { params: { query } }).then(({ data }) => {
      if (!current) return;
      setFailed(!data);
      if (data) setRows(data.cases);
    });
    return () => {
      current = false;
    };
  }, [owner, status, changes]);

  return (
    <section className="cases">
      <h1>{c.cases}</h1>
      {canChangeConversations(me.role) && <NewCase />}
      <div className="case-filters">
        <nav className="filters" aria-label={c.owner}>
          {(['everyone', 'me'] as const).map((name) => (
            <button
              type="button"
              key={name}
              className={name === owner ? 'filter active' : 'filter'}
              aria-pressed={name === owner}
              onClick={() => {
                setOwner(name);
                setSelected(0);
              }}
            >
              {name === 'me' ? c.mine : c.everyone}
            </button>
          ))}
        </nav>
        <label className="inline">
          {c.statusFilter}
          <select
            name="status"
            value={status}
            onChange={(event) => {
              setStatus(event.target.value);
              setSelected(0);
            }}
          >
            <option value="">{c.anyStatus}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel(c, s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {failed && <p className="error">{t.error}</p>}
      {rows === undefined && !failed && <p className="muted">{t.loading}</p>}
      {rows?.length === 0 && <p className="muted">{c.noCases}</p>}
      {rows && rows.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the list takes arrow keys, j/k and Enter
        <ul className="rows" tabIndex={0} onKeyDown={onKey} aria-label={c.cases}>
          {rows.map((row, i) => (
            <li key={row.id} className={i === selected ? 'row selected' : 'row'} data-case={row.number}>
              <a href={`#/cases/${row.number}`} onFocus={() => setSelected(i)}>
                <span className="who">
                  <bdi className="case-number" dir="ltr">
                    {row.number}
                  </bdi>
                  {' · '}
                  <span className="subject">
                    <bdi>{row.subject}</bdi>
                  </span>
                </span>
                <span className="meta">
                  <span>
                    <span className="visually-hidden">{c.customer}: </span>
                    <bdi>{row.customerName ?? t.unknownCustomer}</bdi>
                  </span>
                  <span className={`case-status ${row.status}`}>
                    <span className="visually-hidden">{c.status}: </span>
                    {statusLabel(c, row.status)}
                  </span>
                  <span>{c.kind[row.kind] ?? row.kind}</span>
                  <span>
                    {c.owner}: <bdi>{ownerName(c, me, colleagues, row.ownerId)}</bdi>
                  </span>
                  <span>
                    <span className="visually-hidden">{c.lastActivity}: </span>
                    <time dateTime={row.updatedAt}>{formatDateTime(locale, row.updatedAt)}</time>
                  </span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Until the cases read model shows a new case (it follows the stream a moment later), so its page
 * finds it; asked of the customer's list, which answers 200 before and after.
 */
async function untilListed(customerId: string, caseId: string): Promise<void> {
  for (let tries = 0; tries < 50; tries++) {
    const { data } = await api.GET('/v1/cases', { params: { query: { customer: customerId, limit: 20 } } });
    if (data?.cases.some((listed) => listed.id === caseId)) return;
    await new Promise((done) => setTimeout(done, 100));
  }
}

interface Found {
  readonly id: string;
  readonly name: string;
}

/** Opening a case: find the customer, choose the kind, write the subject; then the case opens. */
function NewCase() {
  const { t, c } = useCaseLocale();
  const [found, setFound] = useState<Found[] | undefined>();
  const [kind, setKind] = useState<(typeof kinds)[number]>('complaint');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const find = async (q: string) => {
    if (!q.trim()) return;
    const { data } = await api.GET('/v1/customers', { params: { query: { q, limit: 8 } } });
    const people = await Promise.all(
      (data?.customers ?? []).map(async (match) => {
        const id = match.mergedInto ?? match.id;
        const profile = (await api.GET('/v1/customers/{id}/profile', { params: { path: { id } } })).data;
        return { id, name: profile?.displayName ?? profile?.identifiers[0]?.value ?? t.unknownCustomer };
      }),
    );
    setFound([...new Map(people.map((p) => [p.id, p])).values()]);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const customerId = text('customerId');
    if (!customerId || !text('subject')) return;
    if (kind === 'return' && !text('orderReference')) {
      setProblem(c.orderNeeded);
      return;
    }
    setBusy(true);
    const { data, error } = await api.POST('/v1/cases', {
      body: {
        kind,
        customerId,
        subject: text('subject'),
        description: text('description') || null,
        orderReference: text('orderReference') || null,
        conversationIds: [],
      },
    });
    if (data) await untilListed(customerId, data.caseId);
    setBusy(false);
    if (data) navigate({ screen: 'case', ref: data.number });
    else setProblem((error as { detail?: string } | undefined)?.detail ?? t.error);
  };

  return (
    <details className="new-case">
      <summary>{c.newCase}</summary>
      <form className="new-case-form" onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <div className="find-customer">
          <label className="find-customer-label">
            {c.findCustomer}
            <input
              name="q"
              type="search"
              placeholder={c.findCustomerPlaceholder}
              dir="auto"
              onKeyDown={(event) => {
                if (event.key !== 'Enter') return;
                event.preventDefault();
                void find(event.currentTarget.value);
              }}
            />
          </label>
          <button
            type="button"
            className="quiet"
            onClick={(event) => {
              const input = event.currentTarget.form?.elements.namedItem('q') as HTMLInputElement | null;
              void find(input?.value ?? '');
            }}
          >
            {c.find}
          </button>
        </div>
        {found?.length === 0 && <p className="muted">{c.noCustomerFound}</p>}
        {found && found.length > 0 && (
          <label>
            {c.chooseCustomer}
            <select name="customerId" required>
              {found.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {c.kindLabel}
          <select name="kind" value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {c.kind[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {c.subject}
          <input name="subject" required maxLength={500} dir="auto" />
        </label>
        <label>
          {c.orderReference}
          <input name="orderReference" maxLength={200} dir="auto" required={kind === 'return'} />
        </label>
        <label>
          {c.description}
          <textarea name="description" rows={2} dir="auto" />
        </label>
        {problem && (
          <p className="notice" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="send" disabled={busy || !found?.length}>
          {c.create}
        </button>
      </form>
    </details>
  );
}
