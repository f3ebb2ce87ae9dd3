import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CsvReader, CsvTooLongRecordError, readCsvRecords } from './csv-records.ts';

const readAll = async (chunks: string[]) => {
  const records = [];
  for await (const r of readCsvRecords(
    (async function* () {
      for (const c of chunks) yield Buffer.from(c);
    })(),
  ))
    records.push(r);
  return records;
};

test('quotes, doubled quotes, commas and line breaks inside fields, CRLF and LF', async () => {
  const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\n1,,3\n\n';
  const records = await readAll([text]);
  assert.equal(
    records.map((r) => [r.row, r.line, r.fields]),
    [
      [1, 1, ['a', 'b', 'c']],
      [2, 2, ['x, y', 'say "hi"', 'two\nlines']],
      [3, 4, ['1', '', '3']],
    ],
  );
});

test('the same records whatever the chunking, multi-byte characters split across chunks included', async () => {
  const text = 'id,name\r\n1,"سلام, دنیا"\r\n2,"a\r\nb"\r\n3,last';
  const whole = await readAll([text]);
  const bytes = Buffer.from(text);
  for (const size of [1, 2, 3, 7]) {
    const chunks = [];
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
    const records = [];
    for await (const r of readCsvRecords(
      (async function* () {
        yield* chunks;
      })(),
    ))
      records.push(r);
    assert.equal(records, whole, `chunks of ${size} bytes`);
  }
  assert.equal(whole[1]?.fields, ['1', 'سلام, دنیا']);
});

test('malformed records are told, not guessed', async () => {
  const records = await readAll(['a,b\n1,x"y\n"q"z,2\n"open']);
  assert.is(records[1]?.malformed, 'a quote inside an unquoted field');
  assert.is(records[2]?.malformed, 'text after a closing quote');
  assert.is(records[3]?.malformed, 'a quoted field is not closed');
});

test('an unclosed quote does not swallow the file: the read stops past the record cap', () => {
  const reader = new CsvReader({ maxRecordChars: 100 });
  reader.push('a,b\n"never closed,');
  assert.throws(
    () => reader.push('x'.repeat(200)),
    (e: unknown) => e instanceof CsvTooLongRecordError,
  );
});

test.run();
