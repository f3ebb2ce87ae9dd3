import type { ImapConnection } from '@hub/channels';

export interface ImapSettings {
  readonly connection: ImapConnection;
  readonly folders: readonly string[];
}

/**
 * `HUB_IMAP_URL`: `imaps://user:password@host[:993]/INBOX,Support` (TLS from the first byte), or
 * `imap://...` (STARTTLS; add `?tls=none` only for a server on loopback). Folders are
 * comma-separated after the host; INBOX when none.
 */
export function parseImapUrl(text: string): ImapSettings {
  const url = new URL(text);
  const implicit = url.protocol === 'imaps:';
  if (!implicit && url.protocol !== 'imap:') throw new Error('HUB_IMAP_URL must start with imaps:// or imap://');
  if (!url.username || !url.password) throw new Error('HUB_IMAP_URL needs a user and a password');
  const tls = implicit ? 'implicit' : url.searchParams.get('tls') === 'none' ? 'none' : 'starttls';
  const folders = decodeURIComponent(url.pathname.replace(/^\//, ''))
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  return {
    connection: {
      host: url.hostname,
      port: Number(url.port || (implicit ? 993 : 143)),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      tls,
    },
    folders: folders.length > 0 ? folders : ['INBOX'],
  };
}
