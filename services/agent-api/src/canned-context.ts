import type { Principal } from '@hub/access';
import type { OpenedConversation } from '@hub/conversations';
import type { CannedContext } from '@hub/replies';
import type { SqlExecutor } from '@hub/sql';

/** The agent's display name (a user's), or undefined for an integration's token. */
export type AgentName = (principal: Principal) => Promise<string | undefined>;

/**
 * What a canned response's placeholders may name: `{{customer.name}}`, `{{agent.name}}`,
 * `{{conversation.id}}`, `{{conversation.subject}}`. The customer's name is the survivor's after
 * a merge; an erased customer has none (a template naming it is refused).
 */
export async function cannedContextFor(
  readModels: SqlExecutor,
  agentName: AgentName,
  conversation: OpenedConversation,
  principal: Principal,
): Promise<CannedContext> {
  const [row] = await readModels.query<{ name: string | null }>(
    `SELECT coalesce(s.display_name, c.display_name) AS name
       FROM read_models.customers c LEFT JOIN read_models.customers s ON s.customer_id = c.merged_into
      WHERE c.customer_id = $1 AND c.erased_at IS NULL`,
    [conversation.customerId],
  );
  return {
    customer: { name: row?.name ?? null },
    agent: { name: (await agentName(principal)) ?? null },
    conversation: { id: conversation.conversationId, subject: conversation.subject },
  };
}
