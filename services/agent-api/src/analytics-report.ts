import { problems, security } from '@hub/http';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { requirePermission } from './access/authenticate.ts';
import { toCsv } from './analytics-csv.ts';

// What every analyst report route shares: who may read it, its OpenAPI shape, its CSV answer.

export const reportsRead = { onRequest: requirePermission('reports:read') };

/** A report route's schema; `source` says where its figures come from. */
export const reportSchema = <Query extends z.ZodType, Report extends z.ZodType>(
  summary: string,
  source: string,
  querystring: Query,
  report: Report,
) => ({
  summary,
  description: `Analysts, supervisors and admins (reports:read). \`format=csv\` answers the same figures as text/csv. ${source}`,
  tags: ['analytics'],
  security: security.agent,
  querystring,
  produces: ['application/json', 'text/csv'],
  response: { 200: report, ...problems(400, 401, 403) },
});

/** The rows as a CSV download named `<name>.csv`. */
export function sendCsv(reply: FastifyReply, name: string, rows: readonly object[], header: string[]) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .serializer((payload) => payload as string)
    .send(toCsv(rows as Record<string, unknown>[], header));
}
