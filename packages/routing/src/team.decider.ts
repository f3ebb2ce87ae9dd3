import type { Decider } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { Actor, DomainEventOf } from '@hub/events';

export type TeamEvent =
  | DomainEventOf<'TeamCreated'>
  | DomainEventOf<'TeamMemberAdded'>
  | DomainEventOf<'TeamMemberRemoved'>
  | DomainEventOf<'TeamCapChanged'>;

interface ByActor {
  readonly actor: Actor;
}
export type TeamCommand =
  | ({
      readonly kind: 'create';
      readonly teamId: string;
      readonly name: string;
      readonly maxOpenPerAgent: number;
    } & ByActor)
  | ({ readonly kind: 'add-member'; readonly userId: string } & ByActor)
  | ({ readonly kind: 'remove-member'; readonly userId: string } & ByActor)
  | ({ readonly kind: 'change-cap'; readonly maxOpenPerAgent: number } & ByActor);

export type TeamState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly teamId: string;
      readonly name: string;
      readonly members: readonly string[];
      readonly maxOpenPerAgent: number;
    };

const validCap = (cap: number) => {
  if (!Number.isInteger(cap) || cap < 1 || cap > 1000)
    throw new HubError('INVALID_INPUT', 'maxOpenPerAgent must be a whole number from 1 to 1000');
  return cap;
};

/** A team: who works its inboxes and how many open conversations auto-assignment gives each. */
export const teamDecider: Decider<TeamCommand, TeamEvent, TeamState> = {
  initialState: { exists: false },
  decide(command, state) {
    const { actor } = command;
    if (command.kind === 'create') {
      if (state.exists) return state.name === command.name ? [] : refuse(`team ${state.teamId} exists already`);
      const name = command.name.trim();
      if (name.length === 0 || name.length > 200)
        throw new HubError('INVALID_INPUT', 'a team name has 1 to 200 characters');
      const data = { teamId: command.teamId, name, maxOpenPerAgent: validCap(command.maxOpenPerAgent), actor };
      return [{ type: 'TeamCreated', data }];
    }
    if (!state.exists) throw new HubError('NOT_FOUND', 'no such team');
    const { teamId } = state;
    switch (command.kind) {
      case 'add-member':
        return state.members.includes(command.userId)
          ? []
          : [{ type: 'TeamMemberAdded', data: { teamId, userId: command.userId, actor } }];
      case 'remove-member':
        return state.members.includes(command.userId)
          ? [{ type: 'TeamMemberRemoved', data: { teamId, userId: command.userId, actor } }]
          : [];
      case 'change-cap': {
        const cap = validCap(command.maxOpenPerAgent);
        return cap === state.maxOpenPerAgent
          ? []
          : [{ type: 'TeamCapChanged', data: { teamId, maxOpenPerAgent: cap, actor } }];
      }
    }
  },
  evolve(state, event) {
    if (event.type === 'TeamCreated') {
      const { teamId, name, maxOpenPerAgent } = event.data;
      return { exists: true, teamId, name, maxOpenPerAgent, members: [] };
    }
    if (!state.exists) return state;
    switch (event.type) {
      case 'TeamMemberAdded':
        return { ...state, members: [...state.members, event.data.userId] };
      case 'TeamMemberRemoved':
        return { ...state, members: state.members.filter((member) => member !== event.data.userId) };
      case 'TeamCapChanged':
        return { ...state, maxOpenPerAgent: event.data.maxOpenPerAgent };
    }
  },
};

function refuse(detail: string): never {
  throw new HubError('INVALID_INPUT', detail);
}
