import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { channelLabel, formatDateTime, formatNumber, useLocale } from '../i18n.ts';
import { navigate } from '../route.ts';

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

/** A customer's profile: identifiers, channels, open conversations and cases, the whole timeline. */
export function CustomerScreen({ id }: { id: string }) {
  const { t, locale } = useLocale();
  const [profile, setProfile] = useState<Profile | undefined>();
  const [timeline, setTimeline] = useState<
    { interactionId: string; channel: string; occurredAt: string; summary: string; direction: string }[]
  >([]);
  useEffect(() => {
    void profileOf(id).then(setProfile);
    void api
      .GET('/v1/customers/{id}/timeline', { params: { path: { id }, query: { limit: 50 } } })
      .then(({ data }) => setTimeline(data?.entries ?? []));
  }, [id]);
  if (!profile) return <p className="muted">{t.loading}</p>;
  return (
    <div className="conversation">
      <section className="thread">
        <h1>
          <bdi>{profile.displayName ?? t.unknownCustomer}</bdi>
        </h1>
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
              {i.kind}: <bdi dir="ltr">{i.value}</bdi>
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
                  {c.number} · <bdi>{c.subject}</bdi>
                </li>
              ))}
            </ul>
          </>
        )}
        {profile.mergedIds.length > 0 && (
          <p className="muted">
            {t.mergedWith}: {profile.mergedIds.length}
          </p>
        )}
      </aside>
    </div>
  );
}
