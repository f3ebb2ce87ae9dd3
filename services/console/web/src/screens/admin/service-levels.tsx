import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { formatNumber, type Locale } from '../../i18n.ts';
import { type AdminMessages, useAdminLocale } from '../../i18n-admin.ts';
import { fieldsOf, Hinted, NotReady, type Outcome, OutcomeLine, outcomeOf, useAdminData } from './admin-shared.tsx';

type PolicyBody = paths['/v1/service-levels/policies/{id}']['put']['requestBody']['content']['application/json'];
type CalendarBody = paths['/v1/service-levels/calendars/{id}']['put']['requestBody']['content']['application/json'];
// The settings are read back as they were saved: a saved policy or calendar is its body and its id.
type Policy = Omit<PolicyBody, 'revision'> & { id: string };
type Calendar = Omit<CalendarBody, 'revision'> & { id: string };
type Priority = NonNullable<NonNullable<PolicyBody['appliesTo']>['priorities']>[number];
type Target = keyof PolicyBody['targets'];

const priorities = ['none', 'low', 'medium', 'high', 'urgent'] as const satisfies readonly Priority[];
const targets = ['firstResponse', 'nextResponse', 'resolution'] as const satisfies readonly Target[];
const ID = '[A-Za-z0-9][A-Za-z0-9_\\-]*';

/** Sunday first, as the API keeps the working week; names in the locale. */
const dayNames = (locale: Locale) =>
  Array.from({ length: 7 }, (_, day) =>
    new Intl.DateTimeFormat(locale === 'fa' ? 'fa-IR' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2026, 0, 4 + day)),
    ),
  );

const hoursText = (day: readonly { start: string; end: string }[]) => day.map((h) => `${h.start}-${h.end}`).join(', ');

