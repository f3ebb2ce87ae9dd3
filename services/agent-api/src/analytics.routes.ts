import {
  readChannelReport,
  readCsat,
  readResponseTimes,
  readSlaCompliance,
  readSocialVolumes,
  readVolumes,
} from '@hub/analytics';
import type { ZodTypeProvider } from '@hub/http';
import type { SqlExecutor } from '@hub/sql';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import {
  ChannelsQuery,
  ChannelsReport,
  CsatReport,
  GroupedQuery,
  ResponseTimesQuery,
  ResponseTimesReport,
  SlaReport,
  SocialQuery,
  SocialReport,
  VolumesQuery,
  VolumesReport,
} from './analytics.schemas.ts';
import { reportSchema, reportsRead, sendCsv } from './analytics-report.ts';

export interface AnalyticsApiDependencies {
  readonly readModels: SqlExecutor;
}

const read = reportsRead;
const schemaOf = <Query extends z.ZodType, Report extends z.ZodType>(
  summary: string,
  querystring: Query,
  report: Report,
) =>
  reportSchema(
    summary,
    'Figures come from the analytics read models (packages/analytics/README.md defines each one).',
    querystring,
    report,
  );

/** JSON as the schema says, or the rows as CSV. */
function answer(reply: FastifyReply, format: 'json' | 'csv', name: string, rows: readonly object[], header: string[]) {
  return format === 'json' ? undefined : sendCsv(reply, name, rows, header);
}

const common = (q: {
  from: Date;
  to: Date;
  asOf?: Date | undefined;
  channel?: string | undefined;
  team?: string | undefined;
}) => ({
  from: q.from,
  to: q.to,
  ...(q.asOf ? { asOf: q.asOf } : {}),
  ...(q.channel ? { channel: q.channel } : {}),
  ...(q.team ? { teamId: q.team } : {}),
});

/** The analyst API: every figure of the analytics read models. Register inside the scope that authenticates. */
export async function registerAnalyticsRoutes(scope: FastifyInstance, deps: AnalyticsApiDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const db = deps.readModels;

  app.get(
    '/v1/analytics/volumes',
    {
      ...read,
      schema: schemaOf(
        'Interactions per hour, day or week, by channel, direction, inbox, team or agent',
        VolumesQuery,
        VolumesReport,
      ),
    },
    async (request, reply) => {
      const q = request.query;
      const rows = await readVolumes(db, {
        ...common(q),
        granularity: q.granularity,
        timeZone: q.timeZone,
        ...(q.groupBy ? { groupBy: q.groupBy } : {}),
        ...(q.direction ? { direction: q.direction } : {}),
      });
      return answer(reply, q.format, 'volumes', rows, ['bucket', 'key', 'interactions']) ?? { rows };
    },
  );

  app.get(
    '/v1/analytics/response-times',
    {
      ...read,
      schema: schemaOf(
        'First-response, next-response or resolution times: p50, p90, p99 (seconds), calendar or business hours',
        ResponseTimesQuery,
        ResponseTimesReport,
      ),
    },
    async (request, reply) => {
      const q = request.query;
      const rows = await readResponseTimes(db, {
        ...common(q),
        metric: q.metric,
        hours: q.hours,
        ...(q.groupBy ? { groupBy: q.groupBy } : {}),
      });
      return (
        answer(reply, q.format, 'response-times', rows, ['key', 'count', 'p50', 'p90', 'p99', 'average']) ?? {
          unit: 'seconds' as const,
          rows,
        }
      );
    },
  );

  app.get(
    '/v1/analytics/sla',
    { ...read, schema: schemaOf('SLA targets met and breached, per target', GroupedQuery, SlaReport) },
    async (request, reply) => {
      const q = request.query;
      const rows = await readSlaCompliance(db, { ...common(q), ...(q.groupBy ? { groupBy: q.groupBy } : {}) });
      return answer(reply, q.format, 'sla', rows, ['key', 'target', 'met', 'breached', 'compliance']) ?? { rows };
    },
  );

  app.get(
    '/v1/analytics/csat',
    {
      ...read,
      schema: schemaOf('CSAT: response rate, average, distribution, share of 4 and 5', GroupedQuery, CsatReport),
    },
    async (request, reply) => {
      const q = request.query;
      const rows = await readCsat(db, { ...common(q), ...(q.groupBy ? { groupBy: q.groupBy } : {}) });
      return (
        answer(reply, q.format, 'csat', rows, ['key', 'requested', 'rated', 'responseRate', 'average', 'csat']) ?? {
          rows,
        }
      );
    },
  );

  app.get(
    '/v1/analytics/channels',
    {
      ...read,
      schema: schemaOf(
        'Channel preference and switching (from -> to), merged customers as one',
        ChannelsQuery,
        ChannelsReport,
      ),
    },
    async (request, reply) => {
      const q = request.query;
      const report = await readChannelReport(db, {
        from: q.from,
        to: q.to,
        ...(q.asOf ? { asOf: q.asOf } : {}),
        ...(q.customer ? { customerId: q.customer } : {}),
      });
      // As CSV: the transition matrix, one line per from -> to.
      return answer(reply, q.format, 'channel-switching', report.transitions, ['from', 'to', 'count']) ?? report;
    },
  );

  app.get(
    '/v1/analytics/social',
    {
      ...read,
      schema: schemaOf('Social comments and messages per period, per network and topic', SocialQuery, SocialReport),
    },
    async (request, reply) => {
      const q = request.query;
      const rows = await readSocialVolumes(db, {
        from: q.from,
        to: q.to,
        ...(q.asOf ? { asOf: q.asOf } : {}),
        granularity: q.granularity,
        timeZone: q.timeZone,
        ...(q.groupBy ? { groupBy: q.groupBy } : {}),
        ...(q.network ? { network: q.network } : {}),
      });
      return answer(reply, q.format, 'social', rows, ['bucket', 'network', 'key', 'comments', 'messages']) ?? { rows };
    },
  );
}
