import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { type Logger, silentLogger } from '@hub/logger';
import { installCommand } from '../provision/debian-packages.ts';
import { waitFor } from '../wait-for.ts';
import { findFreePort } from './free-port.ts';
import { osUserIds, readLogTail, spawnOwned } from './owned-process.ts';
import { createWorkDir } from './work-dir.ts';

export interface LocalDovecot {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

/**
 * Debian's binary (packages `dovecot-core` and `dovecot-imapd`). Looked up on each call: the
 * runner may install it after this module was loaded.
 */
export const findDovecotBinary = (): string | undefined =>
  ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((path) => existsSync(path));

/** Answers once a LOGIN succeeds: the greeting alone comes before the auth process is up. */
function imapLoginWorks(host: string, port: number, user: string, password: string): Promise<true | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let seen = '';
    let sent = false;
    socket.setTimeout(2_000, () => socket.destroy(new Error('no IMAP answer in 2 s')));
    socket.on('error', reject);
    socket.on('close', () => resolve(undefined));
    socket.on('data', (chunk) => {
      seen += chunk.toString('latin1');
      if (!sent && /^\* OK .*ready/m.test(seen)) {
        sent = true;
        socket.write(`a1 LOGIN ${user} ${password}\r\n`);
      }
      const answer = /^a1 (OK|NO|BAD)/m.exec(seen)?.[1];
      if (!answer) return;
      socket.end('a2 LOGOUT\r\n');
      resolve(answer === 'OK' ? true : undefined);
    });
  });
}

function configuration(
  dir: string,
  port: number,
  mailUser: { name: string; group: string; uid: number; gid: number },
  root: boolean,
) {
  // Not root: every Dovecot process runs as us, and chroot (a root privilege) is off.
  const unprivileged = root
    ? ''
    : `default_internal_user = ${mailUser.name}\ndefault_internal_group = ${mailUser.group}\n` +
      `default_login_user = ${mailUser.name}\n` +
      'service imap-login {\n  chroot =\n}\nservice anvil {\n  chroot =\n}\n';
  return `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
# Plaintext LOGIN on loopback only: the test server is never reachable from elsewhere.
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = ${mailUser.uid}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${mailUser.uid} gid=${mailUser.gid} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
${unprivileged}`;
}

/**
 * A throw-away Dovecot IMAP server: its own configuration, a passwd-file user and maildirs in a
 * temporary folder, a free port on 127.0.0.1. Started as root, the master keeps root and the
 * mailbox processes run as the `dovecot` user; otherwise everything runs as the current user.
 */
export async function startLocalDovecot(options: { logger?: Logger } = {}): Promise<LocalDovecot> {
  const logger = options.logger ?? silentLogger();
  const dovecotBinary = findDovecotBinary();
  if (!dovecotBinary) {
    throw new Error(
      `no Dovecot binary: run \`${installCommand(['dovecot-core', 'dovecot-imapd'], process.getuid?.())}\`, or set IMAP_URL`,
    );
  }
  const root = process.getuid?.() === 0;
  const name = root ? 'dovecot' : userInfo().username;
  const group = execFileSync('id', ['-gn', name], { encoding: 'utf8' }).trim();
  const mailUser = { name, group, ...osUserIds(name) };
  const dir = await createWorkDir('hub-dovecot-');
  // mkdtemp makes the folder private to us; the mailbox processes (another user) must reach it.
  await chmod(dir, 0o755);
  await mkdir(join(dir, 'mail'));
  if (root) await chown(join(dir, 'mail'), mailUser.uid, mailUser.gid);
  const user = 'agent';
  const password = randomBytes(12).toString('hex');
  await writeFile(join(dir, 'users'), `${user}:{PLAIN}${password}\n`, { mode: 0o644 });
  const port = await findFreePort();
  const configFile = join(dir, 'dovecot.conf');
  await writeFile(configFile, configuration(dir, port, mailUser, root));

  const logFile = join(dir, 'dovecot.log');
  // SIGTERM on orphaning too: the master then stops its own children (auth, login, imap).
  const server = spawnOwned({
    command: dovecotBinary,
    args: ['-F', '-c', configFile],
    logFile: join(dir, 'master.out'),
    stopSignal: 'SIGTERM',
    orphanSignal: 'SIGTERM',
    removeOnExit: dir,
  });
  const stop = async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  const gone = new AbortController();
  void server.exited.then((how) => gone.abort(`dovecot ${how}`));
  const host = '127.0.0.1';
  try {
    await waitFor(() => imapLoginWorks(host, port, user, password), {
      timeoutMs: 30_000,
      what: `Dovecot to accept a LOGIN on ${host}:${port}`,
      signal: gone.signal,
    });
  } catch (error) {
    const tail = `${readLogTail(join(dir, 'master.out'))}\n${readLogTail(logFile)}`;
    await stop();
    throw new Error(`${(error as Error).message}\n--- Dovecot output ---\n${tail}`, { cause: error });
  }
  logger.info({ port }, 'local Dovecot IMAP server started');
  return { host, port, user, password, logFile, stop };
}
