import { z } from 'zod';
import { ChatDetails } from './details/chat.details.ts';
import { EmailDetails } from './details/email.details.ts';
import { GenericDetails } from './details/generic.details.ts';
import { PhoneDetails } from './details/phone.details.ts';
import { SocialDetails } from './details/social.details.ts';
import { WebFormDetails } from './details/webform.details.ts';
import { Channel, CustomerId, CustomerIdentifier } from './values.ts';

/** What only one channel knows about an interaction; each channel owns its file under details/. */
export const InteractionDetails = z.discriminatedUnion('channel', [
  EmailDetails,
  WebFormDetails,
  PhoneDetails,
  ChatDetails,
  SocialDetails,
  GenericDetails,
]);
export type InteractionDetails = z.infer<typeof InteractionDetails>;

/** What remains of an interaction's details once its customer was erased. */
export const ErasedDetails = z.object({ channel: Channel, erased: z.literal(true) });

/** One contact on one channel, the unit of the unified timeline. */
export const InteractionRecorded = z.object({
  interactionId: z.string(),
  customerId: CustomerId,
  direction: z.enum(['inbound', 'outbound']),
  conversationId: z.string(),
  /** The identifier the customer used on this contact. */
  contact: CustomerIdentifier,
  summary: z.string().max(512),
  text: z.string(),
  /** Sanitised HTML, when the source had any. */
  html: z.string().nullable(),
  details: z.union([InteractionDetails, ErasedDetails]),
});
