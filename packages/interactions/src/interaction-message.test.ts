import { randomBytes } from 'node:crypto';
import { isHubError } from '@hub/errors';
import { seal } from '@hub/personal-data';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { interactionId } from './interaction-id.ts';
import { decodeInteractionMessage, encodeInteractionMessage } from './interaction-message.ts';
import type { NormalizedInteraction } from './normalized-interaction.ts';

const message = suite('the interaction log record');
const transportKey = randomBytes(32);
const interaction: NormalizedInteraction = {
  id: interactionId('generic', 'crm', 'order-1234'),
  channel: 'generic',
  source: { system: 'crm', externalId: 'order-1234' },
  direction: 'inbound',
  occurredAt: '2026-11-30T08:15:00.000Z',
  contact: { identifiers: [{ kind: 'email', value: 'sara@example.ir' }], displayName: 'سارا رضایی' },
  threadKey: 'order-1234',
  summary: 'پیگیری سفارش',
  text: 'سلام، سفارش ۱۲۳۴ هنوز نرسیده است.',
  html: null,
  details: { channel: 'generic', system: 'crm', externalId: 'order-1234', attributes: {} },
};

const refusedAsPoison = (value: Buffer, pattern: RegExp) => {
  try {
    decodeInteractionMessage(value, transportKey);
  } catch (error) {
    assert.ok(isHubError(error, 'INVALID_INPUT'), String(error));
    assert.match((error as Error).message, pattern);
    return;
  }
  assert.unreachable('decoded');
};

message('encoded then decoded: the same interaction; nothing personal in clear in the record', () => {
  const record = encodeInteractionMessage({ interaction, rawPayloadId: 'p1' }, 'key-hash', transportKey);
  assert.is(record.headers['content-type'], 'application/vnd.hub.interaction+sealed;v=2');
  for (const clear of ['sara@example.ir', 'سارا', 'order-1234'])
    assert.not.ok(record.value.includes(Buffer.from(clear)), `${clear} is in clear`);
  assert.equal(decodeInteractionMessage(record.value, transportKey), { interaction, rawPayloadId: 'p1' });
});

message('a record sealed as text by an earlier version (v=1) is still read', () => {
  const legacy = Buffer.from(seal({ interaction, rawPayloadId: 'p1' }, 'log', transportKey));
  assert.equal(decodeInteractionMessage(legacy, transportKey), { interaction, rawPayloadId: 'p1' });
});

message('unsealed, tampered, under another key or not an interaction: refused as poison', () => {
  refusedAsPoison(Buffer.from(JSON.stringify({ interaction, rawPayloadId: 'p1' })), /not sealed/);
  const record = encodeInteractionMessage({ interaction, rawPayloadId: 'p1' }, 'k', transportKey).value;
  const tampered = Buffer.from(record);
  tampered[30] = (tampered[30] ?? 0) ^ 1;
  refusedAsPoison(tampered, /cannot be opened/);
  refusedAsPoison(
    encodeInteractionMessage({ interaction, rawPayloadId: 'p1' }, 'k', randomBytes(32)).value,
    /cannot be opened/,
  );
  const notAnInteraction = { interaction: { ...interaction, channel: 'fax' }, rawPayloadId: 'p1' };
  refusedAsPoison(encodeInteractionMessage(notAnInteraction as never, 'k', transportKey).value, /does not validate/);
});

message.run();
