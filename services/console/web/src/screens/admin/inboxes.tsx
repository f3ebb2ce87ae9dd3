import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { channelLabel } from '../../i18n.ts';
import { useAdminLocale } from '../../i18n-admin.ts';
import { fieldsOf, Hinted, NotReady, type Outcome, OutcomeLine, outcomeOf, useAdminData } from './admin-shared.tsx';

type NewInbox = paths['/v1/inboxes']['post']['requestBody']['content']['application/json'];
type Inbox = paths['/v1/inboxes']['get']['responses'][200]['content']['application/json']['inboxes'][number];
type Written = { readonly inboxId: string; readonly revision: number };
type Team = paths['/v1/teams']['get']['responses'][200]['content']['application/json']['teams'][number];
const channels = [
  'email',
  'webform',
  'phone',
  'chat',
  'social',
  'generic',
] as const satisfies readonly NewInbox['channel'][];

/** Inboxes: which channel (or which of its addresses, forms, numbers) lands in which team's queue. */
export function InboxesScreen() {
  const { a, t } = useAdminLocale();
  const { loaded, reload } = useAdminData(() => api.GET('/v1/inboxes'));
  const teamsLoaded = useAdminData(() => api.GET('/v1/teams')).loaded;
  const teams = teamsLoaded.state === 'ready' ? teamsLoaded.data.teams : [];
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  /** The outcome, and the list read again until it shows the inbox at the revision written. */
  const report = (next: Outcome, written?: Written) => {
    setOutcome(next);
    reload(
      written && ((data) => data.inboxes.some((i) => i.inboxId === written.inboxId && i.revision >= written.revision)),
    );
  };
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const field = fieldsOf(form);
    const answer = await api.POST('/v1/inboxes', {
      body: {
        name: field('name'),
        channel: field('channel') as NewInbox['channel'],
        endpoints: field('endpoints')
          .split(/[\n,]/)
          .map((e) => e.trim())
          .filter(Boolean),
        teamId: field('teamId') || null,
      },
    });
    if (answer.response.ok) form.reset();
    report(outcomeOf(a, answer, a.saved), answer.data);
  };
  return (
    <>
      <h2>{a.sections.inboxes}</h2>
      <OutcomeLine outcome={outcome} />
      {loaded.state !== 'ready' ? (
        <NotReady loaded={loaded} />
      ) : (
        <>
          {loaded.data.inboxes.length === 0 && <p className="muted">{a.noInboxes}</p>}
          <ul className="rows admin-list" aria-label={a.sections.inboxes}>
            {loaded.data.inboxes.map((inbox) => (
              <InboxRow key={inbox.inboxId} inbox={inbox} teams={teams} onChanged={report} />
            ))}
          </ul>
          <form className="card admin-form" onSubmit={(event) => void create(event)}>
            <h3>{a.newInbox}</h3>
            <label>
              {a.name}
              <input name="name" required maxLength={200} dir="auto" />
            </label>
            <label>
              {a.channel}
              <select name="channel" defaultValue="email">
                {channels.map((channel) => (
                  <option key={channel} value={channel}>
                    {channelLabel(t, channel)}
                  </option>
                ))}
              </select>
            </label>
            <Hinted label={a.endpoints} hint={a.endpointsHint}>
              {(control) => <textarea name="endpoints" rows={2} dir="ltr" {...control} />}
            </Hinted>
            <label>
              {a.team}
              <select name="teamId" defaultValue="">
                <option value="">{a.noTeam}</option>
                {teams.map((team) => (
                  <option key={team.teamId} value={team.teamId}>
                    {team.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{a.createInbox}</button>
          </form>
        </>
      )}
    </>
  );
}

function InboxRow({
  inbox,
  teams,
  onChanged,
}: {
  inbox: Inbox;
  teams: readonly Team[];
  onChanged: (outcome: Outcome, written?: Written) => void;
}) {
  const { a, t } = useAdminLocale();
  const [busy, setBusy] = useState(false);
  const changeTeam = async (teamId: string | null) => {
    setBusy(true);
    const answer = await api.PUT('/v1/inboxes/{id}/team', {
      params: { path: { id: inbox.inboxId } },
      body: { teamId, revision: inbox.revision },
    });
    setBusy(false);
    onChanged(outcomeOf(a, answer, a.saved), answer.data);
  };
  return (
    <li className="row admin-row" data-inbox={inbox.name}>
      <div className="admin-row-head">
        <strong>
          <bdi>{inbox.name}</bdi>
        </strong>
        <span className={`channel ${inbox.channel}`}>{channelLabel(t, inbox.channel)}</span>
        <span className="muted admin-endpoints">
          {inbox.endpoints.length === 0
            ? a.wholeChannel
            : inbox.endpoints.map((endpoint) => (
                <bdi key={endpoint} dir="ltr">
                  {endpoint}
                </bdi>
              ))}
        </span>
      </div>
      <label className="inline">
        {a.team}
        <select
          value={inbox.teamId ?? ''}
          disabled={busy}
          aria-label={a.teamOf(inbox.name)}
          onChange={(event) => void changeTeam(event.target.value || null)}
        >
          <option value="">{a.noTeam}</option>
          {teams.map((team) => (
            <option key={team.teamId} value={team.teamId}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
    </li>
  );
}
