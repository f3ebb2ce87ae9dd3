import type { Decider } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { Actor, DomainEvent, DomainEventOf } from '@hub/events';
import type { UserRole } from './roles.ts';

export type UserEvent =
  | DomainEventOf<'UserCreated'>
  | DomainEventOf<'UserRoleChanged'>
  | DomainEventOf<'UserDeactivated'>
  | DomainEventOf<'UserReactivated'>
  | DomainEventOf<'UserPasswordChanged'>;

const userEventTypes = new Set<string>([
  'UserCreated',
  'UserRoleChanged',
  'UserDeactivated',
  'UserReactivated',
  'UserPasswordChanged',
]);
export const isUserEvent = (event: DomainEvent): event is UserEvent => userEventTypes.has(event.type);

/**
 * `otherActiveAdmins` is how many active admins there are besides this user, read by the caller:
 * one user's stream cannot know the others, and the hub must never lock itself out.
 */
export type UserCommand =
  | {
      readonly kind: 'CreateUser';
      readonly userId: string;
      readonly email: string;
      readonly displayName: string;
      readonly role: UserRole;
      readonly actor: Actor;
    }
  | { readonly kind: 'ChangeRole'; readonly role: UserRole; readonly otherActiveAdmins: number; readonly actor: Actor }
  | { readonly kind: 'Deactivate'; readonly otherActiveAdmins: number; readonly actor: Actor }
  | { readonly kind: 'Reactivate'; readonly actor: Actor }
  | { readonly kind: 'RecordPasswordChange'; readonly by: 'self' | 'admin' | 'first-start'; readonly actor: Actor };

export type UserState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly userId: string;
      readonly email: string;
      readonly displayName: string;
      readonly role: UserRole;
      readonly active: boolean;
    };

const lastAdmin = (what: string) =>
  new HubError('LAST_ADMIN', `${what} would leave the hub without an active admin; make another admin first`);

function decide(command: UserCommand, state: UserState): readonly UserEvent[] {
  if (command.kind === 'CreateUser') {
    if (state.exists) throw new HubError('ALREADY_EXISTS', `user ${command.userId} already exists`);
    const { userId, email, displayName, role, actor } = command;
    return [{ type: 'UserCreated', data: { userId, email, displayName, role, actor } }];
  }
  if (!state.exists) throw new HubError('NOT_FOUND', 'no such user');
  const { userId } = state;
  switch (command.kind) {
    case 'ChangeRole': {
      if (command.role === state.role) return [];
      if (state.role === 'admin' && state.active && command.otherActiveAdmins === 0) throw lastAdmin('this change');
      return [{ type: 'UserRoleChanged', data: { userId, from: state.role, to: command.role, actor: command.actor } }];
    }
    case 'Deactivate': {
      if (!state.active) return [];
      if (state.role === 'admin' && command.otherActiveAdmins === 0) throw lastAdmin('deactivating this admin');
      return [{ type: 'UserDeactivated', data: { userId, actor: command.actor } }];
    }
    case 'Reactivate':
      return state.active ? [] : [{ type: 'UserReactivated', data: { userId, actor: command.actor } }];
    case 'RecordPasswordChange':
      return [{ type: 'UserPasswordChanged', data: { userId, by: command.by, actor: command.actor } }];
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function evolve(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserCreated': {
      const { userId, email, displayName, role } = event.data;
      return { exists: true, userId, email, displayName, role, active: true };
    }
    case 'UserRoleChanged':
      return state.exists ? { ...state, role: event.data.to } : state;
    case 'UserDeactivated':
      return state.exists ? { ...state, active: false } : state;
    case 'UserReactivated':
      return state.exists ? { ...state, active: true } : state;
    case 'UserPasswordChanged':
      return state;
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

/** A user account: created once, its role changed, deactivated and reactivated; every event names its actor. */
export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  initialState: { exists: false },
  decide,
  evolve,
};
