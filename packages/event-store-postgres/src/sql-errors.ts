import { isHubError } from '@hub/errors';
import { storeUnavailable } from '@hub/event-store';

const connectionFailures = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', '57P01', '57P03']);

/** Another stream took one of the event ids between the append's check and its insert. */
export const isEventIdConflict = (error: unknown): boolean =>
  (error as { code?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === 'events_event_id_key';

/** Keeps driver errors inside this package: the caller sees the hub's typed errors. */
export function translateSqlError(backend: string, error: unknown): never {
  if (isHubError(error)) throw error;
  const code = (error as { code?: string }).code;
  if (code && (connectionFailures.has(code) || code.startsWith('08'))) throw storeUnavailable(backend, error);
  if (error instanceof Error && /Connection terminated|connect/i.test(error.message) && !code) {
    throw storeUnavailable(backend, error);
  }
  throw error;
}
