import { isHubError } from '@hub/errors';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderCanned, unknownPlaceholders } from './canned-response.ts';

test('placeholders are filled from the customer, the agent and the conversation', () => {
  const rendered = renderCanned('Hello {{customer.name}}, about "{{ conversation.subject }}": {{agent.name}} here.', {
    customer: { name: 'Sara Ahmadi' },
    agent: { name: 'Reza' },
    conversation: { subject: 'Late parcel' },
  });
  assert.is(rendered.text, 'Hello Sara Ahmadi, about "Late parcel": Reza here.');
});

test('a customer name with markup is escaped in the HTML variant and kept as written in the text', () => {
  const rendered = renderCanned('Dear {{customer.name}},\nthanks.', {
    customer: { name: '<img src=x onerror=alert(1)>' },
    agent: { name: 'Reza' },
  });
  assert.is(rendered.text, 'Dear <img src=x onerror=alert(1)>,\nthanks.');
  assert.is(rendered.html, 'Dear &lt;img src=x onerror=alert(1)&gt;,<br>\nthanks.');
});

test('an unknown or empty placeholder is refused, naming it, instead of reaching the customer', () => {
  try {
    renderCanned('Dear {{customer.nmae}}, {{agent.name}} {{customer.company}}', {
      customer: { name: 'Sara', company: '' },
      agent: { name: 'Reza' },
    });
    assert.unreachable('a template with unfilled placeholders was rendered');
  } catch (error) {
    assert.ok(isHubError(error, 'INVALID_INPUT'));
    assert.equal(error.context.missing, ['{{customer.nmae}}', '{{customer.company}}']);
  }
});

test('a template is checked against the placeholders the hub fills before it is saved', () => {
  assert.equal(unknownPlaceholders('Dear {{customer.name}}, {{ agent.name }} here ({{conversation.id}})'), []);
  assert.equal(unknownPlaceholders('Dear {{customer.nmae}} {{order.id}} {{customer.nmae}}'), [
    '{{customer.nmae}}',
    '{{order.id}}',
  ]);
});

test.run();
