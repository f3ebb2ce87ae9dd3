import { api } from '../../api/client.ts';
import { Bars } from '../../charts/bars.tsx';
import { formatCount, formatShare } from '../../charts/chart-format.ts';
import { ChartFigure } from '../../charts/chart-frame.tsx';
import { useAnalyticsLocale } from '../../i18n-analytics.ts';
import { type AnalyticsFilter, commonQuery, csvHref } from './analytics-query.ts';
import { Panel } from './panel.tsx';
import { useReport } from './use-report.ts';

/** SLA targets met against breached, per target, as the share met. */
export function SlaPanel({ filter }: { filter: AnalyticsFilter }) {
  const { n, locale } = useAnalyticsLocale();
  const query = commonQuery(filter);
  const report = useReport(() => api.GET('/v1/analytics/sla', { params: { query } }), JSON.stringify(query));
  const count = (value: number) => formatCount(locale, value);
  return (
    <Panel
      title={n.sla}
      csv={csvHref('/v1/analytics/sla', query)}
      report={report}
      isEmpty={(data) => data.rows.length === 0}
    >
      {(data) => {
        const label = (target: string) => n.targets[target] ?? target;
        const share = (c: number | null) => (c === null ? '–' : formatShare(locale, c));
        const summary = n.slaSummary(
          data.rows
            .map((r) => `${label(r.target)} ${share(r.compliance)} (${count(r.met)} / ${count(r.met + r.breached)})`)
            .join(locale === 'fa' ? '، ' : ', '),
        );
        return (
          <ChartFigure
            summary={summary}
            table={{
              caption: n.tableOf(n.sla),
              columns: [n.target, n.met, n.breached, n.compliance],
              rows: data.rows.map((r) => [label(r.target), count(r.met), count(r.breached), share(r.compliance)]),
            }}
          >
            {(width) => (
              <Bars
                width={width}
                rtl={locale === 'fa'}
                max={1}
                groups={data.rows.map((r) => ({
                  label: `${label(r.target)}: ${count(r.met)} / ${count(r.met + r.breached)}`,
                  values: [r.compliance],
                }))}
                formatValue={(c) => formatShare(locale, c)}
              />
            )}
          </ChartFigure>
        );
      }}
    </Panel>
  );
}
