import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.d.ts';
import { type Colleague, useColleagues } from '../../colleagues.ts';
import { formatNumber } from '../../i18n.ts';
import { useAdminLocale } from '../../i18n-admin.ts';
import { fieldsOf, NotReady, type Outcome, OutcomeLine, outcomeOf, useAdminData } from './admin-shared.tsx';

type Team = paths['/v1/teams']['get']['responses'][200]['content']['application/json']['teams'][number];
type Problem = components['schemas']['Problem'];
type Written = { readonly teamId: string; readonly revision: number };

/** Colleagues' names (`GET /v1/colleagues`, readable by supervisors too); an unknown id stays an id. */
export function useUserNames(): { users: readonly Colleague[]; nameOf: (userId: string) => string } {
  const users = useColleagues();
  const nameOf = (userId: string) => users.find((u) => u.userId === userId)?.displayName ?? userId;
  return { users, nameOf };
}

/** Teams: who is in each (round-robin order) and how many open conversations the router gives each. */
export function TeamsScreen() {
  const { a } = useAdminLocale();
  const { loaded, reload } = useAdminData(() => api.GET('/v1/teams'));
  const names = useUserNames();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  /** The outcome, and the list read again until it shows the team at the revision written. */
  const report = (next: Outcome, written?: Written) => {
    setOutcome(next);
    reload(
      written && ((data) => data.teams.some((t) => t.teamId === written.teamId && t.revision >= written.revision)),
    );
  };
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const field = fieldsOf(form);
    const answer = await api.POST('/v1/teams', {
      body: { name: field('name'), maxOpenPerAgent: Number(field('cap')) },
    });
    if (answer.response.ok) form.reset();
    report(outcomeOf(a, answer, a.saved), answer.data);
  };
  return (
    <>
      <h2>{a.sections.teams}</h2>
      <OutcomeLine outcome={outcome} />
      {loaded.state !== 'ready' ? (
        <NotReady loaded={loaded} />
      ) : (
        <>
          {loaded.data.teams.length === 0 && <p className="muted">{a.noTeams}</p>}
          <ul className="rows admin-list" aria-label={a.sections.teams}>
            {loaded.data.teams.map((team) => (
              <TeamRow key={team.teamId} team={team} names={names} onChanged={report} />
            ))}
          </ul>
          <form className="card admin-form" onSubmit={(event) => void create(event)}>
            <h3>{a.newTeam}</h3>
            <label>
              {a.name}
              <input name="name" required maxLength={200} dir="auto" />
            </label>
            <label>
              {a.cap}
              <input name="cap" type="number" min={1} max={1000} defaultValue={5} required />
            </label>
            <button type="submit">{a.createTeam}</button>
          </form>
        </>
      )}
    </>
  );
}

function TeamRow({
  team,
  names,
  onChanged,
}: {
  team: Team;
  names: ReturnType<typeof useUserNames>;
  onChanged: (outcome: Outcome, written?: Written) => void;
}) {
  const { a, locale } = useAdminLocale();
  const [busy, setBusy] = useState(false);
  const run = async (change: () => Promise<{ data?: Written; error?: Problem; response: Response }>) => {
    setBusy(true);
    const answer = await change();
    setBusy(false);
    onChanged(outcomeOf(a, answer, a.saved), answer.data);
  };
  const path = { params: { path: { id: team.teamId } } };
  const addMember = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const userId = fieldsOf(event.currentTarget)('userId');
    if (userId)
      void run(() => api.POST('/v1/teams/{id}/members', { ...path, body: { userId, revision: team.revision } }));
  };
  const saveCap = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const maxOpenPerAgent = Number(fieldsOf(event.currentTarget)('cap'));
    void run(() => api.PUT('/v1/teams/{id}/cap', { ...path, body: { maxOpenPerAgent, revision: team.revision } }));
  };
  const candidates = names.users.filter((u) => !team.members.includes(u.userId));
  return (
    <li className="row admin-row" data-team={team.name}>
      <div className="admin-row-head">
        <strong>
          <bdi>{team.name}</bdi>
        </strong>
        <span className="muted">{a.membersCount(formatNumber(locale, team.members.length))}</span>
      </div>
      <fieldset className="admin-actions" disabled={busy}>
        <legend className="visually-hidden">
          {a.members} <bdi>{team.name}</bdi>
        </legend>
        {team.members.length === 0 ? (
          <span className="muted">{a.noMembers}</span>
        ) : (
          <ul className="labels" aria-label={a.members}>
            {team.members.map((userId) => (
              <li key={userId} className="chip" data-member={userId}>
                <bdi>{names.nameOf(userId)}</bdi>
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={a.removeMember(names.nameOf(userId))}
                  onClick={() =>
                    void run(() =>
                      api.DELETE('/v1/teams/{id}/members/{userId}', {
                        params: { path: { id: team.teamId, userId }, query: { revision: team.revision } },
                      }),
                    )
                  }
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <form className="inline" onSubmit={addMember}>
          {names.users.length > 0 ? (
            <select name="userId" aria-label={a.memberToAdd(team.name)} defaultValue="">
              <option value="">—</option>
              {candidates.map((u) => (
                <option key={u.userId} value={u.userId}>
                  {u.displayName}
                </option>
              ))}
            </select>
          ) : (
            <input name="userId" aria-label={a.memberToAdd(team.name)} placeholder={a.userId} dir="ltr" />
          )}
          <button type="submit" className="quiet">
            {a.addMember}
          </button>
        </form>
        <form className="inline" onSubmit={saveCap}>
          <label className="inline">
            {a.cap}
            <input
              name="cap"
              type="number"
              min={1}
              max={1000}
              defaultValue={team.maxOpenPerAgent}
              key={team.maxOpenPerAgent}
              aria-label={a.capOf(team.name)}
              className="narrow"
            />
          </label>
          <button type="submit" className="quiet">
            {a.save}
          </button>
        </form>
      </fieldset>
    </li>
  );
}
