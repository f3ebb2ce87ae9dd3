import { isHubError } from '@hub/errors';
import { storeUnavailable } from '@hub/event-store';
import { isDatabaseUnavailable } from '@hub/sql';

/** Another stream took one of the event ids between the append's check and its insert. */
export const isEventIdConflict = (error: unknown): boolean =>
  (error as { code?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === 'events_event_id_key';

/**
 * Keeps driver errors inside this package: the caller sees the event store's typed errors. An
 * unreachable database (decided by `@hub/sql`, the one place) is the store's EVENT_STORE_UNAVAILABLE.
 */
export function translateSqlError(backend: string, error: unknown): never {
  if (isHubError(error, 'EVENT_STORE_UNAVAILABLE')) throw error;
  if (isDatabaseUnavailable(error)) throw storeUnavailable(backend, error);
  throw error;
}
