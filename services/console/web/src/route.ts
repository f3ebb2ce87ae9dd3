import { useEffect, useState } from 'react';

/** The console's screens, addressed by the URL's hash so the hub serves one page for all. */
export type Route =
  | { screen: 'sign-in' }
  | { screen: 'inbox' }
  | { screen: 'conversation'; id: string }
  | { screen: 'customers'; q: string }
  | { screen: 'customer'; id: string }
  | { screen: 'cases' }
  | { screen: 'case'; ref: string }
  | { screen: 'admin'; section: AdminSection }
  | { screen: 'analytics' };

/** The admin section's screens, `#/admin/<section>`. */
export const adminSections = [
  'users',
  'teams',
  'inboxes',
  'service-levels',
  'canned-responses',
  'web-forms',
  'workload',
] as const;
export type AdminSection = (typeof adminSections)[number];

export function parseRoute(hash: string): Route {
  const conversation = /^#\/conversations\/([\w-]+)$/.exec(hash);
  if (conversation?.[1]) return { screen: 'conversation', id: conversation[1] };
  const customer = /^#\/customers\/([\w-]+)$/.exec(hash);
  if (customer?.[1]) return { screen: 'customer', id: customer[1] };
  const search = /^#\/customers(?:\?q=(.*))?$/.exec(hash);
  if (search) return { screen: 'customers', q: decodeURIComponent(search[1] ?? '') };
  const caseRef = /^#\/cases\/([\w-]+)$/.exec(hash);
  if (caseRef?.[1]) return { screen: 'case', ref: caseRef[1] };
  if (hash === '#/cases') return { screen: 'cases' };
  if (hash === '#/analytics') return { screen: 'analytics' };
  const admin = /^#\/admin(?:\/([\w-]+))?$/.exec(hash);
  if (admin) return { screen: 'admin', section: adminSections.find((s) => s === admin[1]) ?? 'users' };
  if (hash === '#/sign-in') return { screen: 'sign-in' };
  return { screen: 'inbox' };
}

export function hrefOf(route: Route): string {
  if (route.screen === 'conversation') return `#/conversations/${route.id}`;
  if (route.screen === 'customer') return `#/customers/${route.id}`;
  if (route.screen === 'customers') return `#/customers?q=${encodeURIComponent(route.q)}`;
  if (route.screen === 'admin') return `#/admin/${route.section}`;
  if (route.screen === 'case') return `#/cases/${route.ref}`;
  return `#/${route.screen}`;
}

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
