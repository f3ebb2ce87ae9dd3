import { readFileSync } from 'node:fs';
import { isHubError } from '@hub/errors';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HubEnvironment, loadConfig } from './config.ts';

const config = suite('hub configuration from the environment');

const sharedSecrets = {
  HUB_CHANNEL_TOKEN: 'channel-token-0123456789',
  HUB_AGENT_TOKEN: 'agent-token-0123456789ab',
  HUB_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
};

const refuses = (env: Record<string, string>, variable: RegExp) => {
  try {
    loadConfig(env);
    assert.unreachable('the configuration should have been refused');
  } catch (error) {
    assert.ok(isHubError(error, 'INVALID_CONFIGURATION'), String(error));
    assert.match(error.message, variable);
  }
};

config('an empty environment is the embedded default on port 3000', () => {
  const c = loadConfig({});
  assert.is(c.port, 3000);
  assert.is(c.eventStore, 'pglite');
  assert.is(c.kafkaBrokers, undefined);
  assert.ok(c.dataDir.endsWith('.hub-data'));
  assert.ok(Object.isFrozen(c));
});

config('Kafka topics default to a three-broker cluster: 3 replicas, 2 in sync; a single broker sets 1 and 1', () => {
  const c = loadConfig({ ...sharedSecrets, KAFKA_BROKERS: 'k1:9092' });
  assert.equal([c.kafkaReplicationFactor, c.kafkaMinInSyncReplicas], [3, 2]);
  const single = loadConfig({
    ...sharedSecrets,
    KAFKA_BROKERS: 'k1:9092',
    HUB_KAFKA_REPLICATION_FACTOR: '1',
    HUB_KAFKA_MIN_INSYNC_REPLICAS: '1',
  });
  assert.equal([single.kafkaReplicationFactor, single.kafkaMinInSyncReplicas], [1, 1]);
  refuses(
    { HUB_KAFKA_REPLICATION_FACTOR: '1' },
    /HUB_KAFKA_MIN_INSYNC_REPLICAS: at most HUB_KAFKA_REPLICATION_FACTOR \(2 > 1\)/,
  );
  refuses({ HUB_KAFKA_REPLICATION_FACTOR: '0' }, /HUB_KAFKA_REPLICATION_FACTOR/);
});

config('a writer group member is dropped 6 s after its last heartbeat unless configured otherwise', () => {
  const c = loadConfig({});
  assert.equal([c.kafkaSessionTimeoutMs, c.kafkaHeartbeatIntervalMs], [6_000, 1_000]);
  const slow = loadConfig({ HUB_KAFKA_SESSION_TIMEOUT_MS: '45000', HUB_KAFKA_HEARTBEAT_INTERVAL_MS: '3000' });
  assert.equal([slow.kafkaSessionTimeoutMs, slow.kafkaHeartbeatIntervalMs], [45_000, 3_000]);
  refuses({ HUB_KAFKA_HEARTBEAT_INTERVAL_MS: '2500' }, /HUB_KAFKA_HEARTBEAT_INTERVAL_MS: at most a third/);
});

config(
  "hubs with topics of their own on one Kafka cluster get writer groups of their own; the default topic's group is unchanged",
  () => {
    assert.is(loadConfig({}).kafkaWriterGroup, 'timeline-writer');
    assert.is(
      loadConfig({ HUB_KAFKA_TOPIC: 'staging.interactions' }).kafkaWriterGroup,
      'timeline-writer.staging.interactions',
    );
    assert.is(loadConfig({ HUB_KAFKA_WRITER_GROUP: 'acme-writers' }).kafkaWriterGroup, 'acme-writers');
    refuses({ HUB_KAFKA_WRITER_GROUP: 'a group' }, /HUB_KAFKA_WRITER_GROUP/);
  },
);

config('the event store follows what is configured, and HUB_EVENT_STORE overrides', () => {
  assert.is(loadConfig({ DATABASE_URL: 'postgres://hub@db:5432/hub' }).eventStore, 'postgres');
  assert.is(loadConfig({ ESDB_URL: 'esdb://kurrent:2113?tls=false' }).eventStore, 'esdb');
  assert.is(loadConfig({ DATABASE_URL: 'postgres://hub@db/hub', HUB_EVENT_STORE: 'pglite' }).eventStore, 'pglite');
  assert.equal(loadConfig({ ...sharedSecrets, KAFKA_BROKERS: 'k1:9092,k2:9092' }).kafkaBrokers, ['k1:9092', 'k2:9092']);
});

config('with Kafka, every process must be given the shared tokens and master key', () => {
  refuses(
    { KAFKA_BROKERS: 'k1:9092' },
    /HUB_CHANNEL_TOKEN: required when KAFKA_BROKERS is set; HUB_AGENT_TOKEN.*; HUB_MASTER_KEY/,
  );
  const c = loadConfig({ ...sharedSecrets, KAFKA_BROKERS: 'k1:9092' });
  assert.is(c.masterKey?.length, 32);
});

config('a master key that is not 32 bytes of base64 is refused', () => {
  refuses({ HUB_MASTER_KEY: Buffer.alloc(16).toString('base64') }, /HUB_MASTER_KEY: 32 bytes/);
});

