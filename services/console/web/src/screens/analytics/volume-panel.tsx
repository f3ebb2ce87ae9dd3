import { api } from '../../api/client.ts';
import { formatBucket, formatCount } from '../../charts/chart-format.ts';
import { ChartFigure, Legend } from '../../charts/chart-frame.tsx';
import { TimeColumns } from '../../charts/time-columns.tsx';
import { channelLabel } from '../../i18n.ts';
import { useAnalyticsLocale } from '../../i18n-analytics.ts';
import { type AnalyticsFilter, commonQuery, csvHref, rangeOf, timeZone } from './analytics-query.ts';
import { Panel } from './panel.tsx';
import { type SeriesRow, seriesOf } from './series.ts';
import { useReport } from './use-report.ts';

/** Interactions (both directions) per period, stacked by channel. */
export function VolumePanel({ filter }: { filter: AnalyticsFilter }) {
  const { n, t } = useAnalyticsLocale();
  const range = rangeOf(filter);
  const query = {
    ...commonQuery(filter),
    granularity: range.granularity,
    timeZone: timeZone(),
    groupBy: 'channel' as const,
  };
  const report = useReport(() => api.GET('/v1/analytics/volumes', { params: { query } }), JSON.stringify(query));
  const rows = (data: { rows: { bucket: string; key: string | null; interactions: number }[] }): SeriesRow[] =>
    data.rows.map((r) => ({ bucket: r.bucket, key: r.key, value: r.interactions }));
  return (
    <Panel
      title={n.volume}
      csv={csvHref('/v1/analytics/volumes', query)}
      report={report}
      isEmpty={(data) => data.rows.length === 0}
    >
      {(data) => (
        <SeriesChart
          rows={rows(data)}
          label={(key) => (key === null ? n.unknown : channelLabel(t, key))}
          filter={filter}
          title={n.volume}
          summary={(total, parts) => n.volumeSummary(total, parts)}
        />
      )}
    </Panel>
  );
}

/** A series per key over the filter's range, as stacked columns, its table a row per period and a total. */
export function SeriesChart({
  rows,
  label,
  filter,
  title,
  summary,
}: {
  rows: readonly SeriesRow[];
  label: (key: string | null) => string;
  filter: AnalyticsFilter;
  title: string;
  summary: (total: string, parts: string) => string;
}) {
  const { n, locale } = useAnalyticsLocale();
  const range = rangeOf(filter);
  const { keys, buckets, totals } = seriesOf(rows);
  const names = keys.map(label);
  const count = (value: number) => formatCount(locale, value);
  const parts = names.map((name, i) => `${name} ${count(totals[i] ?? 0)}`).join(locale === 'fa' ? '، ' : ', ');
  const all = totals.reduce((sum, v) => sum + v, 0);
  return (
    <>
      <Legend names={names} />
      <ChartFigure
        summary={summary(count(all), parts)}
        table={{
          caption: n.tableOf(title),
          columns: [n.period, ...names, n.total],
          rows: [
            ...buckets.map((b) => [
              formatBucket(locale, b.bucket, range.granularity),
              ...b.values.map(count),
              count(b.values.reduce((sum, v) => sum + v, 0)),
            ]),
            [n.total, ...totals.map(count), count(all)],
          ],
        }}
      >
        {(width) => (
          <TimeColumns
            width={width}
            rtl={locale === 'fa'}
            from={range.from.getTime()}
            to={range.to.getTime()}
            bucketMs={range.bucketMs}
            buckets={buckets.map((b) => ({ start: Date.parse(b.bucket), values: b.values }))}
            formatValue={count}
            formatTime={(ms) =>
              formatBucket(locale, new Date(ms).toISOString(), range.granularity === 'hour' ? 'hour' : 'day')
            }
          />
        )}
      </ChartFigure>
    </>
  );
}
