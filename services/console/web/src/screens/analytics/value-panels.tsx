import { api } from '../../api/client.ts';
import { Bars } from '../../charts/bars.tsx';
import { formatCount, formatMoney, formatShare } from '../../charts/chart-format.ts';
import { ChartFigure, Legend } from '../../charts/chart-frame.tsx';
import { useAnalyticsLocale } from '../../i18n-analytics.ts';
import { type AnalyticsFilter, commonQuery, csvHref, rangeOf } from './analytics-query.ts';
import { Panel } from './panel.tsx';
import { useReport } from './use-report.ts';

// The value figures: segments and customer value are as of an instant (the range's end, or now),
// cost to serve and product affinity over the range. None is cut by channel or team.

/** The range's end, when it is in the past: the value figures as they stood then. */
const asOfOf = (filter: AnalyticsFilter) => {
  const { to } = rangeOf(filter);
  return to.getTime() < Date.now() ? { asOf: to.toISOString() } : {};
};

export function SegmentsPanel({ filter }: { filter: AnalyticsFilter }) {
  const { n, locale } = useAnalyticsLocale();
  const query = asOfOf(filter);
  const report = useReport(() => api.GET('/v1/analytics/segments', { params: { query } }), JSON.stringify(query));
  const count = (value: number) => formatCount(locale, value);
  return (
    <Panel
      title={n.segments}
      csv={csvHref('/v1/analytics/segments', query)}
      report={report}
      note={filter.channel || filter.team ? n.notFiltered(n.channelAndTeam) : undefined}
      isEmpty={(data) => data.customers === 0}
    >
      {(data) => {
        const money = (amount: number | null) => (amount === null ? '–' : formatMoney(locale, amount, data.currency));
        const segments = data.segments.filter((s) => s.customers > 0);
        const name = (segment: string) => n.segmentNames[segment] ?? segment;
        return (
          <ChartFigure
            summary={n.segmentsSummary(
              count(data.customers),
              segments.map((s) => `${name(s.segment)} ${count(s.customers)}`).join(locale === 'fa' ? '، ' : ', '),
            )}
            table={{
              caption: n.tableOf(n.segments),
              columns: [n.segment, n.customers, n.share, n.revenue, n.averageValue],
              rows: segments.map((s) => [
                name(s.segment),
                count(s.customers),
                formatShare(locale, s.share),
                money(s.revenue),
                money(s.averageValue),
              ]),
            }}
          >
            {(width) => (
              <Bars
                width={width}
                rtl={locale === 'fa'}
                groups={segments.map((s) => ({
                  label: `${name(s.segment)} · ${n.averageValue} ${money(s.averageValue)}`,
                  values: [s.customers],
                }))}
                formatValue={count}
              />
            )}
          </ChartFigure>
        );
      }}
    </Panel>
  );
}

