import { api } from '../../api/client.ts';
import { Bars } from '../../charts/bars.tsx';
import { formatCount, formatShare } from '../../charts/chart-format.ts';
import { ChartFigure } from '../../charts/chart-frame.tsx';
import { useAnalyticsLocale } from '../../i18n-analytics.ts';
import { type AnalyticsFilter, commonQuery, csvHref } from './analytics-query.ts';
import { Panel } from './panel.tsx';
import { useReport } from './use-report.ts';

/** CSAT: the average rating, the share of 4 and 5, the response rate, and how many gave each rating. */
export function CsatPanel({ filter }: { filter: AnalyticsFilter }) {
  const { n, locale } = useAnalyticsLocale();
  const query = commonQuery(filter);
  const report = useReport(() => api.GET('/v1/analytics/csat', { params: { query } }), JSON.stringify(query));
  const count = (value: number) => formatCount(locale, value);
  const share = (value: number | null) => (value === null ? '–' : formatShare(locale, value));
  return (
    <Panel
      title={n.csat}
      csv={csvHref('/v1/analytics/csat', query)}
      report={report}
      isEmpty={(data) => (data.rows[0]?.requested ?? 0) === 0 && (data.rows[0]?.rated ?? 0) === 0}
    >
      {(data) => {
        const row = data.rows[0];
        if (!row) return null;
        const average = row.average === null ? '–' : formatCount(locale, row.average, 2);
        const ratings = [1, 2, 3, 4, 5].map((rating) => ({ rating, ratings: row.distribution[rating - 1] ?? 0 }));
        return (
          <>
            <dl className="figures">
              <div>
                <dt>{n.average}</dt>
                <dd>{average}</dd>
              </div>
              <div>
                <dt>{n.satisfied}</dt>
                <dd>{share(row.csat)}</dd>
              </div>
              <div>
                <dt>{n.responseRate}</dt>
                <dd>
                  {share(row.responseRate)}{' '}
                  <span className="muted">
                    ({count(row.rated)} / {count(row.requested)})
                  </span>
                </dd>
              </div>
            </dl>
            <ChartFigure
              summary={n.csatSummary(average, share(row.csat), share(row.responseRate))}
              table={{
                caption: n.tableOf(n.csat),
                columns: [n.rating, n.ratings],
                rows: ratings.map((r) => [n.stars(count(r.rating)), count(r.ratings)]),
              }}
            >
              {(width) => (
                <Bars
                  width={width}
                  rtl={locale === 'fa'}
                  groups={ratings
                    .slice()
                    .reverse()
                    .map((r) => ({ label: n.stars(count(r.rating)), values: [r.ratings] }))}
                  formatValue={count}
                />
              )}
            </ChartFigure>
          </>
        );
      }}
    </Panel>
  );
}
