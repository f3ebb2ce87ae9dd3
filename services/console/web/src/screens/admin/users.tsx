import { type FormEvent, useState } from 'react';
import { api, type User } from '../../api/client.ts';
import { useAdminLocale } from '../../i18n-admin.ts';
import { fieldsOf, Hinted, NotReady, type Outcome, OutcomeLine, outcomeOf, useAdminData } from './admin-shared.tsx';

type Role = User['role'];
const roles = ['agent', 'supervisor', 'analyst', 'admin'] as const satisfies readonly Role[];

/** Users and roles: who may sign in, as what; deactivating ends their sessions. */
export function UsersScreen() {
  const { a, t } = useAdminLocale();
  const { loaded, reload } = useAdminData(() => api.GET('/v1/users'));
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const report = (next: Outcome) => {
    setOutcome(next);
    reload();
  };

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const field = fieldsOf(form);
    const displayName = field('displayName');
    const answer = await api.POST('/v1/users', {
      body: {
        email: field('email'),
        displayName,
        role: field('role') as Role,
        ...(field('password') ? { password: field('password') } : {}),
      },
    });
    if (answer.response.ok) form.reset();
    report(outcomeOf(a, answer, a.userCreated(displayName)));
  };

  return (
    <>
      <h2>{a.sections.users}</h2>
      <OutcomeLine outcome={outcome} />
      {loaded.state !== 'ready' ? (
        <NotReady loaded={loaded} />
      ) : (
        <>
          {loaded.data.users.length === 0 && <p className="muted">{a.noUsers}</p>}
          <ul className="rows admin-list" aria-label={a.sections.users}>
            {loaded.data.users.map((user) => (
              <UserRow key={user.userId} user={user} onChanged={report} />
            ))}
          </ul>
          <form className="card admin-form" onSubmit={(event) => void create(event)}>
            <h3>{a.newUser}</h3>
            <label>
              {a.displayName}
              <input name="displayName" required maxLength={200} dir="auto" />
            </label>
            <label>
              {t.email}
              <input name="email" type="email" required dir="ltr" autoComplete="off" />
            </label>
            <label>
              {a.role}
              <select name="role" defaultValue="agent">
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {a.roles[role]}
                  </option>
                ))}
              </select>
            </label>
            <Hinted label={t.password} hint={a.passwordHint}>
              {(control) => (
                <input name="password" type="password" minLength={12} autoComplete="new-password" {...control} />
              )}
            </Hinted>
            <button type="submit">{a.createUser}</button>
          </form>
        </>
      )}
    </>
  );
}

function UserRow({ user, onChanged }: { user: User; onChanged: (outcome: Outcome) => void }) {
  const { a, t } = useAdminLocale();
  const [busy, setBusy] = useState(false);
  const change = async (body: { role?: Role; active?: boolean }) => {
    setBusy(true);
    const answer = await api.PATCH('/v1/users/{id}', {
      params: { path: { id: user.userId } },
      body: { ...body, seenRevision: user.revision },
    });
    setBusy(false);
    onChanged(outcomeOf(a, answer, a.saved));
  };
  const setPassword = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    const answer = await api.POST('/v1/users/{id}/password', {
      params: { path: { id: user.userId } },
      body: { password: fieldsOf(form)('password') },
    });
    setBusy(false);
    if (answer.response.ok) form.reset();
    onChanged(outcomeOf(a, answer, a.passwordSet));
  };
  return (
    <li className="row admin-row" data-user={user.email}>
      <div className="admin-row-head">
        <strong>
          <bdi>{user.displayName}</bdi>
        </strong>
        <bdi dir="ltr" className="muted">
          {user.email}
        </bdi>
        <span className={user.active ? 'badge ok' : 'badge'}>{user.active ? a.active : a.inactive}</span>
      </div>
      <fieldset className="admin-actions" disabled={busy}>
        <label className="inline">
          <span className="visually-hidden">{a.roleOf(user.displayName)}</span>
          <select name="role" value={user.role} onChange={(event) => void change({ role: event.target.value as Role })}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {a.roles[role]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="quiet" onClick={() => void change({ active: !user.active })}>
          {user.active ? a.deactivate : a.reactivate}
        </button>
        <form className="inline" onSubmit={(event) => void setPassword(event)}>
          <input
            name="password"
            type="password"
            minLength={12}
            required
            autoComplete="new-password"
            aria-label={a.newPasswordFor(user.displayName)}
            placeholder={t.password}
          />
          <button type="submit" className="quiet">
            {a.setPassword}
          </button>
        </form>
      </fieldset>
    </li>
  );
}
