import { type FormEvent, useState } from 'react';
import { formatDay } from '../../charts/chart-format.ts';
import { channelLabel } from '../../i18n.ts';
import { useAnalyticsLocale } from '../../i18n-analytics.ts';
import { type AnalyticsFilter, type ChannelFilter, channels, rangeOf } from './analytics-query.ts';

export interface TeamOption {
  readonly teamId: string;
  readonly name: string;
}

/**
 * The filters every chart takes: a date range, a channel and a team. Applied together, on submit,
 * so a half-typed date does not fetch every chart; the range is said back in the locale's calendar.
 */
export function AnalyticsFilters({
  filter,
  teams,
  onApply,
}: {
  filter: AnalyticsFilter;
  teams: readonly TeamOption[];
  onApply: (filter: AnalyticsFilter) => void;
}) {
  const { n, t, locale } = useAnalyticsLocale();
  const [refused, setRefused] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next: AnalyticsFilter = {
      fromDay: String(data.get('from') ?? ''),
      toDay: String(data.get('to') ?? ''),
      channel: String(data.get('channel') ?? '') as ChannelFilter | '',
      team: String(data.get('team') ?? ''),
    };
    const valid = /^\d{4}-\d\d-\d\d$/.test(next.fromDay) && /^\d{4}-\d\d-\d\d$/.test(next.toDay) && rangeOf(next).valid;
    setRefused(!valid);
    if (valid) onApply(next);
  };
  const { from, to } = rangeOf(filter);
  const lastDay = new Date(to.getTime() - 1);
  return (
    <form className="card analytics-filters" onSubmit={submit} aria-label={n.filters}>
      <label>
        {n.from}
        <input type="date" name="from" defaultValue={filter.fromDay} required />
      </label>
      <label>
        {n.to}
        <input type="date" name="to" defaultValue={filter.toDay} required />
      </label>
      <label>
        {n.channel}
        <select name="channel" defaultValue={filter.channel}>
          <option value="">{n.anyChannel}</option>
          {channels.map((channel) => (
            <option key={channel} value={channel}>
              {channelLabel(t, channel)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {n.team}
        <select name="team" defaultValue={filter.team}>
          <option value="">{n.anyTeam}</option>
          {teams.map((team) => (
            <option key={team.teamId} value={team.teamId}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{n.apply}</button>
      <p className="range-said" role="status">
        {refused ? n.badRange : n.range(formatDay(locale, from), formatDay(locale, lastDay))}
      </p>
    </form>
  );
}
