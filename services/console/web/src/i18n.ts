import { createContext, useContext } from 'react';

export type Locale = 'en' | 'fa';

const en = {
  appName: 'Interaction hub',
  signIn: 'Sign in',
  signOut: 'Sign out',
  email: 'Email',
  password: 'Password',
  signInFailed: 'Email or password is wrong.',
  signInLimited: 'Too many tries. Wait a few minutes and try again.',
  inbox: 'Inbox',
  open: 'Open',
  pending: 'Pending',
  snoozed: 'Snoozed',
  resolved: 'Resolved',
  all: 'All',
  mine: 'Mine',
  unassigned: 'Unassigned',
  breached: 'SLA breached',
  dueSoon: 'Due soon',
  due: 'Due',
  noConversations: 'No conversations here.',
  noSubject: '(no subject)',
  unknownCustomer: 'Unknown customer',
  messages: (n: number, shown: string) => `${shown} ${n === 1 ? 'message' : 'messages'}`,
  loadMore: 'Show more',
  conversation: 'Conversation',
  timeline: 'Customer timeline',
  earlier: 'Earlier contacts on every channel',
  reply: 'Reply',
  replyPlaceholder: 'Write a reply…',
  note: 'Internal note',
  notePlaceholder: 'A note only colleagues see…',
  addNote: 'Add note',
  send: 'Send',
  sendVia: 'Send via',
  assignToMe: 'Assign to me',
  unassign: 'Unassign',
  assignedTo: 'Assigned to',
  nobody: 'nobody',
  you: 'you',
  transferTo: 'Transfer to',
  priority: 'Priority',
  priorities: { none: 'None', low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent' } as Record<string, string>,
  labels: 'Labels',
  addLabel: 'Add label',
  removeLabel: 'Remove label',
  snooze: 'Snooze',
  snoozeFor: { hour: 'For an hour', tomorrow: 'Until tomorrow 09:00', week: 'For a week' } as Record<string, string>,
  presence: 'Presence',
  presences: { available: 'Available', busy: 'Busy', away: 'Away' } as Record<string, string>,
  customers: 'Customers',
  search: 'Search',
  searchPlaceholder: 'Name, email, phone or handle',
  noCustomers: 'No customer matches.',
  identifiers: 'Identifiers',
  channelsUsed: 'Channels',
  interactions: (n: number, shown: string) => `${shown} ${n === 1 ? 'contact' : 'contacts'}`,
  openConversations: 'Open conversations',
  openCases: 'Open cases',
  mergedWith: 'Merged with',
  match: { exact: 'exact', prefix: 'starts with', similar: 'similar spelling' } as Record<string, string>,
  resolve: 'Resolve',
  reopen: 'Reopen',
  back: 'Back to inbox',
  conflict:
    'A colleague changed this conversation meanwhile. What you see is now the current state; check it and try again.',
  inbound: 'Customer',
  outbound: 'Agent',
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  failed: 'failed',
  language: 'فارسی',
  live: 'Live',
  offline: 'Reconnecting…',
  loading: 'Loading…',
  error: 'Something went wrong',
  channel: { email: 'Email', webform: 'Web form', phone: 'Phone', chat: 'Chat', social: 'Social', generic: 'Other' },
  kind: {
    opened: 'Conversation opened',
    status: 'Status changed',
    reopened: 'Reopened',
    priority: 'Priority changed',
    'label-added': 'Label added',
    'label-removed': 'Label removed',
    assignment: 'Assigned',
    'csat-requested': 'Satisfaction survey sent',
  } as Record<string, string>,
};

type Messages = typeof en;

const fa: Messages = {
  appName: 'مرکز تعامل',
  signIn: 'ورود',
  signOut: 'خروج',
  email: 'ایمیل',
  password: 'گذرواژه',
  signInFailed: 'ایمیل یا گذرواژه درست نیست.',
  signInLimited: 'تلاش‌ها بیش از حد بود. چند دقیقه بعد دوباره تلاش کنید.',
  inbox: 'صندوق',
  open: 'باز',
  pending: 'در انتظار',
  snoozed: 'به تعویق افتاده',
  resolved: 'حل‌شده',
  all: 'همه',
  mine: 'مال من',
  unassigned: 'بدون مسئول',
  breached: 'تعهد نقض شده',
  dueSoon: 'نزدیک به موعد',
  due: 'موعد',
  noConversations: 'گفتگویی اینجا نیست.',
  noSubject: '(بدون موضوع)',
  unknownCustomer: 'مشتری ناشناس',
  messages: (_n: number, shown: string) => `${shown} پیام`,
  loadMore: 'بیشتر',
  conversation: 'گفتگو',
  timeline: 'تاریخچهٔ مشتری',
  earlier: 'تماس‌های پیشین در همهٔ کانال‌ها',
  reply: 'پاسخ',
  replyPlaceholder: 'پاسخ را بنویسید…',
  note: 'یادداشت داخلی',
  notePlaceholder: 'یادداشتی که فقط همکاران می‌بینند…',
  addNote: 'افزودن یادداشت',
  send: 'ارسال',
  sendVia: 'ارسال با',
  assignToMe: 'واگذاری به من',
  unassign: 'لغو واگذاری',
  assignedTo: 'مسئول',
  nobody: 'هیچ‌کس',
  you: 'شما',
  transferTo: 'انتقال به',
  priority: 'اولویت',
  priorities: { none: 'بدون', low: 'کم', medium: 'متوسط', high: 'زیاد', urgent: 'فوری' },
  labels: 'برچسب‌ها',
  addLabel: 'افزودن برچسب',
  removeLabel: 'برداشتن برچسب',
  snooze: 'تعویق',
  snoozeFor: { hour: 'یک ساعت', tomorrow: 'تا فردا ساعت ۹', week: 'یک هفته' },
  presence: 'حضور',
  presences: { available: 'در دسترس', busy: 'مشغول', away: 'غایب' },
  customers: 'مشتریان',
  search: 'جستجو',
  searchPlaceholder: 'نام، ایمیل، تلفن یا شناسه',
  noCustomers: 'مشتری‌ای پیدا نشد.',
  identifiers: 'شناسه‌ها',
  channelsUsed: 'کانال‌ها',
  interactions: (_n: number, shown: string) => `${shown} تماس`,
  openConversations: 'گفتگوهای باز',
  openCases: 'پرونده‌های باز',
  mergedWith: 'ادغام‌شده با',
  match: { exact: 'دقیق', prefix: 'آغاز با', similar: 'نگارش مشابه' },
  resolve: 'حل شد',
  reopen: 'بازگشایی',
  back: 'بازگشت به صندوق',
  conflict:
    'همکاری در این فاصله گفتگو را تغییر داد. آنچه می‌بینید اکنون وضعیت کنونی است؛ بررسی کنید و دوباره تلاش کنید.',
  inbound: 'مشتری',
  outbound: 'کارشناس',
  queued: 'در صف',
  sending: 'در حال ارسال',
  sent: 'ارسال شد',
  failed: 'ناموفق',
  language: 'English',
  live: 'زنده',
  offline: 'در حال اتصال دوباره…',
  loading: 'در حال بارگذاری…',
  error: 'خطایی رخ داد',
  channel: { email: 'ایمیل', webform: 'فرم وب', phone: 'تلفن', chat: 'گفتگو', social: 'شبکهٔ اجتماعی', generic: 'دیگر' },
  kind: {
    opened: 'گفتگو آغاز شد',
    status: 'وضعیت تغییر کرد',
    reopened: 'دوباره باز شد',
    priority: 'اولویت تغییر کرد',
    'label-added': 'برچسب افزوده شد',
    'label-removed': 'برچسب برداشته شد',
    assignment: 'واگذار شد',
    'csat-requested': 'نظرسنجی رضایت فرستاده شد',
  },
};

export const messages: Record<Locale, Messages> = { en, fa };

/** A channel's name in the locale; a channel the console does not know keeps its own name. */
export const channelLabel = (t: Messages, channel: string): string =>
  t.channel[channel as keyof Messages['channel']] ?? channel;

export interface LocaleContextValue {
  readonly locale: Locale;
  readonly t: Messages;
  setLocale(locale: Locale): void;
}

export const LocaleContext = createContext<LocaleContextValue>({ locale: 'en', t: en, setLocale: () => {} });
export const useLocale = () => useContext(LocaleContext);

/** Dates in the locale's calendar and digits: Persian (Solar Hijri) for fa, Gregorian for en. */
export function formatDateTime(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale === 'fa' ? 'fa-IR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(locale === 'fa' ? 'fa-IR' : 'en-GB').format(n);
}

/** The locale chosen before (a preference, not a secret), else the browser's. */
export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem('hub.locale');
  if (saved === 'en' || saved === 'fa') return saved;
  return navigator.language.startsWith('fa') ? 'fa' : 'en';
}
