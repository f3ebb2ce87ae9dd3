import type { Decider } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { CustomerEvent, CustomerIdentifier, DecidedBy, DomainEventOf } from '@hub/events';

export { type CustomerEvent, isCustomerEvent } from '@hub/events';

import { identifierKey } from './identity-resolution.decider.ts';

type Evidence = DomainEventOf<'CustomersMerged'>['data']['evidence'];
type CandidateEvidence = DomainEventOf<'MergeCandidateDetected'>['data']['evidence'];

/** What an unmerge gives back to the restored customer: what its own stream says came from it. */
export interface MergedShare {
  readonly identifiers: readonly CustomerIdentifier[];
  readonly interactionIds: readonly string[];
}

/** One customer as its own stream tells it (both sides of a merge record it). */
export interface CustomerState extends MergedShare {
  readonly exists: boolean;
  readonly erased: boolean;
  /** The survivor this customer was merged into, while merged. */
  readonly mergedInto: string | null;
  /** Customers merged into this one (it is their survivor), while merged. */
  readonly mergedIds: readonly string[];
}

export type CustomerCommand =
  /** On the merged customer's stream: its history joins `survivorId`'s. */
  | {
      readonly kind: 'MergeInto';
      readonly survivorId: string;
      readonly evidence: Evidence;
      readonly decidedBy: DecidedBy;
    }
  /** On the survivor's stream: `mergedId` joins it. */
  | {
      readonly kind: 'AbsorbMerge';
      readonly mergedId: string;
      readonly evidence: Evidence;
      readonly decidedBy: DecidedBy;
    }
  /** On the restored customer's stream: it leaves `survivorId` with what its own stream recorded. */
  | {
      readonly kind: 'Unmerge';
      readonly side: 'restored';
      readonly survivorId: string;
      readonly reason: string;
      readonly decidedBy: DecidedBy;
    }
  /** On the survivor's stream: `restoredId` leaves with `returned` (decided on the restored side). */
  | {
      readonly kind: 'Unmerge';
      readonly side: 'survivor';
      readonly restoredId: string;
      readonly returned: MergedShare;
      readonly reason: string;
      readonly decidedBy: DecidedBy;
    }
  /** An identifier found to be this customer's outside an interaction (the identity repair). */
  | { readonly kind: 'LinkIdentifier'; readonly identifier: CustomerIdentifier }
  /** Customers that may be this one's person: offered to an agent with the evidence. */
  | {
      readonly kind: 'RecordMergeCandidates';
      readonly candidateIds: readonly string[];
      readonly evidence: CandidateEvidence;
    }
  /** Right to be forgotten; the destruction of the data follows the event. */
  | { readonly kind: 'Erase'; readonly requestedBy: string; readonly reason: string | null };

export const unknownCustomer: CustomerState = {
  exists: false,
  erased: false,
  mergedInto: null,
  mergedIds: [],
  identifiers: [],
  interactionIds: [],
};

const withIdentifier = (list: readonly CustomerIdentifier[], identifier: CustomerIdentifier) =>
  list.some((i) => identifierKey(i) === identifierKey(identifier)) ? list : [...list, identifier];

/**
 * The rules of one customer, decided on its own stream. A merge and an unmerge are told on both
 * sides, each side deciding with what its own stream knows; refusals are those agents met before
 * (`NOT_FOUND` for an unknown or erased customer, `INVALID_INPUT` for a merge that cannot be). A
 * command whose outcome already holds (a retried merge) decides nothing.
 */