/** `09:00-13:00, 14:00-18:00` as intervals; undefined when a part is not like that. */
function parseHours(text: string): { start: string; end: string }[] | undefined {
  const parts = text
    .split(/[,،]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const hours = parts.map((part) => /^(\d\d:\d\d)\s*-\s*(\d\d:\d\d)$/.exec(part));
  if (hours.some((h) => !h)) return undefined;
  return hours.map((h) => ({ start: h?.[1] ?? '', end: h?.[2] ?? '' }));
}

/** SLA policies and the business calendars their clocks run on: each saved on its own. */
export function ServiceLevelsScreen() {
  const { a } = useAdminLocale();
  const { loaded, reload } = useAdminData(() => api.GET('/v1/service-levels'));
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const report = (next: Outcome) => {
    setOutcome(next);
    reload();
  };
  if (loaded.state !== 'ready')
    return (
      <>
        <h2>{a.sections['service-levels']}</h2>
        <NotReady loaded={loaded} />
      </>
    );
  const { revision } = loaded.data;
  const policies = loaded.data.policies as unknown as Policy[];
  const calendars = loaded.data.calendars as unknown as Calendar[];
  return (
    <>
      <h2>{a.policies}</h2>
      <OutcomeLine outcome={outcome} />
      {policies.length === 0 && <p className="muted">{a.noPolicies}</p>}
      <div className="admin-cards">
        {policies.map((policy) => (
          <PolicyForm
            key={`${policy.id}@${revision}`}
            policy={policy}
            calendars={calendars}
            revision={revision}
            onSaved={report}
          />
        ))}
        {calendars.length > 0 && (
          <PolicyForm key={`new@${revision}`} calendars={calendars} revision={revision} onSaved={report} />
        )}
      </div>
      <h2>{a.calendars}</h2>
      {calendars.length === 0 && <p className="muted">{a.noCalendars}</p>}
      <div className="admin-cards">
        {calendars.map((calendar) => (
          <CalendarForm key={`${calendar.id}@${revision}`} calendar={calendar} revision={revision} onSaved={report} />
        ))}
        <CalendarForm key={`new@${revision}`} revision={revision} onSaved={report} />
      </div>
    </>
  );
}

function PolicyForm({
  policy,
  calendars,
  revision,
  onSaved,
}: {
  policy?: Policy;
  calendars: readonly Calendar[];
  revision: number;
  onSaved: (outcome: Outcome) => void;
}) {
  const { a, locale } = useAdminLocale();
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const field = fieldsOf(form);
    const data = new FormData(form);
    const minutes = Object.fromEntries(
      targets.flatMap((target) => (field(target) ? [[target, Number(field(target))]] : [])),
    ) as PolicyBody['targets'];
    const answer = await api.PUT('/v1/service-levels/policies/{id}', {
      params: { path: { id: policy?.id ?? field('id') } },
      body: {
        revision,
        name: field('name'),
        calendarId: field('calendarId'),
        appliesTo: {
          inboxIds: [...(policy?.appliesTo?.inboxIds ?? [])],
          priorities: priorities.filter((p) => data.getAll('priorities').includes(p)),
        },
        targets: minutes,
      },
    });
    onSaved(outcomeOf(a, answer, a.saved));
  };
  const inboxes = policy?.appliesTo?.inboxIds?.length ?? 0;
  return (
    <form className="card admin-form" data-policy={policy?.id ?? ''} onSubmit={(event) => void save(event)}>
      <h3>{policy ? <bdi>{policy.name}</bdi> : a.newPolicy}</h3>
      {!policy && <IdField a={a} />}
      <label>
        {a.name}
        <input name="name" required maxLength={200} defaultValue={policy?.name ?? ''} dir="auto" />
      </label>
      <label>
        {a.calendar}
        <select name="calendarId" defaultValue={policy?.calendarId ?? calendars[0]?.id}>
          {calendars.map((c) => (
            <option key={c.id} value={c.id}>
              {c.id}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="admin-targets">
        <legend>{a.targets}</legend>
        {targets.map((target) => (
          <label key={target}>
            {a[target]}
            <input
              name={target}
              type="number"
              min={1}
              max={525600}
              defaultValue={policy?.targets[target] ?? ''}
              className="narrow"
            />
          </label>
        ))}
      </fieldset>
      <fieldset className="admin-checks">
        <legend>{a.priorities}</legend>
        {priorities.map((p) => (
          <label key={p} className="inline">
            <input
              type="checkbox"
              name="priorities"
              value={p}
              defaultChecked={policy?.appliesTo?.priorities?.includes(p) ?? false}
            />
            <PriorityName p={p} />
          </label>
        ))}
        <span className="hint">{a.anyPriority}</span>
      </fieldset>
      {inboxes > 0 && <p className="muted">{a.appliesToInboxes(formatNumber(locale, inboxes))}</p>}
      <button type="submit">{policy ? a.save : a.create}</button>
    </form>
  );
}

function PriorityName({ p }: { p: Priority }) {
  const { t } = useAdminLocale();
  return <>{t.priorities[p] ?? p}</>;
}

function IdField({ a }: { a: AdminMessages }) {
  return (
    <Hinted label={a.id} hint={a.idHint}>
      {(control) => <input name="id" required maxLength={100} pattern={ID} dir="ltr" {...control} />}
    </Hinted>
  );
}

function CalendarForm({
  calendar,
  revision,
  onSaved,
}: {
  calendar?: Calendar;
  revision: number;
  onSaved: (outcome: Outcome) => void;
}) {
  const { a, locale } = useAdminLocale();
  const days = dayNames(locale);
  const [problem, setProblem] = useState<string | undefined>();
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const field = fieldsOf(event.currentTarget);
    const week = days.map((_, day) => parseHours(field(`day${day}`)));
    const bad = week.indexOf(undefined);
    if (bad >= 0) {
      setProblem(a.badHours(days[bad] ?? ''));
      return;
    }
    setProblem(undefined);
    const answer = await api.PUT('/v1/service-levels/calendars/{id}', {
      params: { path: { id: calendar?.id ?? field('id') } },
      body: {
        revision,
        timeZone: field('timeZone'),
        workingHours: week.map((day) => day ?? []),
        holidays: field('holidays')
          .split(/[\s,]+/)
          .filter(Boolean),
      },
    });
    onSaved(outcomeOf(a, answer, a.saved));
  };
  return (
    <form className="card admin-form" data-calendar={calendar?.id ?? ''} onSubmit={(event) => void save(event)}>
      <h3>{calendar ? <bdi dir="ltr">{calendar.id}</bdi> : a.newCalendar}</h3>
      {!calendar && <IdField a={a} />}
      <label>
        {a.timeZone}
        <input name="timeZone" required maxLength={100} defaultValue={calendar?.timeZone ?? 'Asia/Tehran'} dir="ltr" />
      </label>
      <fieldset className="admin-week">
        <legend>{a.workingHours}</legend>
        <span className="hint">{a.hoursHint}</span>
        {days.map((name, day) => (
          <label key={name} className="admin-day">
            <span>{name}</span>
            <input
              name={`day${day}`}
              defaultValue={hoursText(calendar?.workingHours[day] ?? [])}
              aria-label={a.hoursOf(name)}
              dir="ltr"
            />
          </label>
        ))}
      </fieldset>
      <Hinted label={a.holidays} hint={a.holidaysHint}>
        {(control) => (
          <textarea
            name="holidays"
            rows={2}
            dir="ltr"
            defaultValue={(calendar?.holidays ?? []).join('\n')}
            {...control}
          />
        )}
      </Hinted>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit">{calendar ? a.save : a.create}</button>
    </form>
  );
}
