import { isHubError } from '@hub/errors';
import { interactionId, NormalizedInteraction } from '@hub/interactions';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mapWidgetIdentify, mapWidgetMessage } from './widget-message.mapper.ts';

const visitor = { visitorId: '0f8fad5b-d9cb-469f-a165-70867728950e', pageUrl: 'https://shop.example/cart', name: null };
const at = new Date('2026-11-23T09:00:00Z');

const maps = suite('widget frames to interactions');

maps('a message: id from visitor and client message id, handle widget:<visitorId>', () => {
  const interaction = NormalizedInteraction.parse(mapWidgetMessage(visitor, 'm-1', 'سلام، وقت بخیر', at));
  assert.is(interaction.id, interactionId('chat', 'widget', `${visitor.visitorId}:m-1`));
  assert.is(interaction.text, 'سلام، وقت بخیر');
  assert.equal(interaction.contact.identifiers, [{ kind: 'handle', value: `widget:${visitor.visitorId}` }]);
  assert.is(interaction.details.channel === 'chat' && interaction.details.pageUrl, 'https://shop.example/cart');
});

maps('identify carries the handle and the normalised email and phone, as an unverified claim', () => {
  const claim = { email: ' Sara.Rezaei@Example.IR ', phone: '۰۹۱۲ ۱۲۳ ۴۵۶۷', name: 'سارا' };
  const interaction = NormalizedInteraction.parse(mapWidgetIdentify(visitor, 'id-1', claim, at, 'IR'));
  assert.equal(interaction.contact, {
    identifiers: [
      { kind: 'handle', value: `widget:${visitor.visitorId}` },
      { kind: 'email', value: 'sara.rezaei@example.ir' },
      { kind: 'phone', value: '+989121234567' },
    ],
    displayName: 'سارا',
    unverifiedClaim: true,
  });
  assert.equal(interaction.details.channel === 'chat' && interaction.details.identityClaim, {
    email: 'sara.rezaei@example.ir',
    phone: '+989121234567',
    name: 'سارا',
    verified: false,
  });
  const vouched = mapWidgetIdentify(visitor, 'id-1', { ...claim, verified: true }, at, 'IR');
  assert.is(vouched.details.channel === 'chat' && vouched.details.identityClaim?.verified, true);
  assert.is(vouched.contact.unverifiedClaim, undefined, 'signed by the website: as good as any channel');
});

maps('identify with a wrong email or with nothing is INVALID_INPUT', () => {
  for (const claim of [{ email: 'not-an-email' }, { phone: '12' }, {}]) {
    try {
      mapWidgetIdentify(visitor, 'id-2', claim, at);
      assert.unreachable(JSON.stringify(claim));
    } catch (error) {
      assert.ok(isHubError(error, 'INVALID_INPUT'), String(error));
    }
  }
});

maps.run();
