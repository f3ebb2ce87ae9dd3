import type { DomainEventOf } from '@hub/events';
import { chooseInbox } from '@hub/routing';
import { inboxRoutes } from '@hub/routing-read-model';
import type { SqlExecutor } from '@hub/sql';

/**
 * The linker's `inboxOf` once inboxes are configured: the inbox naming one of the interaction's
 * endpoints, else the one covering its channel, else the channel's name (as before any inbox).
 * Read from the routing read model, so an inbox takes effect once that shows it.
 */
export async function configuredInboxOf(
  interaction: DomainEventOf<'InteractionRecorded'>['data'],
  db: SqlExecutor,
): Promise<string> {
  return chooseInbox(await inboxRoutes(db), interaction.details) ?? interaction.details.channel;
}
