import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { interactionId, uuidV5 } from './interaction-id.ts';

const ids = suite('deterministic interaction ids');

ids('uuidV5 matches the RFC 4122 reference value (DNS namespace, "python.org")', () => {
  assert.is(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
});

ids('the same provider message gives the same id; another channel or system gives another', () => {
  const a = interactionId('email', 'mta', '<abc@mail.example>');
  assert.is(interactionId('email', 'mta', '<abc@mail.example>'), a);
  assert.is.not(interactionId('email', 'imap', '<abc@mail.example>'), a);
  assert.is.not(interactionId('chat', 'mta', '<abc@mail.example>'), a);
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

ids.run();
