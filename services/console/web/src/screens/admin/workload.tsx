import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { formatDateTime, formatNumber } from '../../i18n.ts';
import { useAdminLocale } from '../../i18n-admin.ts';
import { NotReady, useAdminData } from './admin-shared.tsx';
import { useUserNames } from './teams.tsx';

type Counts = paths['/v1/inbox/counts']['get']['responses'][200]['content']['application/json'];
interface Queue {
  readonly teamId: string | null;
  readonly name: string;
  readonly counts: Counts | undefined;
}

/** Every team's queue (and all conversations together), as the inbox counts them. */
async function queues() {
  const teams = await api.GET('/v1/teams');
  if (!teams.data) return { error: teams.error, response: teams.response };
  const all = await api.GET('/v1/inbox/counts');
  const each = await Promise.all(
    teams.data.teams.map(async (team) => ({
      teamId: team.teamId,
      name: team.name,
      counts: (await api.GET('/v1/inbox/counts', { params: { query: { team: team.teamId } } })).data,
    })),
  );
  const data: Queue[] = [{ teamId: null, name: '', counts: all.data }, ...each];
  return { data, response: teams.response };
}

/** Who is available and how much each has open, and how long each team's queue is; live. */
export function WorkloadScreen({ changes }: { changes: number }) {
  const { a, t, locale } = useAdminLocale();
  // The live feed speaks once the inbox shows a change; the routing read model the workload comes
  // from may follow a moment later, so each nudge is read again a second and a half after.
  const [settled, setSettled] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `changes` is the live feed's nudge
  useEffect(() => {
    const later = setTimeout(() => setSettled((n) => n + 1), 1_500);
    return () => clearTimeout(later);
  }, [changes]);
  const key = `${changes}:${settled}`;
  const workload = useAdminData(() => api.GET('/v1/agents/workload'), key).loaded;
  const presence = useAdminData(() => api.GET('/v1/presence'), key).loaded;
  const teamQueues = useAdminData(queues, key).loaded;
  const names = useUserNames();
  const teamName = (teamId: string) =>
    (teamQueues.state === 'ready' && teamQueues.data.find((q) => q.teamId === teamId)?.name) || teamId;
  const since = (userId: string) =>
    presence.state === 'ready' ? presence.data.agents.find((p) => p.userId === userId)?.changedAt : undefined;
  const n = (value: number | undefined) => (value === undefined ? '—' : formatNumber(locale, value));
  return (
    <>
      <h2>{a.agents}</h2>
      {workload.state !== 'ready' ? (
        <NotReady loaded={workload} />
      ) : workload.data.agents.length === 0 ? (
        <p className="muted">{a.noAgents}</p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table" data-workload>
            <thead>
              <tr>
                <th scope="col">{a.agent}</th>
                <th scope="col">{a.presence}</th>
                <th scope="col">{a.open}</th>
                <th scope="col">{a.pending}</th>
                <th scope="col">{a.snoozed}</th>
              </tr>
            </thead>
            <tbody>
              {workload.data.agents.map((agent) => {
                const changedAt = since(agent.agentId);
                return (
                  <tr key={agent.agentId} data-agent={agent.agentId}>
                    <th scope="row">
                      <bdi>{names.nameOf(agent.agentId)}</bdi>
                      {agent.teams.length > 0 && (
                        <span className="admin-sub">
                          {agent.teams.map((teamId) => (
                            <bdi key={teamId}>{teamName(teamId)}</bdi>
                          ))}
                        </span>
                      )}
                    </th>
                    <td>
                      <span className={`presence-dot ${agent.presence}`} aria-hidden="true" />
                      {t.presences[agent.presence] ?? agent.presence}
                      {changedAt && (
                        <span className="admin-sub">
                          {a.since} <time dateTime={changedAt}>{formatDateTime(locale, changedAt)}</time>
                        </span>
                      )}
                    </td>
                    <td>{n(agent.open)}</td>
                    <td>{n(agent.pending)}</td>
                    <td>{n(agent.snoozed)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h2>{a.queues}</h2>
      {teamQueues.state !== 'ready' ? (
        <NotReady loaded={teamQueues} />
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table" data-queues>
            <thead>
              <tr>
                <th scope="col">{a.team}</th>
                <th scope="col">{a.open}</th>
                <th scope="col">{a.unassigned}</th>
                <th scope="col">{a.breached}</th>
              </tr>
            </thead>
            <tbody>
              {teamQueues.data.map((queue) => (
                <tr key={queue.teamId ?? 'all'} data-queue={queue.name}>
                  <th scope="row">{queue.teamId ? <bdi>{queue.name}</bdi> : a.allTeams}</th>
                  <td>{n(queue.counts?.open)}</td>
                  <td>{n(queue.counts?.unassigned)}</td>
                  <td>{n(queue.counts?.breached)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
