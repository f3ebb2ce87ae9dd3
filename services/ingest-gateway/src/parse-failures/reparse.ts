import {
  mapMetaWebhook,
  mapTelegramUpdate,
  parseEmail,
  parseMasterCsv,
  readKeptCdrRowContentType,
  TelegramUpdate,
  toPhoneInteraction,
} from '@hub/channels';
import { HubError, isHubError } from '@hub/errors';
import type { NormalizedInteraction, RawPayload } from '@hub/interactions';
import type { IngestDependencies } from '../ingest-dependencies.ts';

/**
 * Parses a kept raw payload again, with today's parsers. Only the channels that keep what they
 * cannot parse are here (email over HTTP, SMTP and IMAP; Telegram; Meta; a CDR file's bad rows): the others refuse bad
 * input at the door and the sender corrects it.
 */
export async function reparse(deps: IngestDependencies, raw: RawPayload): Promise<NormalizedInteraction[]> {
  try {
    switch (raw.channel) {
      case 'email':
        return [
          await parseEmail(raw.body, {
            system: 'mta',
            attachments: deps.attachments,
            maxAttachmentBytes: deps.settings.maxAttachmentBytes,
            receivedAt: raw.receivedAt,
          }),
        ];
      case 'chat':
        return mapTelegramUpdate(TelegramUpdate.parse(JSON.parse(raw.body.toString('utf8'))), {
          defaultPhoneRegion: deps.settings.defaultPhoneRegion,
        });
      case 'social':
        return mapMetaWebhook(JSON.parse(raw.body.toString('utf8'))).interactions;
      case 'phone': {
        // A bad row of a CDR file, kept alone with its request's settings; now internal means nothing to record.
        const settings = readKeptCdrRowContentType(raw.contentType);
        const rows = parseMasterCsv(raw.body.toString('utf8'), {
          ...settings,
          region: deps.settings.defaultPhoneRegion,
        });
        return rows.flatMap((row) => (row.kind === 'call' ? [toPhoneInteraction(row.call)] : []));
      }
      default:
        throw new HubError('INVALID_INPUT', `${raw.channel} payloads are not kept as parse failures, so none re-runs`);
    }
  } catch (error) {
    if (isHubError(error) && error.code !== 'INVALID_INPUT') throw error;
    throw new HubError('UNPARSEABLE_PAYLOAD', `still cannot be parsed: ${(error as Error).message}`);
  }
}
