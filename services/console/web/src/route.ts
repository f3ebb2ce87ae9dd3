import { useEffect, useState } from 'react';

/** The console's screens, addressed by the URL's hash so the hub serves one page for all. */
export type Route = { screen: 'sign-in' } | { screen: 'inbox' } | { screen: 'conversation'; id: string };

export function parseRoute(hash: string): Route {
  const conversation = /^#\/conversations\/([\w-]+)$/.exec(hash);
  if (conversation?.[1]) return { screen: 'conversation', id: conversation[1] };
  if (hash === '#/sign-in') return { screen: 'sign-in' };
  return { screen: 'inbox' };
}

export const hrefOf = (route: Route): string =>
  route.screen === 'conversation' ? `#/conversations/${route.id}` : `#/${route.screen}`;

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}
