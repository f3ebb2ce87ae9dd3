import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSample, readFixture } from './fixtures/email-fixtures.ts';

const lenient = suite('a message that begins with a whitespace-only line is read, and the defect noted');

const SAMPLES = ['reply-thread.eml', 'persian-alternative.eml', 'japanese-iso-2022-jp.eml', 'pdf-attachment.eml'];
const PREFIXES = [' \r\n', '\t\n', '  \t\r\n \r\n'];

lenient('the same subject, sender, text and id as without the line', async () => {
  for (const name of SAMPLES) {
    const clean = await parseSample(readFixture(name));
    assert.equal(clean.details.defects, [], `${name}: no defect without the line`);
    for (const prefix of PREFIXES) {
      const what = `${name} after ${JSON.stringify(prefix)}`;
      const { interaction, details } = await parseSample(Buffer.concat([Buffer.from(prefix), readFixture(name)]));
      assert.equal(details.defects, ['FirstHeaderLineIsContinuationDefect'], what);
      assert.is(details.subject, clean.details.subject, what);
      assert.is(details.from, clean.details.from, what);
      assert.is(interaction.text, clean.interaction.text, what);
      assert.is(interaction.id, clean.interaction.id, what);
    }
  }
});

lenient('what is not a message is still refused, whitespace or not', async () => {
  for (const raw of [' \r\nthis is just prose, no headers at all\r\n', '\t\n\t\n', ' \r\n\r\nbody only']) {
    try {
      await parseSample(raw);
      assert.unreachable(`accepted ${JSON.stringify(raw)}`);
    } catch (error) {
      assert.is((error as { code?: string }).code, 'INVALID_INPUT', JSON.stringify(raw));
    }
  }
});

lenient.run();
