import { type FormEvent, useState } from 'react';
import { api, type User } from '../api/client.ts';
import { canAssignOthers, useColleagues } from '../colleagues.ts';
import { useLocale } from '../i18n.ts';
import type { ChangeAnswer } from './conversation.tsx';

export interface TriageTarget {
  readonly id: string;
  readonly revision: number;
  readonly assigneeId: string | null;
  readonly teamId: string | null;
  readonly priority: string;
  readonly labels: readonly string[];
}

const priorities = ['none', 'low', 'medium', 'high', 'urgent'] as const;

/** When a snooze choice wakes the conversation, from now. */
function wakeAt(choice: string, now = new Date()): string {
  if (choice === 'hour') return new Date(now.getTime() + 3_600_000).toISOString();
  if (choice === 'week') return new Date(now.getTime() + 7 * 86_400_000).toISOString();
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  return tomorrow.toISOString();
}

/**
 * Assignment, transfer, priority, labels and snooze: each sent with the revision shown, so a
 * colleague's change in between is a conflict the caller shows (`onDone` gets the answer).
 */
export function Triage({
  conversation,
  me,
  onDone,
}: {
  conversation: TriageTarget;
  me: User;
  onDone: (answer: ChangeAnswer) => Promise<void>;
}) {
  const { t } = useLocale();
  const colleagues = useColleagues();
  // One change at a time: the next is sent with the revision the first one made, never a stale one.
  const [busy, setBusy] = useState(false);
  const finish = async (answer: ChangeAnswer) => {
    try {
      await onDone(answer);
    } finally {
      setBusy(false);
    }
  };
  const path = { params: { path: { id: conversation.id } } };
  const revision = conversation.revision;
  const assign = async (agentId: string | null) => {
    setBusy(true);
    const answer = await api.POST('/v1/conversations/{id}/assignment', {
      ...path,
      body: { agentId, teamId: conversation.teamId, revision },
    });
    await finish(answer);
  };
  const addLabel = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const label = String(new FormData(form).get('label') ?? '').trim();
    if (!label) return;
    setBusy(true);
    const answer = await api.POST('/v1/conversations/{id}/labels', { ...path, body: { label, revision } });
    if (answer.response.ok) form.reset();
    await finish(answer);
  };
  // Only supervisors and admins hand conversations to others; an agent takes one, or leaves it to the team's queue.
  const transferable = canAssignOthers(me.role)
    ? colleagues.filter((c) => c.userId !== conversation.assigneeId && c.role !== 'analyst')
    : [];
  const assignee =
    conversation.assigneeId === null
      ? t.nobody
      : conversation.assigneeId === me.userId
        ? t.you
        : (colleagues.find((c) => c.userId === conversation.assigneeId)?.displayName ?? conversation.assigneeId);

  return (
    <fieldset className="triage" disabled={busy} aria-busy={busy}>
      <span>
        {t.assignedTo}: <strong>{assignee}</strong>
      </span>
      {conversation.assigneeId === me.userId ? (
        <button type="button" className="quiet" onClick={() => void assign(null)}>
          {t.unassign}
        </button>
      ) : (
        <button type="button" className="quiet" onClick={() => void assign(me.userId)}>
          {t.assignToMe}
        </button>
      )}
      {transferable.length > 0 && (
        <label className="inline">
          {t.transferTo}
          <select
            value=""
            onChange={(event) => {
              if (event.target.value) void assign(event.target.value);
            }}
          >
            <option value="">—</option>
            {transferable.map((c) => (
              <option key={c.userId} value={c.userId}>
                {c.displayName}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="inline">
        {t.priority}
        <select
          value={conversation.priority}
          onChange={async (event) => {
            const priority = event.target.value as (typeof priorities)[number];
            setBusy(true);
            const answer = await api.POST('/v1/conversations/{id}/priority', {
              ...path,
              body: { priority, revision },
            });
            await finish(answer);
          }}
        >
          {priorities.map((p) => (
            <option key={p} value={p}>
              {t.priorities[p]}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        {t.snooze}
        <select
          value=""
          onChange={async (event) => {
            if (!event.target.value) return;
            setBusy(true);
            const answer = await api.POST('/v1/conversations/{id}/snooze', {
              ...path,
              body: { until: wakeAt(event.target.value), revision },
            });
            await finish(answer);
          }}
        >
          <option value="">—</option>
          {['hour', 'tomorrow', 'week'].map((choice) => (
            <option key={choice} value={choice}>
              {t.snoozeFor[choice]}
            </option>
          ))}
        </select>
      </label>
      <ul className="labels" aria-label={t.labels}>
        {conversation.labels.map((label) => (
          <li key={label} className="chip">
            <bdi>{label}</bdi>
            <button
              type="button"
              className="chip-remove"
              aria-label={`${t.removeLabel} ${label}`}
              onClick={async () => {
                setBusy(true);
                const answer = await api.DELETE('/v1/conversations/{id}/labels/{label}', {
                  params: { path: { id: conversation.id, label }, query: { revision } },
                });
                await finish(answer);
              }}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="inline" onSubmit={(event) => void addLabel(event)}>
        <input name="label" aria-label={t.addLabel} placeholder={t.addLabel} maxLength={50} dir="auto" />
      </form>
    </fieldset>
  );
}
