import type { Decider } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { Actor } from '@hub/events';
import type {
  Assign,
  AttachInbound,
  AttachOutbound,
  ConversationCommand,
  ConversationEvent,
  RecordCsat,
} from './conversation.commands.ts';
import {
  type ConversationState,
  evolveConversation,
  initialConversationState,
  type OpenedConversation,
} from './conversation.state.ts';
import {
  CSAT_COMMENT_MAX_LENGTH,
  NOTE_MAX_LENGTH,
  normaliseLabel,
  requireInstant,
  requireOptionalId,
  requirePriority,
} from './conversation.values.ts';
import { parseMentions } from './mentions.ts';

const CUSTOMER: Actor = { kind: 'customer' };
const SNOOZE_SCHEDULER: Actor = { kind: 'system', process: 'snooze-scheduler' };

const conflict = (state: OpenedConversation, detail: string): HubError =>
  new HubError('CONVERSATION_CONFLICT', detail, { conversationId: state.conversationId, status: state.status });

function requireConversation(state: ConversationState): OpenedConversation {
  if (!state.exists) throw new HubError('NOT_FOUND', 'no such conversation');
  return state;
}

function requireReason(reason: string | null): string | null {
  if (reason !== null && reason.length > 1024) {
    throw new HubError('INVALID_INPUT', 'a reason is at most 1024 characters');
  }
  return reason;
}

/** The opening event, when the conversation has no stream yet. */
function openIfNew(
  command: AttachInbound | AttachOutbound,
  state: ConversationState,
  actor: Actor,
): ConversationEvent[] {
  if (state.exists) return [];
  const { conversationId, customerId, inboxId, subject, message } = command;
  return [
    {
      type: 'ConversationOpened',
      data: {
        conversationId,
        customerId,
        channel: message.channel,
        inboxId,
        // A spam subject can be any length; the first 1024 characters tell agents what it is about.
        subject: subject === null ? null : subject.slice(0, 1024),
        threadKeys: [...message.threadKeys],
        openedBy: message.interactionId,
        openedAt: requireInstant(message.occurredAt, 'occurredAt'),
        actor,
      },
    },
  ];
}

function attach(command: AttachInbound | AttachOutbound, state: ConversationState): ConversationEvent[] {
  const { message } = command;
  const direction = command.kind === 'AttachInbound' ? 'inbound' : 'outbound';
  const actor = command.kind === 'AttachInbound' ? CUSTOMER : command.actor;
  const now = requireInstant(command.now, 'now');
  if (message.interactionId.trim() === '') throw new HubError('INVALID_INPUT', 'a message needs its interaction id');
  // A redelivered interaction is already in the thread.
  if (state.exists && state.interactionIds.includes(message.interactionId)) return [];
  const conversationId = state.exists ? state.conversationId : command.conversationId;
  const events: ConversationEvent[] = [
    ...openIfNew(command, state, actor),
    {
      type: 'ConversationMessageAdded',
      data: {
        conversationId,
        interactionId: message.interactionId,
        direction,
        channel: message.channel,
        occurredAt: requireInstant(message.occurredAt, 'occurredAt'),
        threadKeys: [...message.threadKeys],
        actor,
      },
    },
  ];
  // The customer writing again wants an answer: whatever waited or was done is open again. Our
  // own replies leave the status as the agent set it.
  if (direction === 'inbound' && state.exists && state.status !== 'open') {
    events.push({
      type: 'ConversationReopened',
      data: {
        conversationId,
        from: state.status,
        reason: 'inbound-message',
        interactionId: message.interactionId,
        actor,
        at: now,
      },
    });
  }
  return events;
}

function assign(command: Assign, state: OpenedConversation): ConversationEvent[] {
  const agentId = requireOptionalId(command.agentId, 'agentId');
  const teamId = requireOptionalId(command.teamId, 'teamId');
  const previous = state.assignee;
  if (previous.agentId === agentId && previous.teamId === teamId) return [];
  const kind =
    agentId === null && teamId === null
      ? 'unassignment'
      : (previous.agentId !== null && previous.agentId !== agentId) ||
          (previous.teamId !== null && teamId !== null && previous.teamId !== teamId)
        ? 'transfer'
        : command.actor.kind === 'system'
          ? 'auto'
          : 'assignment';
  return [
    {
      type: 'ConversationAssigned',
      data: {
        conversationId: state.conversationId,
        agentId,
        teamId,
        previousAgentId: previous.agentId,
        previousTeamId: previous.teamId,
        kind,
        actor: command.actor,
        at: requireInstant(command.now, 'now'),
      },
    },
  ];
}

