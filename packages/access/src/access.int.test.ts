import { createHash, randomUUID } from 'node:crypto';
import { isHubError } from '@hub/errors';
import { createPostgresEventStore, eventStoreMigrations } from '@hub/event-store-postgres';
import { connectPostgres, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { accessMigrations } from './access.migrations.ts';
import { type Access, createAccess, ensureFirstAdmin } from './access.ts';
import { signedInUsers } from './sessions.ts';

interface Context {
  database: TestDatabase;
  db: SqlDatabase;
  access: Access;
}

const starts = suite<Context>('users on real PostgreSQL');

starts.before.each(async (context) => {
  context.database = await createTestDatabase({ prefix: 'access_users' });
  context.db = connectPostgres({ url: context.database.url, maxConnections: 6 });
  await runMigrations(context.db, [...eventStoreMigrations, ...accessMigrations]);
  const store = createPostgresEventStore(context.db);
  context.access = createAccess({
    db: context.db,
    store,
    now: () => new Date('2026-03-01T08:00:00Z'),
    newId: randomUUID,
    settings: { scryptCost: { N: 2 ** 10, r: 8, p: 1 } },
  });
});

starts.after.each(async ({ db, database }) => {
  await db.close();
  await database.drop();
});

starts(
  'of processes starting together, one creates the first admin and only it makes a password',
  async ({ access }) => {
    let asked = 0;
    const admin = {
      email: 'admin@localhost',
      password: async () => {
        asked += 1;
        return `generated-password-${asked}`;
      },
    };
    const results = await Promise.all([1, 2, 3, 4].map(() => ensureFirstAdmin(access, admin)));
    assert.is(results.filter(Boolean).length, 1);
    assert.is(asked, 1);
    const users = await access.users.list();
    assert.is(users.length, 1);
    assert.is(users[0]?.role, 'admin');
    const signedIn = await access.sessions.signIn('admin@localhost', 'generated-password-1', '127.0.0.1');
    assert.is(signedIn.user.email, 'admin@localhost');
  },
);

starts('two admins demoting each other at once: one change wins, the hub keeps an admin', async ({ access }) => {
  const system = { kind: 'system', process: 'test' } as const;
  const a = await access.users.create(system, { email: 'a@example.ir', displayName: 'A', role: 'admin' });
  const b = await access.users.create(system, { email: 'b@example.ir', displayName: 'B', role: 'admin' });
  const outcomes = await Promise.allSettled([
    access.users.change({ kind: 'agent', userId: a.userId }, b.userId, { role: 'agent' }),
    access.users.change({ kind: 'agent', userId: b.userId }, a.userId, { role: 'agent' }),
  ]);
  const refused = outcomes.filter((o) => o.status === 'rejected' && isHubError(o.reason, 'LAST_ADMIN'));
  assert.is(refused.length, 1);
  const admins = (await access.users.list()).filter((user) => user.role === 'admin' && user.active);
  assert.is(admins.length, 1);
  const history = await access.users.fromHistory(admins[0]?.userId ?? '');
  assert.ok(history.state.exists && history.state.role === 'admin', 'the stream agrees with the read model');
});

starts('two processes each demoting the other admin at once: one wins', async ({ access, db }) => {
  const system = { kind: 'system', process: 'test' } as const;
  const a = await access.users.create(system, { email: 'a@example.ir', displayName: 'A', role: 'admin' });
  const b = await access.users.create(system, { email: 'b@example.ir', displayName: 'B', role: 'admin' });
  // A second hub process: its own in-process queue, the same database.
  const elsewhere = createAccess({
    db,
    store: createPostgresEventStore(db),
    now: () => new Date('2026-03-01T08:00:00Z'),
    newId: randomUUID,
  });
  const outcomes = await Promise.allSettled([
    access.users.change({ kind: 'agent', userId: a.userId }, b.userId, { active: false }),
    elsewhere.users.change({ kind: 'agent', userId: b.userId }, a.userId, { active: false }),
  ]);
  assert.is(outcomes.filter((o) => o.status === 'rejected' && isHubError(o.reason, 'LAST_ADMIN')).length, 1);
  assert.is((await access.users.list()).filter((user) => user.role === 'admin' && user.active).length, 1);
});

starts('an email is taken whatever its case, and a refused creation leaves nothing behind', async ({ access, db }) => {
  const system = { kind: 'system', process: 'test' } as const;
  await access.users.create(system, { email: 'Sara@Example.ir', displayName: 'Sara', role: 'agent' });
  try {
    await access.users.create(system, { email: 'sara@example.IR', displayName: 'Sara 2', role: 'agent' });
    assert.unreachable('a taken email was accepted');
  } catch (error) {
    assert.ok(isHubError(error, 'ALREADY_EXISTS'), String(error));
  }
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM event_store.events');
  assert.is(Number(rows[0]?.n), 1, 'one UserCreated only');
});

starts(
  'one client trying many emails is stopped after 20 failures; other clients still sign in',
  async ({ access }) => {
    const system = { kind: 'system', process: 'test' } as const;
    const user = await access.users.create(system, {
      email: 'nima@example.ir',
      displayName: 'Nima',
      role: 'agent',
      password: 'nima-password-long',
    });
    for (let i = 0; i < 20; i++) {
      try {
        await access.sessions.signIn(`guess-${i}@example.ir`, 'whatever-it-is', '203.0.113.9');
        assert.unreachable();
      } catch (error) {
        assert.ok(isHubError(error, 'UNAUTHENTICATED'), String(error));
      }
    }
    try {
      await access.sessions.signIn('nima@example.ir', 'nima-password-long', '203.0.113.9');
      assert.unreachable('the guessing client was let in');
    } catch (error) {
      assert.ok(isHubError(error, 'RATE_LIMITED'), String(error));
      assert.is(error.context.retryAfterSeconds, 900);
    }
    const other = await access.sessions.signIn('nima@example.ir', 'nima-password-long', '198.51.100.4');
    assert.is(other.user.userId, user.userId);
  },
);

starts(
  'a checked session is trusted for sessionCacheMs; sign-out, deactivation and a role change here apply at once',
  async ({ db }) => {
    const cached = createAccess({
      db,
      store: createPostgresEventStore(db),
      now: () => new Date('2026-03-01T08:00:00Z'),
      newId: randomUUID,
      settings: { scryptCost: { N: 2 ** 10, r: 8, p: 1 }, sessionCacheMs: 300 },
    });
    const system = { kind: 'system', process: 'test' } as const;
    const make = async (email: string) => {
      await cached.users.create(system, { email, displayName: email, role: 'agent', password: 'long-enough-pw-1' });
      return (await cached.sessions.signIn(email, 'long-enough-pw-1', '127.0.0.1')).token;
    };
    // Ended by another process (here: the row deleted): trusted until the cache time passes.
    const elsewhere = await make('elsewhere@example.ir');
    assert.is((await cached.sessions.authenticate(elsewhere))?.role, 'agent');
    await db.query('DELETE FROM access.sessions');
    assert.is((await cached.sessions.authenticate(elsewhere))?.role, 'agent', 'answered from memory');
    await new Promise((resolve) => setTimeout(resolve, 350));
    assert.is(await cached.sessions.authenticate(elsewhere), undefined, 'checked again after sessionCacheMs');

    const signedOut = await make('out@example.ir');
    const principal = await cached.sessions.authenticate(signedOut);
    assert.ok(principal?.kind === 'user');
    await cached.sessions.signOut(principal.sessionDigest);
    assert.is(await cached.sessions.authenticate(signedOut), undefined, 'signed out here: refused at once');

    const deactivated = await make('off@example.ir');
    const off = await cached.sessions.authenticate(deactivated);
    assert.ok(off?.kind === 'user');
    await cached.users.change(system, off.userId, { active: false });
    assert.is(await cached.sessions.authenticate(deactivated), undefined, 'deactivated here: refused at once');

    const promoted = await make('up@example.ir');
    const before = await cached.sessions.authenticate(promoted);
    assert.ok(before?.kind === 'user');
    await cached.users.change(system, before.userId, { role: 'supervisor' });
    assert.is((await cached.sessions.authenticate(promoted))?.role, 'supervisor', 'the new role at once');
  },
);

starts(
  'who is signed in: a live session counts; a signed-out, expired or deactivated user does not',
  async (context) => {
    const { access, db } = context;
    const system = { kind: 'system', process: 'test' } as const;
    const at = new Date('2026-03-01T08:00:00Z');
    const user = async (name: string) => {
      const email = `${name}@example.ir`;
      const made = await access.users.create(system, {
        email,
        displayName: name,
        role: 'agent',
        password: 'long-enough-pw-1',
      });
      return { userId: made.userId, session: await access.sessions.signIn(email, 'long-enough-pw-1', '127.0.0.1') };
    };
    const [live, twice, out, expired, off] = await Promise.all(['live', 'twice', 'out', 'expired', 'off'].map(user));
    assert.ok(live && twice && out && expired && off);
    await access.sessions.signIn('twice@example.ir', 'long-enough-pw-1', '127.0.0.1');
    await access.sessions.signOut(createHash('sha256').update(twice.session.token).digest('hex'));
    await access.sessions.signOut(createHash('sha256').update(out.session.token).digest('hex'));
    await db.query('UPDATE access.sessions SET expires_at = $2 WHERE user_id = $1', [expired.userId, at]);
    await access.users.change(system, off.userId, { active: false });
    const ids = [live, twice, out, expired, off].map((u) => u.userId);
    assert.equal(
      [...(await signedInUsers(db, ids, at))].sort(),
      [live.userId, twice.userId].sort(),
      'the live one, and the one with a second session left',
    );
    assert.equal([...(await signedInUsers(db, [], at))], []);
  },
);

starts('a check that read a session before its sign-out answers its request but is not remembered', async ({ db }) => {
  let gate: Promise<void> | undefined;
  // The session read runs, then waits here before it answers: the sign-out happens in between.
  const gated: SqlDatabase = {
    ...db,
    query: async (text: string, params?: readonly unknown[], options?: { readonly name?: string }) => {
      const rows = await db.query(text, params, options);
      if (gate && text.includes('FROM access.sessions s')) await gate;
      return rows as never;
    },
  };
  const access = createAccess({
    db: gated,
    store: createPostgresEventStore(db),
    now: () => new Date('2026-03-01T08:00:00Z'),
    newId: randomUUID,
    settings: { scryptCost: { N: 2 ** 10, r: 8, p: 1 }, sessionCacheMs: 60_000 },
  });
  const system = { kind: 'system', process: 'test' } as const;
  await access.users.create(system, {
    email: 'race@example.ir',
    displayName: 'R',
    role: 'agent',
    password: 'long-enough-pw-1',
  });
  const { token } = await access.sessions.signIn('race@example.ir', 'long-enough-pw-1', '127.0.0.1');
  let open!: () => void;
  gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const inFlight = access.sessions.authenticate(token);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const digest = createHash('sha256').update(token).digest('hex');
  await access.sessions.signOut(digest);
  gate = undefined;
  open();
  assert.ok(await inFlight, 'the request that read it before the sign-out is answered');
  assert.is(await access.sessions.authenticate(token), undefined, 'the next one is refused');
});

starts.run();
