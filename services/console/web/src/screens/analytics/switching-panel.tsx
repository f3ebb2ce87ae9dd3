import { api } from '../../api/client.ts';
import { formatCount } from '../../charts/chart-format.ts';
import { Matrix } from '../../charts/matrix.tsx';
import { channelLabel } from '../../i18n.ts';
import { useAnalyticsLocale } from '../../i18n-analytics.ts';
import { type AnalyticsFilter, commonQuery, csvHref } from './analytics-query.ts';
import { Panel } from './panel.tsx';
import { useReport } from './use-report.ts';

/** How customers move between channels: a from -> to matrix (the API takes the range only). */
export function SwitchingPanel({ filter }: { filter: AnalyticsFilter }) {
  const { n, t, locale } = useAnalyticsLocale();
  const { from, to } = commonQuery(filter);
  const query = { from, to };
  const report = useReport(() => api.GET('/v1/analytics/channels', { params: { query } }), JSON.stringify(query));
  return (
    <Panel
      title={n.switching}
      csv={csvHref('/v1/analytics/channels', query)}
      report={report}
      note={filter.channel || filter.team ? n.notFiltered(n.channelAndTeam) : undefined}
      isEmpty={(data) => data.transitions.length === 0}
    >
      {(data) => {
        const used = [...new Set(data.transitions.flatMap((s) => [s.from, s.to]))].map((key) => ({
          key,
          label: channelLabel(t, key),
        }));
        const counts = new Map(data.transitions.map((s) => [`${s.from}>${s.to}`, s.count]));
        return (
          <>
            <p className="chart-summary">{n.switchingSummary(formatCount(locale, data.switches))}</p>
            <Matrix
              caption={n.tableOf(n.switching)}
              corner={`${n.fromChannel} \\ ${n.toChannel}`}
              rows={used}
              columns={used}
              count={(row, column) => counts.get(`${row}>${column}`) ?? 0}
              formatCount={(value) => formatCount(locale, value)}
            />
          </>
        );
      }}
    </Panel>
  );
}
