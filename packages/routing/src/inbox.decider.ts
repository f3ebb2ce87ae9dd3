import type { Decider } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { Actor, Channel, DomainEventOf } from '@hub/events';

export type InboxEvent = DomainEventOf<'InboxCreated'> | DomainEventOf<'InboxTeamChanged'>;

export type InboxCommand =
  | {
      readonly kind: 'create';
      readonly inboxId: string;
      readonly name: string;
      readonly channel: Channel;
      readonly endpoints: readonly string[];
      readonly teamId: string | null;
      readonly actor: Actor;
    }
  | { readonly kind: 'change-team'; readonly teamId: string | null; readonly actor: Actor };

export type InboxState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly inboxId: string;
      readonly name: string;
      readonly channel: Channel;
      readonly endpoints: readonly string[];
      readonly teamId: string | null;
    };

/** An endpoint is compared case-folded and trimmed: `Support@Shop.example` is `support@shop.example`. */
export const normaliseEndpoint = (endpoint: string): string => endpoint.trim().toLowerCase();

function validEndpoints(endpoints: readonly string[]): string[] {
  const normalised = [...new Set(endpoints.map(normaliseEndpoint))];
  if (normalised.length > 100 || normalised.some((e) => e.length === 0 || e.length > 512))
    throw new HubError('INVALID_INPUT', 'an inbox has at most 100 endpoints of 1 to 512 characters');
  return normalised;
}

/**
 * An inbox (`inbox-<id>`): where conversations arrive, a whole channel (no endpoints) or some of
 * its endpoints (mailbox addresses, web form ids, ...), worked by one team or none (then nobody is
 * auto-assigned its conversations).
 */
export const inboxDecider: Decider<InboxCommand, InboxEvent, InboxState> = {
  initialState: { exists: false },
  decide(command, state) {
    const { actor } = command;
    if (command.kind === 'create') {
      if (state.exists) throw new HubError('ALREADY_EXISTS', `inbox ${state.inboxId} exists already`);
      const name = command.name.trim();
      if (name.length === 0 || name.length > 200)
        throw new HubError('INVALID_INPUT', 'an inbox name has 1 to 200 characters');
      const data = {
        inboxId: command.inboxId,
        name,
        channel: command.channel,
        endpoints: validEndpoints(command.endpoints),
        teamId: command.teamId,
        actor,
      };
      return [{ type: 'InboxCreated', data }];
    }
    if (!state.exists) throw new HubError('NOT_FOUND', 'no such inbox');
    return state.teamId === command.teamId
      ? []
      : [{ type: 'InboxTeamChanged', data: { inboxId: state.inboxId, teamId: command.teamId, actor } }];
  },
  evolve(state, event) {
    if (event.type === 'InboxCreated') {
      const { inboxId, name, channel, endpoints, teamId } = event.data;
      return { exists: true, inboxId, name, channel, endpoints, teamId };
    }
    return state.exists ? { ...state, teamId: event.data.teamId } : state;
  },
};