export function CustomerValuePanel({ filter }: { filter: AnalyticsFilter }) {
  const { n, locale } = useAnalyticsLocale();
  const query = asOfOf(filter);
  const report = useReport(() => api.GET('/v1/analytics/customer-value', { params: { query } }), JSON.stringify(query));
  const count = (value: number) => formatCount(locale, value);
  return (
    <Panel
      title={n.customerValue}
      csv={csvHref('/v1/analytics/customer-value', query)}
      report={report}
      note={filter.channel || filter.team ? n.notFiltered(n.channelAndTeam) : undefined}
      isEmpty={(data) => data.customers === 0}
    >
      {(data) => {
        const money = (amount: number | null) => (amount === null ? '–' : formatMoney(locale, amount, data.currency));
        const band = (bin: { from: number; to: number }) => `${money(bin.from)} – ${money(bin.to)}`;
        const bins = data.historic.histogram;
        return (
          <>
            <dl className="figures">
              <div>
                <dt>{n.customers}</dt>
                <dd>{count(data.customers)}</dd>
              </div>
              <div>
                <dt>
                  {n.historic}: {n.mean}
                </dt>
                <dd>{money(data.historic.mean)}</dd>
              </div>
              <div>
                <dt>
                  {n.predictive(count(data.predictive.horizonMonths))}: {n.mean}
                </dt>
                <dd>{money(data.predictive.mean)}</dd>
              </div>
            </dl>
            <ChartFigure
              summary={n.clvSummary(count(data.customers), money(data.historic.mean))}
              table={{
                caption: n.tableOf(n.customerValue),
                columns: [n.valueBand, n.customers],
                rows: bins.map((bin) => [band(bin), count(bin.customers)]),
              }}
            >
              {(width) => (
                <Bars
                  width={width}
                  rtl={locale === 'fa'}
                  groups={bins.map((bin) => ({ label: band(bin), values: [bin.customers] }))}
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

export function CostToServePanel({ filter }: { filter: AnalyticsFilter }) {
  const { n, locale } = useAnalyticsLocale();
  const { from, to } = commonQuery(filter);
  const query = { from, to, groupBy: 'segment' as const };
  const report = useReport(() => api.GET('/v1/analytics/cost-to-serve', { params: { query } }), JSON.stringify(query));
  const count = (value: number) => formatCount(locale, value);
  return (
    <Panel
      title={n.costToServe}
      csv={csvHref('/v1/analytics/cost-to-serve', query)}
      report={report}
      note={filter.channel || filter.team ? n.notFiltered(n.channelAndTeam) : undefined}
      isEmpty={(data) => (data.segments ?? []).length === 0}
    >
      {(data) => {
        const money = (amount: number) => formatMoney(locale, amount, data.currency);
        const ratio = (r: number | null) => (r === null ? '–' : formatCount(locale, r, 2));
        const segments = data.segments ?? [];
        const name = (segment: string) => n.segmentNames[segment] ?? segment;
        return (
          <>
            <Legend names={[n.cost, n.value]} />
            <ChartFigure
              summary={n.costSummary(money(data.totals.cost), money(data.totals.value))}
              table={{
                caption: n.tableOf(n.costToServe),
                columns: [n.segment, n.customers, n.contacts, n.cost, n.value, n.costToValue],
                rows: segments.map((s) => [
                  name(s.segment),
                  count(s.customers),
                  count(s.totalContacts),
                  money(s.cost),
                  money(s.value),
                  ratio(s.costToValue),
                ]),
              }}
            >
              {(width) => (
                <Bars
                  width={width}
                  rtl={locale === 'fa'}
                  groups={segments.map((s) => ({ label: name(s.segment), values: [s.cost, s.value] }))}
                  formatValue={money}
                />
              )}
            </ChartFigure>
          </>
        );
      }}
    </Panel>
  );
}

export function ProductAffinityPanel({ filter }: { filter: AnalyticsFilter }) {
  const { n, locale } = useAnalyticsLocale();
  const { from, to } = commonQuery(filter);
  const query = { from, to, limit: 10 };
  const report = useReport(
    () => api.GET('/v1/analytics/product-affinity', { params: { query } }),
    JSON.stringify(query),
  );
  const count = (value: number) => formatCount(locale, value);
  return (
    <Panel
      title={n.productAffinity}
      csv={csvHref('/v1/analytics/product-affinity', { from, to, limit: '10' })}
      report={report}
      note={filter.channel || filter.team ? n.notFiltered(n.channelAndTeam) : undefined}
      isEmpty={(data) => data.boughtTogether.length === 0}
    >
      {(data) => {
        const pairs = data.boughtTogether;
        const pairName = (p: (typeof pairs)[number]) =>
          `${p.productA.name ?? p.productA.productId} + ${p.productB.name ?? p.productB.productId}`;
        return (
          <ChartFigure
            summary={n.affinitySummary(
              pairs
                .slice(0, 3)
                .map((p) => `${pairName(p)} ${count(p.orders)}`)
                .join(locale === 'fa' ? '، ' : ', '),
            )}
            table={{
              caption: n.tableOf(n.productAffinity),
              columns: [n.pair, n.orders, n.support, n.lift],
              rows: pairs.map((p) => [
                pairName(p),
                count(p.orders),
                formatShare(locale, p.support),
                formatCount(locale, p.lift, 2),
              ]),
            }}
          >
            {(width) => (
              <Bars
                width={width}
                rtl={locale === 'fa'}
                groups={pairs.map((p) => ({ label: pairName(p), values: [p.orders] }))}
                formatValue={count}
              />
            )}
          </ChartFigure>
        );
      }}
    </Panel>
  );
}
