import type { Principal } from '@hub/access';
import type { OpenedConversation } from '@hub/conversations';
import type { CannedContext } from '@hub/replies';
import type { SqlExecutor } from '@hub/sql';
import { customerNamesOf } from './customer-names.ts';

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
  const names = await customerNamesOf(readModels, [conversation.customerId]);
  return {
    customer: { name: names.get(conversation.customerId) ?? null },
    agent: { name: (await agentName(principal)) ?? null },
    conversation: { id: conversation.conversationId, subject: conversation.subject },
  };
}
