import type { DomainEventOf } from '@hub/events';
import { chooseInbox } from '@hub/routing';
import { inboxRoutes } from '@hub/routing-read-model';
import type { SqlExecutor } from '@hub/sql';

type Interaction = DomainEventOf<'InteractionRecorded'>['data'];

/**
 * The linker's inbox chooser once inboxes are configured: the inbox naming one of the
 * interaction's endpoints, else the one covering its channel, else the channel's name (as before
 * any inbox). Read from the routing read model once per page of interactions, so an inbox takes
 * effect once that shows it.
 */
export async function configuredInboxes(db: SqlExecutor): Promise<(interaction: Interaction) => string> {
  const routes = await inboxRoutes(db);
  return (interaction) => chooseInbox(routes, interaction.details) ?? interaction.details.channel;
}
