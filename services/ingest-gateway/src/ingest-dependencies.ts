import type { AttachmentStore, InteractionIntake } from '@hub/interactions';
import type { Logger } from '@hub/logger';
import type { IngestSettings } from './ingest-settings.ts';
import type { WidgetReplies } from './widget/widget-replies.ts';

/** What every channel's routes are given; nothing else reaches them. */
export interface IngestDependencies {
  readonly intake: InteractionIntake;
  readonly attachments: AttachmentStore;
  readonly settings: IngestSettings;
  readonly logger: Logger;
  /** The clock, so tests and replays control received times. */
  readonly now: () => Date;
  /** Agents' replies to widget visitors; without it the widget only takes messages in. */
  readonly widgetReplies?: WidgetReplies;
}
