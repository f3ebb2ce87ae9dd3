import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api, describeProblem, type User } from '../api/client.ts';
import { channelLabel, formatDateTime, formatNumber, useLocale } from '../i18n.ts';
import { navigate } from '../route.ts';
import { EraseCustomer } from './erase-customer.tsx';

type Profile = NonNullable<
  Awaited<ReturnType<typeof api.GET<'/v1/customers/{id}/profile', { params: { path: { id: string } } }>>>['data']
>;

const profileOf = async (id: string) =>
  (await api.GET('/v1/customers/{id}/profile', { params: { path: { id } } })).data;

/** Customer search: any written form of a name (Arabic or Persian yeh and kaf), email, phone or handle. */
export function CustomersScreen({ q }: { q: string }) {
  const { t } = useLocale();
  const [found, setFound] = useState<{ profile: Profile; match: string }[] | undefined>();
  useEffect(() => {
    if (!q.trim()) {
      setFound(undefined);
      return;
    }
    let current = true;
    void (async () => {
      const { data } = await api.GET('/v1/customers', { params: { query: { q, limit: 10 } } });
      const profiles = await Promise.all(
        (data?.customers ?? []).map(async (c) => ({ profile: await profileOf(c.mergedInto ?? c.id), match: c.match })),
      );
      if (current) setFound(profiles.flatMap((p) => (p.profile ? [{ profile: p.profile, match: p.match }] : [])));
    })();
    return () => {
      current = false;
    };
  }, [q]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate({ screen: 'customers', q: String(new FormData(event.currentTarget).get('q') ?? '') });
  };
  return (
    <section className="customers">
      <h1>{t.customers}</h1>
      <search>
        <form className="search" onSubmit={submit}>
          <input
            name="q"
            type="search"
            defaultValue={q}
            aria-label={t.search}
            placeholder={t.searchPlaceholder}
            dir="auto"
          />
          <button type="submit">{t.search}</button>
        </form>
      </search>
      {found?.length === 0 && <p className="muted">{t.noCustomers}</p>}
      {found && found.length > 0 && (
        <ul className="rows">
          {found.map(({ profile, match }) => (
            <li key={profile.customerId} className="row">
              <a href={`#/customers/${profile.customerId}`}>
                <span className="who">
                  <bdi>{profile.displayName ?? t.unknownCustomer}</bdi>
                </span>
                <span className="meta">
                  {profile.identifiers.slice(0, 3).map((i) => (
                    <bdi key={`${i.kind}:${i.value}`} dir="ltr">
                      {i.value}
                    </bdi>
                  ))}
                  <span className="match">{t.match[match] ?? match}</span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Roles that may merge customers and undo merges (the API's customers:merge). */
const mergers = new Set(['supervisor', 'admin']);

/**
 * A customer's profile: identifiers, channels, open conversations and cases, the whole timeline;
 * who may be the same person (with the interactions that say so), merges and their undoing;
 * erasure, for admins.
 */
export function CustomerScreen({ id, me }: { id: string; me: User }) {
  const { t, locale } = useLocale();
  const [profile, setProfile] = useState<Profile | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [erased, setErased] = useState(false);
  const [timeline, setTimeline] = useState<
    { interactionId: string; channel: string; occurredAt: string; summary: string; direction: string }[]
  >([]);
  const load = useCallback(async () => {
    const shown = await profileOf(id);
    setProfile(shown);
    const { data } = await api.GET('/v1/customers/{id}/timeline', { params: { path: { id }, query: { limit: 50 } } });
    setTimeline(data?.entries ?? []);
    return shown;
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (erased) return <p className="notice">{t.erased}</p>;
  if (!profile) return <p className="muted">{t.loading}</p>;
  const survivorId = profile.customerId;
  const canMerge = mergers.has(me.role);

  /** The survivor's revision read first and sent along: a colleague's merge in between is a 409. */
  const afterMergeChange = async (response: Response, error: unknown) => {
    setNotice(response.ok ? undefined : response.status === 409 ? t.conflict : describeProblem(error).detail);
    // The read models follow the stream a moment later.
    for (let tries = 0; tries < 30; tries++) {
      await new Promise((done) => setTimeout(done, 100));
      const shown = await load();
      if (!response.ok || JSON.stringify(shown) !== JSON.stringify(profile)) return;
    }
  };
  const revisionOf = async () =>
    (await api.GET('/v1/customers/{id}', { params: { path: { id: survivorId } } })).data?.revision;
  const merge = async (mergedId: string, name: string) => {
    if (!window.confirm(t.mergeConfirm(name))) return;
    const expectedRevision = await revisionOf();
    const { response, error } = await api.POST('/v1/customers/{id}/merges', {
      params: { path: { id: survivorId } },
      body: { mergedId, agentId: me.userId, ...(expectedRevision === undefined ? {} : { expectedRevision }) },
    });
    await afterMergeChange(response, error);
  };
  const unmerge = async (mergedId: string) => {
    const expectedRevision = await revisionOf();
    const { response, error } = await api.DELETE('/v1/customers/{id}/merges/{mergedId}', {
      params: {
        path: { id: survivorId, mergedId },
        query: { agentId: me.userId, ...(expectedRevision === undefined ? {} : { expectedRevision }) },
      },
    });
    await afterMergeChange(response, error);
  };

  const name = profile.displayName ?? t.unknownCustomer;
  return (
    <div className="conversation">
      <section className="thread">
        <h1>
          <bdi>{name}</bdi>
        </h1>
        {notice && (
          <p className="notice" role="alert">
            {notice}
          </p>
        )}
        {profile.mergeCandidates.length > 0 && (
          <section className="candidates" aria-labelledby="candidates-title">
            <h2 id="candidates-title">{t.mergeCandidates}</h2>
            <ul className="plain">
              {profile.mergeCandidates.map((candidate) => {
                const candidateName = candidate.displayName ?? t.unknownCustomer;
                return (
                  <li key={candidate.customerId} className="candidate">
                    <a href={`#/customers/${candidate.customerId}`}>
                      <bdi>{candidateName}</bdi>
                    </a>{' '}
                    {candidate.identifiers.map((i) => (
                      <bdi key={`${i.kind}:${i.value}`} dir="ltr" className="identifier">
                        {i.value}
                      </bdi>
                    ))}
                    <p className="muted small">
                      {t.evidence}:{' '}
                      {candidate.evidence.slice(0, 3).map((e) => (
                        <span key={e.interactionId} className="evidence">
                          {e.channel ? channelLabel(t, e.channel) : ''}{' '}
                          <time dateTime={e.detectedAt}>{formatDateTime(locale, e.detectedAt)}</time>{' '}
                          {e.summary ? <bdi dir="auto">{e.summary}</bdi> : null}
                        </span>
                      ))}
                    </p>
                    {canMerge && (
                      <button type="button" onClick={() => void merge(candidate.customerId, candidateName)}>
                        {t.mergeInto}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        )}
        <h2>{t.timeline}</h2>
        <ol className="items">
          {timeline.map((entry) => (
            <li key={entry.interactionId} className={`item message ${entry.direction}`}>
              <header>
                <strong>{channelLabel(t, entry.channel)}</strong>{' '}
                <time dateTime={entry.occurredAt}>{formatDateTime(locale, entry.occurredAt)}</time>
              </header>
              <p>
                <bdi>{entry.summary}</bdi>
              </p>
            </li>
          ))}
        </ol>
      </section>
      <aside className="history">
        <h2>{t.identifiers}</h2>
        <ul className="plain">
          {profile.identifiers.map((i) => (
            <li key={`${i.kind}:${i.value}`}>
              {t.identifierKind[i.kind] ?? i.kind}: <bdi dir="ltr">{i.value}</bdi>
            </li>
          ))}
        </ul>
        <h2>{t.channelsUsed}</h2>
        <ul className="plain">
          {profile.channels.map((c) => (
            <li key={c.channel}>
              {channelLabel(t, c.channel)}: {t.interactions(c.interactions, formatNumber(locale, c.interactions))}
            </li>
          ))}
        </ul>
        <h2>{t.openConversations}</h2>
        <ul className="plain">
          {profile.openConversations.map((c) => (
            <li key={c.id}>
              <a href={`#/conversations/${c.id}`}>
                <bdi>{c.subject ?? channelLabel(t, c.channel)}</bdi>
              </a>
            </li>
          ))}
        </ul>
        {profile.openCases.length > 0 && (
          <>
            <h2>{t.openCases}</h2>
            <ul className="plain">
              {profile.openCases.map((c) => (
                <li key={c.id}>
                  <a href={`#/cases/${c.number}`}>
                    {c.number} · <bdi>{c.subject}</bdi>
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
        {profile.merged.length > 0 && (
          <>
            <h2>{t.merged}</h2>
            <ul className="plain">
              {profile.merged.map((m) => (
                <li key={m.customerId}>
                  <bdi>{m.displayName ?? t.unknownCustomer}</bdi>{' '}
                  {canMerge && (
                    <button type="button" className="secondary" onClick={() => void unmerge(m.customerId)}>
                      {t.unmerge}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        {me.role === 'admin' && <EraseCustomer profile={profile} onErased={() => setErased(true)} />}
      </aside>
    </div>
  );
}
