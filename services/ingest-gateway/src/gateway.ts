import type { FastifyInstance } from 'fastify';
import type { IngestDependencies } from './ingest-dependencies.ts';
import { registerEmailRoutes } from './routes/email.routes.ts';
import { registerGenericRoutes } from './routes/generic.routes.ts';
import { registerMetaRoutes } from './routes/meta.routes.ts';
import { registerPhoneRoutes } from './routes/phone.routes.ts';
import { registerTelegramRoutes } from './routes/telegram.routes.ts';
import { registerWebFormRoutes } from './routes/webform.routes.ts';
import { registerWidgetRoutes } from './routes/widget.routes.ts';

/**
 * All channel adapters, each an encapsulated plugin: its content-type parsers, auth and limits
 * never leak into its siblings.
 */
export async function registerIngestRoutes(app: FastifyInstance, deps: IngestDependencies): Promise<void> {
  const channels = [
    registerGenericRoutes,
    registerEmailRoutes,
    registerPhoneRoutes,
    registerWebFormRoutes,
    registerTelegramRoutes,
    registerMetaRoutes,
  ];
  for (const register of channels) await app.register(async (scope) => register(scope, deps));
  await app.register(async (scope) => registerWidgetRoutes(scope, deps, deps.settings.widget));
}
