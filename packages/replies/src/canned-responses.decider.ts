import type { Decider } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { Actor, DomainEventOf } from '@hub/events';

export type CannedResponsesEvent =
  | DomainEventOf<'CannedResponseCreated'>
  | DomainEventOf<'CannedResponseChanged'>
  | DomainEventOf<'CannedResponseDeleted'>;

export interface CannedResponse {
  readonly cannedResponseId: string;
  readonly shortcut: string;
  readonly title: string;
  readonly text: string;
}

export type CannedResponsesCommand =
  | ({ readonly kind: 'create'; readonly actor: Actor } & CannedResponse)
  | ({ readonly kind: 'change'; readonly actor: Actor } & CannedResponse)
  | { readonly kind: 'delete'; readonly cannedResponseId: string; readonly actor: Actor };

/** Every live canned response by id, in the order they were written. */
export interface CannedResponsesState {
  readonly responses: ReadonlyMap<string, CannedResponse>;
}

const sameShortcut = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function refuseTakenShortcut(state: CannedResponsesState, wanted: CannedResponse) {
  for (const other of state.responses.values()) {
    if (other.cannedResponseId !== wanted.cannedResponseId && sameShortcut(other.shortcut, wanted.shortcut)) {
      throw new HubError('ALREADY_EXISTS', `the shortcut ${wanted.shortcut} is taken by "${other.title}"`, {
        cannedResponseId: other.cannedResponseId,
      });
    }
  }
}

const contentOf = (command: CannedResponse & { readonly actor: Actor }) => ({
  cannedResponseId: command.cannedResponseId,
  shortcut: command.shortcut,
  title: command.title,
  text: command.text,
  actor: command.actor,
});

/**
 * The team's canned responses, one aggregate: a shortcut is unique among them (case-insensitive),
 * so the whole set is decided together. Creating with an id already used, or writing what is
 * already there, records nothing (a double click is harmless).
 */
export const cannedResponsesDecider: Decider<CannedResponsesCommand, CannedResponsesEvent, CannedResponsesState> = {
  initialState: { responses: new Map() },
  decide(command, state) {
    const current = state.responses.get(command.cannedResponseId);
    switch (command.kind) {
      case 'create': {
        if (current) {
          if (current.shortcut === command.shortcut && current.title === command.title && current.text === command.text)
            return [];
          throw new HubError('ALREADY_EXISTS', `canned response ${command.cannedResponseId} exists already`);
        }
        refuseTakenShortcut(state, command);
        return [{ type: 'CannedResponseCreated', data: contentOf(command) }];
      }
      case 'change': {
        if (!current) throw new HubError('NOT_FOUND', `no canned response ${command.cannedResponseId}`);
        if (current.shortcut === command.shortcut && current.title === command.title && current.text === command.text)
          return [];
        refuseTakenShortcut(state, command);
        return [{ type: 'CannedResponseChanged', data: contentOf(command) }];
      }
      case 'delete': {
        if (!current) throw new HubError('NOT_FOUND', `no canned response ${command.cannedResponseId}`);
        return [
          { type: 'CannedResponseDeleted', data: { cannedResponseId: command.cannedResponseId, actor: command.actor } },
        ];
      }
    }
  },
  evolve(state, event) {
    const responses = new Map(state.responses);
    switch (event.type) {
      case 'CannedResponseCreated':
      case 'CannedResponseChanged': {
        const { actor: _actor, ...response } = event.data;
        responses.set(response.cannedResponseId, response);
        break;
      }
      case 'CannedResponseDeleted':
        responses.delete(event.data.cannedResponseId);
        break;
    }
    return { responses };
  },
};
