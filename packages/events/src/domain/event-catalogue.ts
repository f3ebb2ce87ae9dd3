import type { z } from 'zod';
import { CannedResponseChanged, CannedResponseCreated, CannedResponseDeleted } from './canned-response.events.ts';
import {
  CaseConversationLinked,
  CaseConversationUnlinked,
  CaseNoteAdded,
  CaseNumberAllocated,
  CaseOpened,
  CaseOwnerAssigned,
  CaseStatusChanged,
} from './case.events.ts';
import { OrderLinesReturned, OrderPlaced, OrderRefunded, ProductChanged, ProductDefined } from './commerce.events.ts';
import {
  ConversationAssigned,
  ConversationLabelAdded,
  ConversationLabelRemoved,
  ConversationMessageAdded,
  ConversationNoteAdded,
  ConversationOpened,
  ConversationPriorityChanged,
  ConversationReopened,
  ConversationStatusChanged,
  CsatRecorded,
  CsatRequested,
} from './conversation.events.ts';
import {
  CustomerErased,
  CustomerIdentifierLinked,
  CustomerIdentifierUnlinked,
  CustomerRegistered,
  CustomersMerged,
  CustomersUnmerged,
  MergeCandidateDetected,
} from './customer.events.ts';
import { InteractionRecorded } from './interaction.events.ts';
import {
  ReplyDeliveryAttempted,
  ReplyDeliveryFailed,
  ReplyRequested,
  ReplyRetryRequested,
  ReplySent,
} from './reply.events.ts';
import {
  AgentPresenceChanged,
  InboxCreated,
  InboxTeamChanged,
  TeamCapChanged,
  TeamCreated,
  TeamMemberAdded,
  TeamMemberRemoved,
} from './routing.events.ts';
import { BusinessCalendarSaved, SlaBreached, SlaPolicySaved } from './sla.events.ts';
import { identifierLinkedV1ToV2, type Upcaster } from './upcasters.ts';
import { UserCreated, UserDeactivated, UserPasswordChanged, UserReactivated, UserRoleChanged } from './user.events.ts';

interface EventDefinition<Schema extends z.ZodType> {
  /** The schema version written today. */
  readonly version: number;
  readonly schema: Schema;
  /** `upcasters[n]` turns version n into n + 1. */
  readonly upcasters: Readonly<Record<number, Upcaster>>;
}

const define = <Schema extends z.ZodType>(d: EventDefinition<Schema>) => d;

