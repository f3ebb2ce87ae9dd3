import type { User } from '../../api/client.ts';
import { useAdminLocale } from '../../i18n-admin.ts';
import { type AdminSection, adminSections, hrefOf } from '../../route.ts';
import { CannedResponsesScreen } from './canned-responses.tsx';
import { InboxesScreen } from './inboxes.tsx';
import { ServiceLevelsScreen } from './service-levels.tsx';
import { TeamsScreen } from './teams.tsx';
import { UsersScreen } from './users.tsx';
import { WebFormsScreen } from './web-forms.tsx';
import { WorkloadScreen } from './workload.tsx';

/**
 * The sections a role can use, after packages/access/src/roles.ts: users and web forms need
 * users:manage and settings:manage (admins); teams and inboxes routing:manage, SLA
 * service-levels:manage, canned responses canned-responses:manage, workload workload:read
 * (supervisors too). The API decides; this only keeps links to refusals out of the way.
 */
export function adminSectionsFor(role: User['role']): readonly AdminSection[] {
  if (role === 'admin') return adminSections;
  if (role === 'supervisor') return adminSections.filter((s) => s !== 'users' && s !== 'web-forms');
  return [];
}

/** The header's link to the admin section, for those whose role can use it. */
export function AdminLink({ me }: { me: User }) {
  const { a } = useAdminLocale();
  const first = adminSectionsFor(me.role)[0];
  if (!first) return null;
  return (
    <a className="admin-link" href={hrefOf({ screen: 'admin', section: first })}>
      {a.admin}
    </a>
  );
}

/** The admin section: its sub-navigation and the section's screen (a refusal shows as such). */
export function AdminScreen({ section, me, changes }: { section: AdminSection; me: User; changes: number }) {
  const { a } = useAdminLocale();
  const sections = adminSectionsFor(me.role);
  return (
    <section className="admin" data-section={section}>
      <h1>{a.admin}</h1>
      {sections.length > 0 && (
        <nav className="filters admin-nav" aria-label={a.admin}>
          {sections.map((s) => (
            <a
              key={s}
              href={hrefOf({ screen: 'admin', section: s })}
              className={s === section ? 'filter active' : 'filter'}
              aria-current={s === section ? 'page' : undefined}
            >
              {a.sections[s]}
            </a>
          ))}
        </nav>
      )}
      {section === 'users' && <UsersScreen />}
      {section === 'teams' && <TeamsScreen />}
      {section === 'inboxes' && <InboxesScreen />}
      {section === 'service-levels' && <ServiceLevelsScreen />}
      {section === 'canned-responses' && <CannedResponsesScreen />}
      {section === 'web-forms' && <WebFormsScreen />}
      {section === 'workload' && <WorkloadScreen changes={changes} />}
    </section>
  );
}
