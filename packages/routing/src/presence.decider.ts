import type { Decider } from '@hub/decider';
import type { Actor, DomainEventOf, Presence } from '@hub/events';

export type PresenceEvent = DomainEventOf<'AgentPresenceChanged'>;
export interface SetPresence {
  readonly userId: string;
  readonly presence: Presence;
  /** The agent themself, or a supervisor. */
  readonly actor: Actor;
}

/** An agent's presence; new agents are `away` until they say otherwise. */
export const presenceDecider: Decider<SetPresence, PresenceEvent, Presence> = {
  initialState: 'away',
  decide: (command, current) =>
    command.presence === current
      ? []
      : [
          {
            type: 'AgentPresenceChanged',
            data: { userId: command.userId, presence: command.presence, actor: command.actor },
          },
        ],
  evolve: (_state, event) => event.data.presence,
};
