import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '@hub/events';

/** An interaction-shaped event of about 700 bytes of JSON, Persian text included. */
export const benchEvent = (n: number): EventToAppend => ({
  id: randomUUID(),
  type: 'InteractionRecorded',
  schemaVersion: 1,
  occurredAt: new Date(Date.UTC(2026, 10, 1) + n * 1000),
  correlationId: `corr-${n}`,
  metadata: { channel: 'email', source: 'bench' },
  data: {
    interactionId: `email:<${n}@mail.example.ir>`,
    customerId: '2b0f6a1e-8c1d-4f57-9a3e-5d7c9b1e2f40',
    direction: 'inbound',
    conversationId: `thread-${n % 97}`,
    contact: { kind: 'email', value: 'sara.rezaei@example.ir' },
    summary: 'پیگیری سفارش ۱۲۳۴ — ارسال هنوز انجام نشده است',
    text: 'سلام، سفارش شماره ۱۲۳۴ را دو هفته پیش ثبت کردم و هنوز ارسال نشده است. لطفاً وضعیت را اعلام کنید. Thanks!',
    html: null,
    details: { channel: 'email', messageId: `<${n}@mail.example.ir>`, subject: 'سفارش ۱۲۳۴', attachments: [] },
  },
});

/** The raw baseline: the same columns as `event_store.events`, a primary key and nothing else. */
export const rawTableSql = `
  DROP TABLE IF EXISTS raw_events;
  CREATE TABLE raw_events (
    global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id text NOT NULL, stream_revision bigint NOT NULL, event_id uuid NOT NULL, event_type text NOT NULL,
    schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, causation_id text,
    correlation_id text, occurred_at timestamptz NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now()
  );`;

const columns =
  'stream_id, stream_revision, event_id, event_type, schema_version, data, metadata, causation_id, correlation_id, occurred_at';

/** A multi-row INSERT of `count` rows into raw_events, and its parameters. */
export function rawInsert(streamId: string, firstRevision: number, events: readonly EventToAppend[]) {
  const values: unknown[] = [];
  const tuples = events.map((e, i) => {
    values.push(
      streamId,
      firstRevision + i,
      e.id,
      e.type,
      e.schemaVersion,
      JSON.stringify(e.data),
      JSON.stringify(e.metadata ?? {}),
      e.causationId ?? null,
      e.correlationId ?? null,
      e.occurredAt,
    );
    const b = i * 10;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9}, $${b + 10})`;
  });
  return { text: `INSERT INTO raw_events (${columns}) VALUES ${tuples.join(', ')}`, values };
}

/** 50 customer streams per writer, so appends meet existing streams as they do in production. */
export const streamFor = (phase: string, writer: number, n: number) => `customer-${phase}-${writer}-${n % 50}`;