export const eventCatalogue = {
  CustomerRegistered: define({ version: 1, schema: CustomerRegistered, upcasters: {} }),
  CustomerIdentifierLinked: define({
    version: 2,
    schema: CustomerIdentifierLinked,
    upcasters: { 1: identifierLinkedV1ToV2 },
  }),
  CustomerIdentifierUnlinked: define({ version: 1, schema: CustomerIdentifierUnlinked, upcasters: {} }),
  InteractionRecorded: define({ version: 1, schema: InteractionRecorded, upcasters: {} }),
  MergeCandidateDetected: define({ version: 1, schema: MergeCandidateDetected, upcasters: {} }),
  CustomersMerged: define({ version: 1, schema: CustomersMerged, upcasters: {} }),
  CustomersUnmerged: define({ version: 1, schema: CustomersUnmerged, upcasters: {} }),
  CustomerErased: define({ version: 1, schema: CustomerErased, upcasters: {} }),
  ConversationOpened: define({ version: 1, schema: ConversationOpened, upcasters: {} }),
  ConversationMessageAdded: define({ version: 1, schema: ConversationMessageAdded, upcasters: {} }),
  ConversationStatusChanged: define({ version: 1, schema: ConversationStatusChanged, upcasters: {} }),
  ConversationReopened: define({ version: 1, schema: ConversationReopened, upcasters: {} }),
  ConversationPriorityChanged: define({ version: 1, schema: ConversationPriorityChanged, upcasters: {} }),
  ConversationLabelAdded: define({ version: 1, schema: ConversationLabelAdded, upcasters: {} }),
  ConversationLabelRemoved: define({ version: 1, schema: ConversationLabelRemoved, upcasters: {} }),
  ConversationNoteAdded: define({ version: 1, schema: ConversationNoteAdded, upcasters: {} }),
  ConversationAssigned: define({ version: 1, schema: ConversationAssigned, upcasters: {} }),
  CsatRequested: define({ version: 1, schema: CsatRequested, upcasters: {} }),
  CsatRecorded: define({ version: 1, schema: CsatRecorded, upcasters: {} }),
  AgentPresenceChanged: define({ version: 1, schema: AgentPresenceChanged, upcasters: {} }),
  TeamCreated: define({ version: 1, schema: TeamCreated, upcasters: {} }),
  TeamMemberAdded: define({ version: 1, schema: TeamMemberAdded, upcasters: {} }),
  TeamMemberRemoved: define({ version: 1, schema: TeamMemberRemoved, upcasters: {} }),
  TeamCapChanged: define({ version: 1, schema: TeamCapChanged, upcasters: {} }),
  InboxCreated: define({ version: 1, schema: InboxCreated, upcasters: {} }),
  InboxTeamChanged: define({ version: 1, schema: InboxTeamChanged, upcasters: {} }),
  UserCreated: define({ version: 1, schema: UserCreated, upcasters: {} }),
  UserRoleChanged: define({ version: 1, schema: UserRoleChanged, upcasters: {} }),
  UserDeactivated: define({ version: 1, schema: UserDeactivated, upcasters: {} }),
  UserReactivated: define({ version: 1, schema: UserReactivated, upcasters: {} }),
  UserPasswordChanged: define({ version: 1, schema: UserPasswordChanged, upcasters: {} }),
  SlaBreached: define({ version: 1, schema: SlaBreached, upcasters: {} }),
  BusinessCalendarSaved: define({ version: 1, schema: BusinessCalendarSaved, upcasters: {} }),
  SlaPolicySaved: define({ version: 1, schema: SlaPolicySaved, upcasters: {} }),
  ReplyRequested: define({ version: 1, schema: ReplyRequested, upcasters: {} }),
  ReplyDeliveryAttempted: define({ version: 1, schema: ReplyDeliveryAttempted, upcasters: {} }),
  ReplySent: define({ version: 1, schema: ReplySent, upcasters: {} }),
  ReplyDeliveryFailed: define({ version: 1, schema: ReplyDeliveryFailed, upcasters: {} }),
  CaseNumberAllocated: define({ version: 1, schema: CaseNumberAllocated, upcasters: {} }),
  CaseOpened: define({ version: 1, schema: CaseOpened, upcasters: {} }),
  CaseStatusChanged: define({ version: 1, schema: CaseStatusChanged, upcasters: {} }),
  CaseOwnerAssigned: define({ version: 1, schema: CaseOwnerAssigned, upcasters: {} }),
  CaseConversationLinked: define({ version: 1, schema: CaseConversationLinked, upcasters: {} }),
  CaseConversationUnlinked: define({ version: 1, schema: CaseConversationUnlinked, upcasters: {} }),
  CaseNoteAdded: define({ version: 1, schema: CaseNoteAdded, upcasters: {} }),
  ReplyRetryRequested: define({ version: 1, schema: ReplyRetryRequested, upcasters: {} }),
  CannedResponseCreated: define({ version: 1, schema: CannedResponseCreated, upcasters: {} }),
  CannedResponseChanged: define({ version: 1, schema: CannedResponseChanged, upcasters: {} }),
  CannedResponseDeleted: define({ version: 1, schema: CannedResponseDeleted, upcasters: {} }),
  ProductDefined: define({ version: 1, schema: ProductDefined, upcasters: {} }),
  ProductChanged: define({ version: 1, schema: ProductChanged, upcasters: {} }),
  OrderPlaced: define({ version: 1, schema: OrderPlaced, upcasters: {} }),
  OrderLinesReturned: define({ version: 1, schema: OrderLinesReturned, upcasters: {} }),
  OrderRefunded: define({ version: 1, schema: OrderRefunded, upcasters: {} }),
} as const;

export type DomainEventType = keyof typeof eventCatalogue;

/** Every domain event as a `{ type, data }` pair, discriminated by `type`. */
export type DomainEvent = {
  [Type in DomainEventType]: { readonly type: Type; readonly data: z.infer<(typeof eventCatalogue)[Type]['schema']> };
}[DomainEventType];

export type DomainEventOf<Type extends DomainEventType> = Extract<DomainEvent, { type: Type }>;

export const isDomainEventType = (type: string): type is DomainEventType => Object.hasOwn(eventCatalogue, type);
