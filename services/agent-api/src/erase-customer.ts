import { randomUUID } from 'node:crypto';
import { HubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { customerStream, encodeEvent } from '@hub/events';
import type { IdentityIndex } from '@hub/identity-index';
import type { KeyStore } from '@hub/personal-data';
import type { SqlExecutor } from '@hub/sql';

export interface ErasureDependencies {
  readonly store: EventStore;
  readonly keys: KeyStore;
  readonly index: IdentityIndex;
  readonly readModels: SqlExecutor;
  readonly rawPayloads: { deletePayloads(payloadIds: readonly string[]): Promise<number> };
  readonly now: () => Date;
}

/**
 * Right to be forgotten. Destroys the data keys of the customer and of every customer merged into
 * it (their events carry its history too), so every sealed field of theirs reads as redacted in
 * every copy; forgets their identifiers; deletes their raw payloads; then records CustomerErased,
 * which purges the read models.
 */
export async function eraseCustomer(
  deps: ErasureDependencies,
  customerId: string,
  request: { requestedBy: string; reason: string | null },
): Promise<{ erasedIds: string[] }> {
  const [known] = await deps.readModels.query('SELECT 1 FROM read_models.customers WHERE customer_id = $1', [
    customerId,
  ]);
  const history = await deps.store.readStream(customerStream(customerId), { maxCount: 1 });
  if (!known && history.length === 0) throw new HubError('NOT_FOUND', `no customer ${customerId}`);
  const merged = await deps.readModels.query<{ customer_id: string }>(
    'SELECT customer_id FROM read_models.customers WHERE merged_into = $1',
    [customerId],
  );
  const erasedIds = [customerId, ...merged.map((m) => m.customer_id)];
  for (const id of erasedIds) {
    // The events name the raw payloads they came from: read them before anything else goes.
    const events = await deps.store.readStream(customerStream(id));
    const payloadIds = [...new Set(events.map((e) => e.metadata.rawPayloadId).filter((p) => typeof p === 'string'))];
    await deps.rawPayloads.deletePayloads(payloadIds as string[]);
    await deps.keys.destroy(id);
    await deps.index.forget(id);
    await deps.store.appendToStream(customerStream(id), [
      encodeEvent(
        { type: 'CustomerErased', data: { customerId: id, requestedBy: request.requestedBy, reason: request.reason } },
        { id: randomUUID(), occurredAt: deps.now() },
      ),
    ]);
  }
  return { erasedIds };
}
