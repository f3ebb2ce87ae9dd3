export { registerIngestRoutes } from './gateway.ts';
export type { IngestDependencies } from './ingest-dependencies.ts';
export { defaultIngestSettings, type IngestSettings, type WebFormDefinition } from './ingest-settings.ts';
export { createLogIntake } from './intake/log-intake.ts';