export function customerDecider(customerId: string): Decider<CustomerCommand, CustomerEvent, CustomerState> {
  const active = (state: CustomerState) => {
    if (!state.exists) throw new HubError('NOT_FOUND', `no customer ${customerId}`, { customerId });
    if (state.erased) throw new HubError('NOT_FOUND', `customer ${customerId} was erased`, { customerId });
  };
  const notItself = (otherId: string) => {
    if (otherId === customerId) throw new HubError('INVALID_INPUT', 'a customer cannot be merged into itself');
  };

  return {
    initialState: unknownCustomer,

    decide(command, state): CustomerEvent[] {
      switch (command.kind) {
        case 'MergeInto': {
          notItself(command.survivorId);
          active(state);
          if (state.mergedInto === command.survivorId) return [];
          if (state.mergedInto !== null)
            throw new HubError('INVALID_INPUT', `customer ${customerId} is already merged into ${state.mergedInto}`);
          const { survivorId, evidence, decidedBy } = command;
          return [{ type: 'CustomersMerged', data: { survivorId, mergedId: customerId, evidence, decidedBy } }];
        }
        case 'AbsorbMerge': {
          notItself(command.mergedId);
          active(state);
          if (state.mergedInto !== null)
            throw new HubError('INVALID_INPUT', `customer ${customerId} was merged into ${state.mergedInto}`);
          if (state.mergedIds.includes(command.mergedId)) return [];
          const { mergedId, evidence, decidedBy } = command;
          return [{ type: 'CustomersMerged', data: { survivorId: customerId, mergedId, evidence, decidedBy } }];
        }
        case 'Unmerge': {
          active(state);
          const { reason, decidedBy } = command;
          if (command.side === 'restored') {
            if (state.mergedInto !== command.survivorId)
              throw new HubError('NOT_FOUND', `customer ${customerId} is not merged into ${command.survivorId}`);
            const data = {
              survivorId: command.survivorId,
              restoredId: customerId,
              identifiers: [...state.identifiers],
              interactionIds: [...state.interactionIds],
              reason,
              decidedBy,
            };
            return [{ type: 'CustomersUnmerged', data }];
          }
          // Nothing of theirs is held here (a retry that got this far, or a merge told on one side only).
          if (!state.mergedIds.includes(command.restoredId)) return [];
          const data = {
            survivorId: customerId,
            restoredId: command.restoredId,
            identifiers: [...command.returned.identifiers],
            interactionIds: [...command.returned.interactionIds],
            reason,
            decidedBy,
          };
          return [{ type: 'CustomersUnmerged', data }];
        }
        case 'LinkIdentifier': {
          active(state);
          const key = identifierKey(command.identifier);
          if (state.identifiers.some((i) => identifierKey(i) === key)) return [];
          return [
            {
              type: 'CustomerIdentifierLinked',
              data: { customerId, identifier: command.identifier, interactionId: null },
            },
          ];
        }
        case 'RecordMergeCandidates': {
          for (const candidateId of command.candidateIds) notItself(candidateId);
          active(state);
          if (command.candidateIds.length === 0) return [];
          const data = { customerId, candidateIds: [...command.candidateIds], evidence: command.evidence };
          return [{ type: 'MergeCandidateDetected', data }];
        }
        case 'Erase': {
          active(state);
          const { requestedBy, reason } = command;
          return [{ type: 'CustomerErased', data: { customerId, requestedBy, reason } }];
        }
      }
    },

    evolve(state, event): CustomerState {
      switch (event.type) {
        case 'CustomerRegistered':
          return event.data.customerId === customerId ? { ...state, exists: true } : state;
        case 'CustomerIdentifierLinked':
          if (event.data.customerId !== customerId) return state;
          return { ...state, exists: true, identifiers: withIdentifier(state.identifiers, event.data.identifier) };
        case 'CustomerIdentifierUnlinked': {
          if (event.data.customerId !== customerId) return state;
          const gone = identifierKey(event.data.identifier);
          return { ...state, identifiers: state.identifiers.filter((i) => identifierKey(i) !== gone) };
        }
        case 'InteractionRecorded': {
          if (event.data.customerId !== customerId) return state;
          const { interactionId } = event.data;
          if (state.interactionIds.includes(interactionId)) return { ...state, exists: true };
          return { ...state, exists: true, interactionIds: [...state.interactionIds, interactionId] };
        }
        case 'MergeCandidateDetected':
          return state;
        case 'CustomersMerged': {
          const { survivorId, mergedId } = event.data;
          if (mergedId === customerId) return { ...state, mergedInto: survivorId };
          if (survivorId === customerId && !state.mergedIds.includes(mergedId))
            return { ...state, mergedIds: [...state.mergedIds, mergedId] };
          return state;
        }
        case 'CustomersUnmerged': {
          const { survivorId, restoredId } = event.data;
          if (restoredId === customerId && state.mergedInto === survivorId) return { ...state, mergedInto: null };
          if (survivorId === customerId)
            return { ...state, mergedIds: state.mergedIds.filter((id) => id !== restoredId) };
          return state;
        }
        case 'CustomerErased':
          return event.data.customerId === customerId ? { ...state, erased: true } : state;
      }
    },
  };
}
