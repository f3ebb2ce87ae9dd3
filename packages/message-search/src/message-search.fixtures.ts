import type { DomainEvent } from '@hub/events';

// Customers and what they wrote, for the message search suite.

export const ali = '6a1c0000-0000-4000-8000-000000000001';
export const sara = '6a1c0000-0000-4000-8000-000000000002';
/** Ali's second record, made before he was recognised; merged into Ali below. */
export const aliAgain = '6a1c0000-0000-4000-8000-000000000003';
/** Asks to be forgotten. */
export const nasrin = '6a1c0000-0000-4000-8000-000000000004';

export const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 10, day, hour, 0, 0));

const emailDetails = (subject: string) => ({
  channel: 'email' as const,
  messageId: `<${subject.length}@example.ir>`,
  subject,
  from: 'someone@example.ir',
  to: ['support@shop.example'],
  cc: [],
  inReplyTo: null,
  references: [],
  attachments: [],
  attachmentsNotStored: [],
  autoReply: false,
  bounce: false,
  bouncedRecipients: [],
  defects: [],
});

interface Message {
  readonly id: string;
  readonly customerId: string;
  readonly day: number;
  readonly text: string;
  readonly subject?: string;
  readonly html?: string;
}

export const interaction = (m: Message): DomainEvent => ({
  type: 'InteractionRecorded',
  data: {
    interactionId: m.id,
    customerId: m.customerId,
    direction: 'inbound',
    conversationId: `thread-${m.id}`,
    contact: { kind: 'email', value: `${m.customerId.slice(-1)}@example.ir` },
    summary: (m.subject ?? m.text).slice(0, 100),
    text: m.text,
    html: m.html ?? null,
    details:
      m.subject === undefined
        ? { channel: 'generic', system: 'crm', externalId: m.id, attributes: {} }
        : emailDetails(m.subject),
  },
});

export const messages: readonly Message[] = [
  {
    id: 'ali-1',
    customerId: ali,
    day: 1,
    subject: 'سفارش گم شده',
    text: 'سلام، من علی کریمی هستم. سفارشم هنوز نرسیده است، می‌خواهم پیگیری کنم.',
  },
  { id: 'ali-2', customerId: ali, day: 3, text: 'پیگیری سفارش ۱۲۳۴: لطفاً زنگ بزنید' },
  {
    id: 'sara-1',
    customerId: sara,
    day: 2,
    subject: 'Where is my ORDER?',
    text: 'My order #7731 never came & I am <upset>.',
  },
  { id: 'sara-2', customerId: sara, day: 4, text: '', html: '<p>Refund for <b>kumquat</b> jam&nbsp;please</p>' },
  {
    id: 'sara-3',
    customerId: sara,
    day: 5,
    text: "50% off? a_b \\ back-slash (it's) 'quoted' <script>alert(1)</script>",
  },
  { id: 'again-1', customerId: aliAgain, day: 6, text: 'این پیام از حساب دوم علی است: quince invoice' },
  { id: 'nasrin-1', customerId: nasrin, day: 7, text: 'loquat complaint from Nasrin, please forget me' },
];
