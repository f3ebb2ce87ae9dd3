import type { z } from 'zod';
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
import { ReplyDeliveryAttempted, ReplyDeliveryFailed, ReplyRequested, ReplySent } from './reply.events.ts';
import { identifierLinkedV1ToV2, type Upcaster } from './upcasters.ts';

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
  ReplyRequested: define({ version: 1, schema: ReplyRequested, upcasters: {} }),
  ReplyDeliveryAttempted: define({ version: 1, schema: ReplyDeliveryAttempted, upcasters: {} }),
  ReplySent: define({ version: 1, schema: ReplySent, upcasters: {} }),
  ReplyDeliveryFailed: define({ version: 1, schema: ReplyDeliveryFailed, upcasters: {} }),
} as const;

export type DomainEventType = keyof typeof eventCatalogue;

/** Every domain event as a `{ type, data }` pair, discriminated by `type`. */
export type DomainEvent = {
  [Type in DomainEventType]: { readonly type: Type; readonly data: z.infer<(typeof eventCatalogue)[Type]['schema']> };
}[DomainEventType];

export type DomainEventOf<Type extends DomainEventType> = Extract<DomainEvent, { type: Type }>;

export const isDomainEventType = (type: string): type is DomainEventType => Object.hasOwn(eventCatalogue, type);
