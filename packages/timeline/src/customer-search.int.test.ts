import { createInMemoryEventStore } from '@hub/event-store';
import { customerStream, type DomainEvent, encodeEvent } from '@hub/events';
import { silentLogger } from '@hub/logger';
import { projectionMigrations, rebuildProjection, useReadModelSchema } from '@hub/projections';
import { connectPostgres, openPGlite, runMigrations, type SqlDatabase } from '@hub/sql';
import { createTestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type CustomerSearch, searchCustomers } from './customer-search.queries.ts';
import { timelineMigrations } from './timeline.migrations.ts';
import { applyTimelinePage, timelineProjection } from './timeline.page.ts';

// One suite, run on PGlite (the embedded hub) and on the machine's PostgreSQL.
const id = (n: number) => `5e4c1a00-0000-4a5b-8c9d-${String(n).padStart(12, '0')}`;
const ALI_KARIMI = 1;
const FATEMEH = 2;
const ALI = 3;
const ALIREZA = 4;
const KALI = 5;
const LITERAL = 6;
const DECOY = 7;
const ERASED = 8;
const SURVIVOR = 9;
const MERGED = 10;
const policy = { kind: 'policy' as const, policy: 'test' };

const customer = (n: number, name: string | null, ...identifiers: [string, string][]): [number, DomainEvent][] => [
  [n, { type: 'CustomerRegistered', data: { customerId: id(n), displayName: name, firstChannel: 'generic' } }],
  ...identifiers.map(([kind, value]): [number, DomainEvent] => [
    n,
    {
      type: 'CustomerIdentifierLinked',
      data: { customerId: id(n), identifier: { kind, value } as never, interactionId: null },
    },
  ]),
];

const history: [number, DomainEvent][] = [
  ...customer(ALI_KARIMI, 'علی کریمی', ['phone', '+989123456789'], ['email', 'ali.karimi@example.ir']),
  ...customer(FATEMEH, 'فاطمه احمدی', ['handle', 'telegram:4242']),
  ...customer(ALI, 'Ali', ['email', 'sara@example.com']),
  ...customer(ALIREZA, 'Alireza Ahmadi'),
  ...customer(KALI, null, ['email', 'kali@example.com']),
  ...customer(LITERAL, '50%_off\\shop'),
  ...customer(DECOY, '50 xxoff shop'),
  ...customer(ERASED, 'Erasmus Forgotten', ['email', 'erasmus@example.org'], ['phone', '+989351112233']),
  ...customer(SURVIVOR, 'Sepideh Rahimi', ['email', 'sepideh@example.ir']),
  ...customer(MERGED, 'Sepi Rahimy', ['email', 'sepi.old@example.ir']),
  [
    SURVIVOR,
    {
      type: 'CustomersMerged',
      data: { survivorId: id(SURVIVOR), mergedId: id(MERGED), evidence: [], decidedBy: policy },
    },
  ],
  [ERASED, { type: 'CustomerErased', data: { customerId: id(ERASED), requestedBy: 'agent-7', reason: null } }],
  ...Array.from({ length: 25 }, (_, n) => customer(100 + n, `Reza ${String(n).padStart(2, '0')}`)).flat(),
];

