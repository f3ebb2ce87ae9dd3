import type { Logger } from '@hub/logger';
import { keepRunning, type ProvidedServer } from './server-source.ts';
import { startLocalDovecot } from './servers/dovecot-local.ts';

export interface ProvidedImap extends ProvidedServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** How to reach it: `implicit` for `imaps://`, `starttls` with `?tls=starttls`, else `none`. */
  readonly tls: 'implicit' | 'starttls' | 'none';
}

function fromUrl(text: string): ProvidedImap {
  const url = new URL(text);
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') {
    throw new Error(`IMAP_URL must be imap://user:password@host:port or imaps://…, got ${url.protocol}`);
  }
  const implicit = url.protocol === 'imaps:';
  return {
    host: url.hostname,
    port: Number(url.port || (implicit ? 993 : 143)),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    tls: implicit ? 'implicit' : url.searchParams.get('tls') === 'starttls' ? 'starttls' : 'none',
    source: 'configured',
    stop: keepRunning,
  };
}

/**
 * An IMAP account for tests: IMAP_URL (`imap://user:password@host:port`, the runner sets it to
 * the Dovecot it started), else a local Dovecot of its own.
 * Tests share the account, so each one works in folders of its own (see `uniqueName`).
 */
export async function provideImapServer(options: { logger?: Logger } = {}): Promise<ProvidedImap> {
  // A runner that could not provide Dovecot says why once; every test needing it fails with that.
  const missing = process.env.HUB_TEST_IMAP_MISSING;
  if (missing) throw new Error(missing);
  const configured = process.env.IMAP_URL;
  if (configured) return fromUrl(configured);
  const server = await startLocalDovecot(options);
  const { host, port, user, password } = server;
  return { host, port, user, password, tls: 'none', source: 'local', stop: server.stop };
}

/** The account as a URL (`imap://user:password@host:port`), for handing to test files. */
export function imapUrl({ host, port, user, password, tls }: ProvidedImap): string {
  const scheme = tls === 'implicit' ? 'imaps' : 'imap';
  const query = tls === 'starttls' ? '?tls=starttls' : '';
  return `${scheme}://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}${query}`;
}
