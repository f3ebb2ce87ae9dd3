import { isInternalExtension } from './call-party.ts';

// Applications that connect a caller to the switch itself, not to another party.
const DIALLING_APPS = new Set(['dial', 'queue', 'followme', 'originate']);

/**
 * Why a row is no customer's call, or null when it may be one. Asterisk writes a CDR for every
 * channel pair, so a real Master.csv is full of rows no customer took part in:
 * - the `;2` half of a `Local/` channel (queues, ring groups, follow-me): its `channel` is
 *   `Local/...`, and the customer's own row (the trunk's, whose `dstchannel` is the `;1` half)
 *   already records the call;
 * - an extension calling another extension;
 * - an extension dialling a feature code or a PBX extension (`*97`, `s`): voicemail, echo test,
 *   conference rooms; and an extension in an application with no far channel (`dstchannel`
 *   empty and `lastapp` not Dial or Queue: Playback, VoiceMailMain, ConfBridge...).
 * A failed Dial from an extension to a public number keeps `lastapp` Dial: an outbound attempt.
 */
export function internalCallReason(
  row: { channel: string; dstchannel: string; lastapp: string; caller: string; dst: string },
  pattern: RegExp,
): string | null {
  if (/^local\//i.test(row.channel.trim())) return 'a Local/ channel leg inside the PBX';
  if (!isInternalExtension(row.caller, pattern)) return null;
  if (isInternalExtension(row.dst, pattern)) return 'a call between two extensions';
  const dst = row.dst.trim();
  if (dst === '' || /^[*#]/.test(dst) || /^[a-z]+$/i.test(dst)) return 'an extension dialling a PBX feature';
  const app = row.lastapp.trim().toLowerCase();
  if (row.dstchannel.trim() === '' && app !== '' && !DIALLING_APPS.has(app)) {
    return `an extension in the ${row.lastapp.trim()} application`;
  }
  return null;
}
