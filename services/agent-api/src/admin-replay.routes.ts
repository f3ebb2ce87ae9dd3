import { Readable } from 'node:stream';
import { HubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { problems, security, type ZodTypeProvider } from '@hub/http';
import { formatHistory, type Replays, readHistory } from '@hub/projections';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission } from './access/authenticate.ts';

export interface AdminReplayApiDependencies {
  readonly replays: Replays;
  /** The store as stored: an export from the API keeps personal data sealed. */
  readonly history: EventStore;
}

const Replay = z
  .object({
    id: z.string().uuid(),
    projection: z.string(),
    state: z.enum(['running', 'succeeded', 'failed']),
    from: z.string().nullable(),
    shards: z.number().int(),
    events: z.number().int().meta({ description: 'events read through so far' }),
    total: z.number().int().nullable(),
    eventsPerSecond: z.number().int(),
    etaSeconds: z.number().int().nullable(),
    checkpoint: z.string().nullable().meta({ description: 'where the new tables were swapped in' }),
    error: z.string().nullable(),
    startedAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Replay' });

const StartReplay = z.strictObject({
  projection: z.string().trim().min(1).max(100),
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'replay from this date only (projections whose rows are facts keyed by time)' }),
});

const ExportQuery = z.strictObject({
  format: z.enum(['ndjson', 'csv']).default('ndjson'),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'recorded at or after' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'recorded before' }),
  type: z
    .union([z.string().min(1).max(100), z.array(z.string().min(1).max(100)).max(50)])
    .optional()
    .meta({ description: 'event types, repeated' }),
  streamPrefix: z.string().min(1).max(200).optional(),
});

const admin = { onRequest: requirePermission('settings:manage') };
const tags = ['admin'];

/**
 * Replays of projections and exports of the history, for admins (settings:manage): a replay
 * runs in the background of this process (202 with its id), its progress is read from any
 * process. Register inside the scope that authenticates.
 */
export async function registerAdminReplayRoutes(scope: FastifyInstance, deps: AdminReplayApiDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/v1/admin/replays',
    {
      ...admin,
      schema: {
        summary: 'Replay a projection: rebuild it in shadow tables while it serves, swap once caught up',
        description:
          'Admins (settings:manage). One replay of a projection at a time (409 ALREADY_EXISTS). ' +
          '`from` replays only from a date, for projections whose rows are facts keyed by time (400 otherwise).',
        tags,
        security: security.agent,
        body: StartReplay,
        response: { 202: Replay, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { projection, from } = request.body;
      const started = await deps.replays.start({ projection, ...(from ? { from: new Date(from) } : {}) });
      return reply.status(202).header('location', `/v1/admin/replays/${started.id}`).send(started);
    },
  );
  app.get(
    '/v1/admin/replays',
    {
      ...admin,
      schema: {
        summary: 'Replays, newest first',
        tags,
        security: security.agent,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ replays: z.array(Replay) }), ...problems(400, 401, 403) },
      },
    },
    async (request) => ({ replays: await deps.replays.list(request.query.limit) }),
  );
  app.get(
    '/v1/admin/replays/:id',
    {
      ...admin,
      schema: {
        summary: "A replay's state and progress: events done / total, events per second, ETA, error",
        tags,
        security: security.agent,
        params: z.strictObject({ id: z.string().uuid() }),
        response: { 200: Replay, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const found = await deps.replays.find(request.params.id);
      if (!found) throw new HubError('NOT_FOUND', `no replay ${request.params.id}`);
      return found;
    },
  );
  app.get(
    '/v1/admin/exports/events',
    {
      ...admin,
      schema: {
        summary: 'The history (or the part the filters select) as NDJSON or CSV, streamed',
        description:
          'Admins (settings:manage). Personal data stays sealed as stored (the command line can open it). ' +
          'The whole store is read, a page at a time.',
        tags,
        security: security.agent,
        querystring: ExportQuery,
        produces: ['application/x-ndjson', 'text/csv'],
        response: { 200: z.string().meta({ description: 'one event per line' }), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      if (q.from && q.to && new Date(q.from) >= new Date(q.to))
        throw new HubError('INVALID_INPUT', 'invalid export: from must be before to');
      const types = q.type === undefined ? undefined : [q.type].flat();
      const pages = readHistory(deps.history, {
        ...(q.from ? { from: new Date(q.from) } : {}),
        ...(q.to ? { to: new Date(q.to) } : {}),
        ...(types ? { types } : {}),
        ...(q.streamPrefix ? { streamPrefix: q.streamPrefix } : {}),
      });
      return (
        reply
          .type(q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="events.${q.format}"`)
          // A stream, written as it is read; the schema documents the text it carries.
          .send(Readable.from(formatHistory(pages, q.format)) as unknown as string)
      );
    },
  );
}