config('a bad value is refused with the variable named, never its value', () => {
  refuses({ HUB_PORT: 'eighty' }, /HUB_PORT: /);
  for (const [name, value] of [
    ['HUB_PORT', 'eighty'],
    ['HUB_MASTER_KEY', 'c2VjcmV0LW1hc3Rlci1rZXktMTY='],
    ['HUB_IMAP_URL', 'imaps://sara:pa55-w0rd@mail.example.ir:99999/INBOX'],
  ] as const) {
    try {
      loadConfig({ [name]: value });
      assert.unreachable(`${name} accepted`);
    } catch (error) {
      assert.match(String((error as Error).message), name);
      assert.not.ok(
        JSON.stringify({ error, message: (error as Error).message }).includes(value),
        `${name}'s value shown`,
      );
    }
  }
  refuses({ HUB_PORT: '70000' }, /HUB_PORT/);
  refuses({ KAFKA_BROKERS: 'localhost' }, /KAFKA_BROKERS: a comma-separated list of host:port/);
  refuses({ ESDB_URL: 'http://kurrent:2113' }, /ESDB_URL/);
  refuses({ HUB_EVENT_STORE: 'mongodb' }, /HUB_EVENT_STORE/);
  refuses({ HUB_LOG_LEVEL: 'loud' }, /HUB_LOG_LEVEL/);
});

config('a chosen backend without its URL names the missing variable', () => {
  refuses({ HUB_EVENT_STORE: 'postgres' }, /DATABASE_URL: required when HUB_EVENT_STORE=postgres/);
  refuses({ HUB_EVENT_STORE: 'esdb' }, /ESDB_URL: required when HUB_EVENT_STORE=esdb/);
});

config('every bad variable is reported at once', () => {
  refuses({ HUB_PORT: '0', HUB_LOG_LEVEL: 'loud' }, /HUB_PORT.*; HUB_LOG_LEVEL/);
});

config('empty variables count as unset', () => {
  assert.is(loadConfig({ HUB_PORT: '', DATABASE_URL: '' }).eventStore, 'pglite');
});

config('roles: all by default; any split with Kafka; without it gateway and writer together, on PostgreSQL', () => {
  assert.equal(loadConfig({}).roles, ['gateway', 'writer', 'projector', 'api']);
  assert.equal(loadConfig({ ...sharedSecrets, KAFKA_BROKERS: 'k:9092', HUB_ROLES: 'writer,projector' }).roles, [
    'writer',
    'projector',
  ]);
  const postgres = { ...sharedSecrets, DATABASE_URL: 'postgres://db/hub' };
  assert.equal(loadConfig({ ...postgres, HUB_ROLES: 'projector' }).roles, ['projector']);
  assert.equal(loadConfig({ ...postgres, HUB_ROLES: 'gateway,writer,api' }).roles, ['gateway', 'writer', 'api']);
  refuses(
    { ...postgres, HUB_ROLES: 'gateway,api' },
    /HUB_ROLES: without KAFKA_BROKERS, gateway and writer run in the same process/,
  );
  refuses(
    { ...sharedSecrets, HUB_ROLES: 'projector' },
    /HUB_ROLES: roles in separate processes share a database: DATABASE_URL/,
  );
  refuses(
    { DATABASE_URL: 'postgres://db/hub', HUB_ROLES: 'projector' },
    /HUB_MASTER_KEY: required when HUB_ROLES splits the hub/,
  );
  refuses({ HUB_ROLES: 'gateway,cashier' }, /HUB_ROLES: a comma-separated list/);
});

config('the CDR column layout: cdr_csv by default, cdr_custom or a column list, a bad list refused at start', () => {
  assert.equal(loadConfig({}).cdrLayout, { kind: 'cdr_csv' });
  const custom = loadConfig({ HUB_CDR_COLUMNS: 'cdr_custom' }).cdrLayout;
  assert.is(custom.kind === 'columns' && custom.columns[0], 'clid');
  const listed = loadConfig({ HUB_CDR_COLUMNS: 'start,src,dst,disposition,duration,billsec,callid' }).cdrLayout;
  assert.is(listed.kind === 'columns' && listed.columns.length, 7);
  refuses(
    { HUB_CDR_COLUMNS: 'src,dst' },
    /HUB_CDR_COLUMNS: CDR columns: start, duration, billsec, disposition missing/,
  );
});

config("the README's configuration table lists every variable the hub reads", () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'));
  const listed = [...table.matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].map((m) => m[1] ?? '');
  // HUB_CACHE_DIR is read by the test kit and `pnpm kafka`, not by the hub.
  assert.equal(listed.filter((name) => name !== 'HUB_CACHE_DIR').sort(), Object.keys(HubEnvironment.shape).sort());
});

config('searches run two at a time by default; HUB_SEARCH_CONCURRENCY sets it, zero or a fraction refused', () => {
  assert.is(loadConfig({}).searchConcurrency, 2);
  assert.is(loadConfig({ HUB_SEARCH_CONCURRENCY: '6' }).searchConcurrency, 6);
  refuses({ HUB_SEARCH_CONCURRENCY: '0' }, /HUB_SEARCH_CONCURRENCY/);
  refuses({ HUB_SEARCH_CONCURRENCY: '1.5' }, /HUB_SEARCH_CONCURRENCY/);
});

config('HTTP timeouts: a headers timeout longer than the request timeout is refused', () => {
  refuses(
    { HUB_HTTP_HEADERS_TIMEOUT_MS: '30000', HUB_HTTP_REQUEST_TIMEOUT_MS: '10000' },
    /HUB_HTTP_HEADERS_TIMEOUT_MS/,
  );
  const c = loadConfig({ HUB_HTTP_REQUEST_TIMEOUT_MS: '30000', HUB_MAX_HEAP_USED_MB: '512' });
  assert.is(c.http.requestTimeoutMs, 30_000);
  assert.is(c.http.headersTimeoutMs, 20_000);
  assert.is(c.http.maxHeapUsedBytes, 512 * 1024 * 1024);
});

config.run();
