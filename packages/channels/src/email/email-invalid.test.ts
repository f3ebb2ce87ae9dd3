import { HubError } from '@hub/errors';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { message, parseSample } from './fixtures/email-fixtures.ts';

const invalid = suite('bytes that are not a usable message are refused with INVALID_INPUT');

const refused = async (raw: Buffer | string, detail: RegExp) => {
  try {
    await parseSample(raw);
  } catch (error) {
    assert.instance(error, HubError);
    assert.is((error as HubError).code, 'INVALID_INPUT');
    assert.match((error as HubError).message, detail);
    return;
  }
  assert.unreachable(`accepted: ${String(raw).slice(0, 60)}`);
};

invalid('empty bytes', async () => {
  await refused('', /empty/);
});

invalid('prose, JSON-looking text and binary are not messages', async () => {
  await refused(
    'Hello, this is not an email at all.\nJust text.',
    /line 1 of the header section is not a header field/,
  );
  await refused(Buffer.from([0x00, 0x01, 0xff, 0x0a, 0x41, 0x3a, 0x20, 0x42]), /NUL bytes/);
  await refused(message('From: a@example.com', 'this line is no header', '', 'body'), /line 2/);
});

invalid('no From, or a From without an address', async () => {
  await refused(message('Subject: hello', '', 'body'), /From header is missing/);
  await refused(message('From: nobody', 'Subject: hello', '', 'body'), /From header holds no valid email address/);
});

invalid('folded header lines are fine', async () => {
  const { details } = await parseSample(message('From: a@example.com', 'Subject: a long', '  folded subject', '', 'x'));
  assert.is(details.subject, 'a long folded subject');
});

invalid.run();
