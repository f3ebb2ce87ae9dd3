/**
 * Which fields of which events are personal, and what a reader sees once the customer's key is
 * gone. Replays stay deterministic: an erased field always reads as the same redacted value, and
 * the event still validates against its schema.
 */
export interface PersonalField {
  readonly path: readonly string[];
  /** Read instead of the value after erasure. */
  readonly redacted: unknown;
}

const field = (path: string, redacted: unknown): PersonalField => ({ path: path.split('.'), redacted });

export const ERASED = '[erased]';

export const personalFields: Readonly<Record<string, readonly PersonalField[]>> = {
  CustomerRegistered: [field('displayName', null)],
  CustomerIdentifierLinked: [field('identifier.value', ERASED)],
  CustomerIdentifierUnlinked: [field('identifier.value', ERASED), field('reason', '')],
  InteractionRecorded: [
    field('contact.value', ERASED),
    field('summary', ''),
    field('text', ''),
    field('html', null),
    // Whole details object: its channel stays readable (see sealDetails), the rest is personal.
    field('details', 'channel-only'),
  ],
  MergeCandidateDetected: [field('evidence.identifiers', [])],
  CustomersMerged: [field('evidence', [])],
  CustomersUnmerged: [field('identifiers', []), field('reason', '')],
  // Conversations: what the customer wrote or agents wrote about them. Thread keys hold message
  // ids and chat handles, which name the person too.
  ConversationOpened: [field('subject', null), field('threadKeys', [])],
  ConversationMessageAdded: [field('threadKeys', [])],
  ConversationNoteAdded: [field('text', ERASED)],
  CsatRecorded: [field('comment', null)],
  // Cases: what the customer asked or complained of, and what agents wrote about it.
  CaseOpened: [field('subject', ERASED), field('description', null), field('orderReference', ERASED)],
  CaseStatusChanged: [field('reason', null)],
  CaseNoteAdded: [field('text', ERASED)],
  // An erased customer's reply cannot be sent: its recipient reads as '[erased]'.
  ReplyRequested: [field('recipient', ERASED), field('subject', null), field('text', ''), field('html', null)],
};

export const personalFieldsOf = (type: string): readonly PersonalField[] => personalFields[type] ?? [];
