import { useEffect, useState } from 'react';
import { api, type User } from '../../api/client.ts';
import { channelLabel } from '../../i18n.ts';
import { useAnalyticsLocale } from '../../i18n-analytics.ts';
import { type AnalyticsFilter, defaultFilter } from './analytics-query.ts';
import { CsatPanel } from './csat-panel.tsx';
import { AnalyticsFilters, type TeamOption } from './filters.tsx';
import { ResponseTimesPanel } from './response-times-panel.tsx';
import { SlaPanel } from './sla-panel.tsx';
import { SocialPanel } from './social-panel.tsx';
import { SwitchingPanel } from './switching-panel.tsx';
import { CostToServePanel, CustomerValuePanel, ProductAffinityPanel, SegmentsPanel } from './value-panels.tsx';
import { VolumePanel } from './volume-panel.tsx';

/** Roles with reports:read (packages/access/src/roles.ts). The API decides; this keeps the link out of others' way. */
export const canReadReports = (role: User['role']) => role === 'analyst' || role === 'supervisor' || role === 'admin';

/** The header's link to the analytics screen, for those whose role can read reports. */
export function AnalyticsLink({ me }: { me: User }) {
  const { n } = useAnalyticsLocale();
  if (!canReadReports(me.role)) return null;
  return (
    <a className="section-link analytics-link" href="#/analytics">
      {n.analytics}
    </a>
  );
}

/**
 * The analyst workspace: filters (range, channel, team) over every chart, each chart with its
 * figures as a table and as CSV. Service first (volume, response times, SLA, CSAT), then customers
 * and value, then social.
 */
export function AnalyticsScreen() {
  const { n, t } = useAnalyticsLocale();
  const [filter, setFilter] = useState<AnalyticsFilter>(defaultFilter);
  const [teams, setTeams] = useState<TeamOption[]>([]);
  useEffect(() => {
    void api.GET('/v1/teams').then(({ data }) => setTeams(data?.teams ?? []));
  }, []);
  const groupLabel = (group: 'channel' | 'team', key: string | null) => {
    if (key === null) return n.none;
    if (group === 'channel') return channelLabel(t, key);
    return teams.find((team) => team.teamId === key)?.name ?? key;
  };
  return (
    <section className="analytics">
      <h1>{n.analytics}</h1>
      <AnalyticsFilters filter={filter} teams={teams} onApply={setFilter} />
      <h2>{n.service}</h2>
      <div className="panels">
        <VolumePanel filter={filter} />
        <ResponseTimesPanel filter={filter} groupLabel={groupLabel} />
        <SlaPanel filter={filter} />
        <CsatPanel filter={filter} />
      </div>
      <h2>{n.customersAndValue}</h2>
      <div className="panels">
        <SegmentsPanel filter={filter} />
        <CustomerValuePanel filter={filter} />
        <CostToServePanel filter={filter} />
        <SwitchingPanel filter={filter} />
        <ProductAffinityPanel filter={filter} />
      </div>
      <h2>{n.social}</h2>
      <div className="panels">
        <SocialPanel filter={filter} />
      </div>
    </section>
  );
}
