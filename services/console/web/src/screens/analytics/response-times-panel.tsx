import { useState } from 'react';
import { api } from '../../api/client.ts';
import { Bars } from '../../charts/bars.tsx';
import { formatCount, formatDuration } from '../../charts/chart-format.ts';
import { ChartFigure, Legend } from '../../charts/chart-frame.tsx';
import { useAnalyticsLocale } from '../../i18n-analytics.ts';
import { type AnalyticsFilter, commonQuery, csvHref } from './analytics-query.ts';
import { Choice, Panel } from './panel.tsx';
import { useReport } from './use-report.ts';

type Metric = 'first' | 'next' | 'resolution';
type Hours = 'calendar' | 'business';
type Group = 'channel' | 'team';

/** First-response, next-response or resolution times: p50, p90 and p99 per channel or team. */
export function ResponseTimesPanel({
  filter,
  groupLabel,
}: {
  filter: AnalyticsFilter;
  groupLabel: (group: Group, key: string | null) => string;
}) {
  const { n, locale } = useAnalyticsLocale();
  const [metric, setMetric] = useState<Metric>('first');
  const [hours, setHours] = useState<Hours>('calendar');
  const [groupBy, setGroupBy] = useState<Group>('channel');
  const query = { ...commonQuery(filter), metric, hours, groupBy };
  const report = useReport(() => api.GET('/v1/analytics/response-times', { params: { query } }), JSON.stringify(query));
  const duration = (seconds: number) => formatDuration(locale, seconds);
  const maybe = (seconds: number | null) => (seconds === null ? '–' : duration(seconds));
  const controls = (
    <div className="panel-controls">
      <Choice
        label={n.metric}
        value={metric}
        onChange={setMetric}
        options={(['first', 'next', 'resolution'] as const).map((m) => [m, n.metrics[m] ?? m] as const)}
      />
      <Choice
        label={n.hours}
        value={hours}
        onChange={setHours}
        options={(['calendar', 'business'] as const).map((h) => [h, n.hoursKinds[h] ?? h] as const)}
      />
      <Choice
        label={n.groupBy}
        value={groupBy}
        onChange={setGroupBy}
        options={(['channel', 'team'] as const).map((g) => [g, n.groups[g] ?? g] as const)}
      />
    </div>
  );
  const title = `${n.responseTimes}: ${n.metrics[metric]}`;
  return (
    <Panel
      title={n.responseTimes}
      csv={csvHref('/v1/analytics/response-times', query)}
      report={report}
      controls={controls}
      isEmpty={(data) => data.rows.every((r) => r.count === 0)}
    >
      {(data) => {
        const rows = data.rows.filter((r) => r.count > 0);
        const separator = locale === 'fa' ? '؛ ' : '; ';
        const summary = n.responseSummary(
          rows
            .map((r) => `${groupLabel(groupBy, r.key)}: p50 ${maybe(r.p50)}, p90 ${maybe(r.p90)}, p99 ${maybe(r.p99)}`)
            .join(separator),
        );
        return (
          <>
            <Legend names={['p50', 'p90', 'p99']} />
            <ChartFigure
              summary={summary}
              table={{
                caption: n.tableOf(title),
                columns: [n.groups[groupBy] ?? groupBy, n.count, 'p50', 'p90', 'p99', n.average],
                rows: rows.map((r) => [
                  groupLabel(groupBy, r.key),
                  formatCount(locale, r.count),
                  maybe(r.p50),
                  maybe(r.p90),
                  maybe(r.p99),
                  maybe(r.average),
                ]),
              }}
            >
              {(width) => (
                <Bars
                  width={width}
                  rtl={locale === 'fa'}
                  groups={rows.map((r) => ({
                    label: `${groupLabel(groupBy, r.key)} (${formatCount(locale, r.count)})`,
                    values: [r.p50, r.p90, r.p99],
                  }))}
                  formatValue={duration}
                />
              )}
            </ChartFigure>
          </>
        );
      }}
    </Panel>
  );
}