interface Engine {
  readonly name: string;
  open(): Promise<{ db: SqlDatabase; dispose(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'PGlite',
    async open() {
      const db = await openPGlite();
      return { db, dispose: () => db.close() };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const database = await createTestDatabase({ prefix: 'customer_search' });
      const db = connectPostgres({ url: database.url, maxConnections: 4 });
      return {
        db,
        async dispose() {
          await db.close();
          await database.drop();
        },
      };
    },
  },
];

interface Context {
  db: SqlDatabase;
  dispose(): Promise<void>;
}

const ids = async (db: SqlDatabase, text: string, options: Partial<CustomerSearch> = {}) =>
  (await searchCustomers(db, { text, limit: 50, ...options })).customers.map((c) => c.id);

function searchSuite(engine: Engine) {
  const s = suite<Context>(`customer search on ${engine.name}`);

  // Applied page by page as the projection runner does; the events come from an in-memory store
  // (what is under test is the read model, not the PostgreSQL store's visibility rules).
  const store = createInMemoryEventStore();

  s.before(async (context) => {
    const { db, dispose } = await engine.open();
    Object.assign(context, { db, dispose });
    await runMigrations(db, [...projectionMigrations, ...timelineMigrations]);
    for (const [owner, event] of history) {
      const meta = { id: crypto.randomUUID(), occurredAt: new Date(Date.UTC(2026, 10, 1, 9)) };
      await store.appendToStream(customerStream(id(owner)), [encodeEvent(event, meta)]);
    }
    const events = await store.readAll({ maxCount: 1_000 });
    for (let start = 0; start < events.length; start += 7) {
      await db.transaction(async (tx) => {
        await useReadModelSchema(tx, 'read_models');
        await applyTimelinePage(tx, events.slice(start, start + 7));
      });
    }
  });

  s.after(async ({ dispose }) => dispose());

  s('Persian names are found whatever keyboard, joiner or spelling typed them', async ({ db }) => {
    for (const typed of ['علی کریمی', 'علي كريمي', 'علی‌کریمی', 'كريمي', 'کریمی', 'عَلی کـریمی'])
      assert.equal(await ids(db, typed), [id(ALI_KARIMI)], typed);
    assert.equal(await ids(db, 'فاطمة'), [id(FATEMEH)], 'teh marbuta finds heh');
    assert.equal(await ids(db, 'Ａｌｉ'), await ids(db, 'ali'), 'full-width Latin is Latin');
    assert.equal((await ids(db, 'Ａｌｉ'))[0], id(ALI));
  });

  s('a phone in any written form finds its customer', async ({ db }) => {
    for (const typed of ['۰۹۱۲۳۴۵۶۷۸۹', '۰۹۱۲ ۳۴۵ ۶۷۸۹', '+98 912 345 6789', '00989123456789', '٣٤٥٦٧٨٩', '3456789'])
      assert.equal(await ids(db, typed), [id(ALI_KARIMI)], typed);
    assert.equal(await ids(db, '456789'), [], 'six digits are not enough to name a phone');
    assert.equal(await ids(db, 'anything', { phone: '+989123456789' }), [id(ALI_KARIMI)], 'as E.164 the route read it');
  });

  s('emails whole or by prefix, handles whole or by their id', async ({ db }) => {
    assert.equal(await ids(db, 'Sara@Example.com'), [id(ALI)]);
    assert.equal(await ids(db, 'sara@exa'), [id(ALI)]);
    assert.equal(await ids(db, 'telegram:4242'), [id(FATEMEH)]);
    assert.equal(await ids(db, '4242'), [id(FATEMEH)]);
  });

  s('exact matches first, then prefixes (closest first), then similar terms', async ({ db }) => {
    const page = await searchCustomers(db, { text: 'ali', limit: 10 });
    assert.equal(
      page.customers.map((c) => [c.displayName, c.match]),
      [
        ['Ali', 'exact'],
        ['Alireza Ahmadi', 'prefix'], // "ali" is 3/7 of the word "alireza"
        ['علی کریمی', 'prefix'], // and 3/20 of the email "ali.karimi@example.ir"
      ],
    );
    // An address is found whole or by its beginning, not by what it contains: the trigrams of
    // addresses at one domain are everybody's.
    assert.equal(await ids(db, 'kali'), [id(KALI)]);
    const similar = await searchCustomers(db, { text: 'Ahmady', limit: 10 });
    assert.equal(
      similar.customers.map((c) => [c.displayName, c.match]),
      [['Alireza Ahmadi', 'similar']],
      'a name spelt close to one is found as similar',
    );
  });

  s('pages follow each other with the cursor, none repeated, none left out', async ({ db }) => {
    const all = await ids(db, 'reza', { limit: 100 });
    assert.is(all.length, 26, 'the 25 Rezas and Alireza');
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchCustomers(db, { text: 'reza', limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...page.customers.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.equal(seen, all);
  });

  s('an erased customer is never found; a merged one is found as its survivor', async ({ db }) => {
    for (const typed of ['Erasmus', 'erasmus@example.org', '09351112233', 'Forgotten'])
      assert.equal(await ids(db, typed), [], typed);
    assert.equal(await ids(db, 'Sepi Rahimy'), [id(SURVIVOR)], 'by the merged name');
    assert.equal(await ids(db, 'sepi.old@example.ir'), [id(SURVIVOR)], 'by the merged email');
    assert.not.ok((await ids(db, 'sepi')).includes(id(MERGED)));
  });

  s('after a rebuild: the same answers, the erased customer still gone', async ({ db }) => {
    const before = await ids(db, 'reza', { limit: 100 });
    await rebuildProjection({ db, store, logger: silentLogger() }, timelineProjection, { batchSize: 9 });
    assert.equal(await ids(db, 'reza', { limit: 100 }), before);
    assert.equal(await ids(db, 'Erasmus'), []);
    assert.equal(await ids(db, 'كريمي'), [id(ALI_KARIMI)]);
    assert.equal(await ids(db, 'Sepi Rahimy'), [id(SURVIVOR)]);
  });

  s('LIKE, regular-expression and full-text characters are matched literally', async ({ db }) => {
    assert.equal(await ids(db, '50%_off'), [id(LITERAL)], 'not the decoy "50 xxoff shop"');
    // Punctuation is no trigram: "50 xxoff shop" is similar in spelling, and comes after.
    assert.equal((await ids(db, 'off\\shop'))[0], id(LITERAL));
    assert.equal(await ids(db, '50%'), [id(LITERAL)], 'as a prefix');
    for (const typed of ['%', '_', '\\', '.*', '(a|b)+', "&|!():*<>'", '[[:alpha:]]', '^$'])
      assert.equal(await ids(db, typed), [], typed);
  });

  s('nothing to search for, or a forged cursor, is refused as invalid input', async ({ db }) => {
    for (const typed of ['\u200c', 'ـــ', '  ', '\u0651']) {
      const error = await searchCustomers(db, { text: typed, limit: 5 }).catch((e: unknown) => e);
      assert.is((error as { code?: string }).code, 'INVALID_INPUT', JSON.stringify(typed));
    }
    const forged = await searchCustomers(db, { text: 'reza', limit: 5, cursor: 'bm90IGEgY3Vyc29y' }).catch((e) => e);
    assert.is((forged as { code?: string }).code, 'INVALID_INPUT');
  });

  s.run();
}

for (const engine of engines) searchSuite(engine);
