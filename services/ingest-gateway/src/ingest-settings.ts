import type { CdrLayout, WebFormMapping } from '@hub/channels';
import type { CountryCode } from '@hub/customer-identity';
import type { WidgetSettings } from './widget/widget-settings.ts';

/** A web form declared in the forms file (`HUB_WEBFORMS_FILE`): its mapping, and where browsers go after. */
export interface WebFormDefinition extends WebFormMapping {
  /** Where a browser post is redirected after acceptance (303). */
  readonly thankYouUrl?: string;
}

/** Everything the channel adapters read from configuration; secrets only from here. */
export interface IngestSettings {
  /** The URL providers call us on (`HUB_PUBLIC_URL`), used to verify Twilio's signature. */
  readonly publicUrl: string;
  /** Bearer token of the email, cdr, calls and generic endpoints (`HUB_CHANNEL_TOKEN`). */
  readonly channelToken: string;
  readonly twilioAuthToken: string | undefined;
  readonly metaAppSecret: string | undefined;
  readonly metaVerifyToken: string | undefined;
  readonly telegramSecretToken: string | undefined;
  /**
   * Signs what the website says its signed-in visitor is (`HUB_WIDGET_IDENTITY_SECRET`): when set,
   * a widget `identify` that names an email or phone must carry the HMAC of them made with it.
   */
  readonly widgetIdentitySecret: string | undefined;
  /** Region for national phone numbers without a country code (`HUB_PHONE_REGION`). */
  readonly defaultPhoneRegion: CountryCode | undefined;
  readonly webForms: readonly WebFormDefinition[];
  /** Per client address per minute, for the public web form endpoint. */
  readonly webFormRateLimitPerMinute: number;
  readonly maxBodyBytes: number;
  /** The column layout of posted Asterisk CDR files when the request names none (`HUB_CDR_COLUMNS`). */
  readonly cdrLayout: CdrLayout;
  readonly maxAttachmentBytes: number;
  /** Public web form: each non-file field's value. */
  readonly maxFormFieldBytes: number;
  /** Public web form: all non-file fields together (the whole body when it has no files). */
  readonly maxFormFieldsBytes: number;
  readonly widget: Partial<WidgetSettings>;
}

export const defaultIngestSettings: IngestSettings = Object.freeze({
  publicUrl: 'http://127.0.0.1:3000',
  channelToken: '',
  twilioAuthToken: undefined,
  metaAppSecret: undefined,
  metaVerifyToken: undefined,
  telegramSecretToken: undefined,
  widgetIdentitySecret: undefined,
  defaultPhoneRegion: undefined,
  webForms: [],
  webFormRateLimitPerMinute: 30,
  maxBodyBytes: 25 * 1024 * 1024,
  cdrLayout: { kind: 'cdr_csv' } as const,
  maxAttachmentBytes: 10 * 1024 * 1024,
  // A person types a few kilobytes into a form; only files need megabytes.
  maxFormFieldBytes: 32 * 1024,
  maxFormFieldsBytes: 64 * 1024,
  widget: {},
});
