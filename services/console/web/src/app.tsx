import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, onSessionEnded, type User } from './api/client.ts';
import { initialLocale, type Locale, LocaleContext, messages } from './i18n.ts';
import { caseMessages } from './i18n-cases.ts';
import { useLive } from './live.ts';
import { navigate, useRoute } from './route.ts';
import { AdminLink, AdminScreen } from './screens/admin/admin.tsx';
import { AnalyticsLink, AnalyticsScreen } from './screens/analytics/analytics.tsx';
import { CaseScreen } from './screens/case.tsx';
import { CasesScreen } from './screens/cases.tsx';
import { ConversationScreen } from './screens/conversation.tsx';
import { CustomerScreen, CustomersScreen } from './screens/customers.tsx';
import { InboxScreen } from './screens/inbox.tsx';
import { Presence } from './screens/presence.tsx';
import { SignInScreen } from './screens/sign-in.tsx';

type Session = { state: 'checking' } | { state: 'signed-out' } | { state: 'signed-in'; user: User };

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem('hub.locale', next);
    setLocaleState(next);
  }, []);
  const t = messages[locale];
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = locale === 'fa' ? 'rtl' : 'ltr';
    document.title = t.appName;
  }, [locale, t]);

  const [session, setSession] = useState<Session>({ state: 'checking' });
  useEffect(() => {
    void api.GET('/v1/auth/me').then(({ data }) => {
      setSession(data && 'user' in data ? { state: 'signed-in', user: data.user } : { state: 'signed-out' });
    });
  }, []);
  // A session that ended while the page was open: back to sign-in, saying why.
  const [ended, setEnded] = useState(false);
  useEffect(
    () =>
      onSessionEnded(() => {
        setSession({ state: 'signed-out' });
        setEnded(true);
      }),
    [],
  );

  // Live notifications make screens refetch what they show (the API is the truth): the inbox on
  // every one, an open conversation on those about it (or about something unnamed).
  const route = useRoute();
  const shown = useRef(route);
  shown.current = route;
  const [changes, setChanges] = useState(0);
  const [conversationChanges, setConversationChanges] = useState(0);
  const liveStatus = useLive(session.state === 'signed-in', (conversationId) => {
    setChanges((n) => n + 1);
    const open = shown.current;
    if (open.screen === 'conversation' && (conversationId === undefined || conversationId === open.id))
      setConversationChanges((n) => n + 1);
  });

  const context = useMemo(() => ({ locale, t, setLocale }), [locale, t, setLocale]);
  const signOut = async () => {
    await api.POST('/v1/auth/sign-out');
    setSession({ state: 'signed-out' });
  };

  return (
    <LocaleContext.Provider value={context}>
      <header className="bar">
        <a className="brand" href="#/inbox">
          {t.appName}
        </a>
        {session.state === 'signed-in' && (
          <nav className="sections" aria-label={t.appName}>
            <a className="section-link" href="#/inbox">
              {t.inbox}
            </a>
            <a className="section-link" href="#/cases">
              {caseMessages[locale].cases}
            </a>
            <a className="section-link" href="#/customers">
              {t.customers}
            </a>
            <AnalyticsLink me={session.user} />
            <AdminLink me={session.user} />
          </nav>
        )}
        <span className="spacer" />
        {session.state === 'signed-in' && (
          <span className={liveStatus === 'live' ? 'live on' : 'live'} role="status" data-status={liveStatus}>
            {t.liveStatus[liveStatus]}
          </span>
        )}
        <button type="button" className="link" onClick={() => setLocale(locale === 'fa' ? 'en' : 'fa')}>
          {t.language}
        </button>
        {session.state === 'signed-in' && (
          <>
            <span className="who">{session.user.displayName}</span>
            <Presence me={session.user} />
            <button type="button" className="link" onClick={() => void signOut()}>
              {t.signOut}
            </button>
          </>
        )}
      </header>
      <main>
        {session.state === 'checking' && <p className="muted">{t.loading}</p>}
        {session.state === 'signed-out' && ended && (
          <p className="notice" role="alert">
            {t.sessionEnded}
          </p>
        )}
        {session.state === 'signed-out' && (
          <SignInScreen
            onSignedIn={(user) => {
              setSession({ state: 'signed-in', user });
              setEnded(false);
              // After a session ended, the agent goes back to the screen they were on.
              if (!ended) navigate({ screen: 'inbox' });
            }}
          />
        )}
        {session.state === 'signed-in' && (route.screen === 'inbox' || route.screen === 'sign-in') && (
          <InboxScreen me={session.user} changes={changes} />
        )}
        {session.state === 'signed-in' && route.screen === 'customers' && <CustomersScreen q={route.q} />}
        {session.state === 'signed-in' && route.screen === 'customer' && (
          <CustomerScreen id={route.id} me={session.user} />
        )}
        {session.state === 'signed-in' && route.screen === 'admin' && (
          <AdminScreen section={route.section} me={session.user} changes={changes} />
        )}
        {session.state === 'signed-in' && route.screen === 'analytics' && <AnalyticsScreen />}
        {session.state === 'signed-in' && route.screen === 'cases' && (
          <CasesScreen me={session.user} changes={changes} />
        )}
        {session.state === 'signed-in' && route.screen === 'case' && (
          <CaseScreen caseRef={route.ref} me={session.user} changes={changes} />
        )}
        {session.state === 'signed-in' && route.screen === 'conversation' && (
          <ConversationScreen id={route.id} me={session.user} changes={conversationChanges} />
        )}
      </main>
    </LocaleContext.Provider>
  );
}