function recordCsat(command: RecordCsat, state: OpenedConversation): ConversationEvent[] {
  const { rating } = command;
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw new HubError('INVALID_INPUT', 'a rating is a whole number from 1 to 5', { rating });
  }
  const comment = command.comment?.trim() || null;
  if (comment !== null && comment.length > CSAT_COMMENT_MAX_LENGTH) {
    throw new HubError('INVALID_INPUT', `a rating's comment is at most ${CSAT_COMMENT_MAX_LENGTH} characters`);
  }
  if (state.csat.state === 'not-requested') throw conflict(state, 'no rating was asked for on this conversation');
  if (state.csat.state === 'recorded') throw conflict(state, 'this conversation was rated already');
  const at = requireInstant(command.now, 'now');
  return [
    { type: 'CsatRecorded', data: { conversationId: state.conversationId, rating, comment, actor: command.actor, at } },
  ];
}

function decideOnExisting(
  command: Exclude<ConversationCommand, AttachInbound | AttachOutbound>,
  state: OpenedConversation,
): ConversationEvent[] {
  const { conversationId } = state;
  const at = requireInstant(command.now, 'now');
  switch (command.kind) {
    case 'ChangeStatus': {
      const { status, actor } = command;
      if (status !== 'open' && status !== 'pending' && status !== 'resolved') {
        throw new HubError('INVALID_INPUT', 'status must be open, pending or resolved (snoozing needs a time)', {
          status,
        });
      }
      const reason = requireReason(command.reason);
      if (state.status === status) return [];
      return [
        { type: 'ConversationStatusChanged', data: { conversationId, status, snoozedUntil: null, actor, reason, at } },
      ];
    }
    case 'Snooze': {
      const until = requireInstant(command.until, 'until');
      if (command.until.getTime() <= command.now.getTime()) {
        throw new HubError('INVALID_INPUT', 'a conversation is snoozed until a time in the future', { until, now: at });
      }
      const reason = requireReason(command.reason);
      if (state.status === 'resolved')
        throw conflict(state, 'a resolved conversation cannot be snoozed; reopen it first');
      if (state.status === 'snoozed' && state.snoozedUntil === until) return [];
      return [
        {
          type: 'ConversationStatusChanged',
          data: { conversationId, status: 'snoozed', snoozedUntil: until, actor: command.actor, reason, at },
        },
      ];
    }
    case 'WakeUp': {
      if (state.status !== 'snoozed' || state.snoozedUntil === null) return [];
      if (Date.parse(state.snoozedUntil) > command.now.getTime()) return [];
      return [
        {
          type: 'ConversationReopened',
          data: {
            conversationId,
            from: 'snoozed',
            reason: 'snooze-expired',
            interactionId: null,
            actor: SNOOZE_SCHEDULER,
            at,
          },
        },
      ];
    }
    case 'SetPriority': {
      const priority = requirePriority(command.priority);
      if (state.priority === priority) return [];
      return [{ type: 'ConversationPriorityChanged', data: { conversationId, priority, actor: command.actor, at } }];
    }
    case 'AddLabel': {
      const label = normaliseLabel(command.label);
      if (state.labels.includes(label)) return [];
      return [{ type: 'ConversationLabelAdded', data: { conversationId, label, actor: command.actor, at } }];
    }
    case 'RemoveLabel': {
      const label = normaliseLabel(command.label);
      if (!state.labels.includes(label)) return [];
      return [{ type: 'ConversationLabelRemoved', data: { conversationId, label, actor: command.actor, at } }];
    }
    case 'AddNote': {
      const { noteId, actor } = command;
      if (noteId.trim() === '') throw new HubError('INVALID_INPUT', 'a note needs its id');
      const text = command.text.trim();
      if (text.length === 0 || text.length > NOTE_MAX_LENGTH) {
        throw new HubError('INVALID_INPUT', `a note is 1 to ${NOTE_MAX_LENGTH} characters`, { length: text.length });
      }
      // The same note sent again (a retried request) is written once.
      if (state.noteIds.includes(noteId)) return [];
      const mentions = parseMentions(text, command.knownHandles);
      return [{ type: 'ConversationNoteAdded', data: { conversationId, noteId, text, mentions, actor, at } }];
    }
    case 'Assign':
      return assign(command, state);
    case 'RequestCsat': {
      if (state.status !== 'resolved')
        throw conflict(state, 'a rating is asked for only once the conversation is resolved');
      // Once per resolution: a repeated trigger for the same resolution sends nothing more.
      if (state.csat.state !== 'not-requested' && state.csat.resolution === state.resolutions) return [];
      return [{ type: 'CsatRequested', data: { conversationId, channel: state.channel, actor: command.actor, at } }];
    }
    case 'RecordCsat':
      return recordCsat(command, state);
    default:
      return command satisfies never;
  }
}

/** The Conversation aggregate: stream `conversation-<id>`. */
export const conversationDecider: Decider<ConversationCommand, ConversationEvent, ConversationState> = {
  initialState: initialConversationState,
  decide(command, state) {
    if (command.kind === 'AttachInbound' || command.kind === 'AttachOutbound') return attach(command, state);
    return decideOnExisting(command, requireConversation(state));
  },
  evolve: evolveConversation,
};
