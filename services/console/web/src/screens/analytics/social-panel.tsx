import { api } from '../../api/client.ts';
import { useAnalyticsLocale } from '../../i18n-analytics.ts';
import { type AnalyticsFilter, commonQuery, csvHref, rangeOf, timeZone } from './analytics-query.ts';
import { Panel } from './panel.tsx';
import { useReport } from './use-report.ts';
import { SeriesChart } from './volume-panel.tsx';

/** Social comments and messages per period, stacked by network (the API takes the range only). */
export function SocialPanel({ filter }: { filter: AnalyticsFilter }) {
  const { n } = useAnalyticsLocale();
  const { from, to } = commonQuery(filter);
  const query = {
    from,
    to,
    granularity: rangeOf(filter).granularity,
    timeZone: timeZone(),
    groupBy: 'network' as const,
  };
  const report = useReport(() => api.GET('/v1/analytics/social', { params: { query } }), JSON.stringify(query));
  return (
    <Panel
      title={n.socialVolume}
      csv={csvHref('/v1/analytics/social', query)}
      report={report}
      note={filter.channel || filter.team ? n.notFiltered(n.channelAndTeam) : undefined}
      isEmpty={(data) => data.rows.length === 0}
    >
      {(data) => (
        <SeriesChart
          rows={data.rows.map((r) => ({ bucket: r.bucket, key: r.network, value: r.comments + r.messages }))}
          label={(key) => (key === null ? n.unknown : (n.networks[key] ?? key))}
          filter={filter}
          title={n.socialVolume}
          summary={(total, parts) => n.socialSummary(total, parts)}
        />
      )}
    </Panel>
  );
}
