import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lexemesOf, MAX_LEXEME_LENGTH, messageQueryOf, tsqueryOf, wordsOf } from './message-words.ts';

const words = suite('the words a message is indexed under and a query asks for');

words('Persian spellings fold to one lexeme: Arabic yeh and kaf, ZWNJ, diacritics', () => {
  assert.equal(lexemesOf('علی کریمی'), lexemesOf('علي كريمي'));
  assert.equal(lexemesOf('می‌خواهم'), lexemesOf('ميخواهم'));
  assert.equal(lexemesOf('سَفارش'), ['سفارش']);
});

words('Latin words are case-folded; punctuation separates words and is never a lexeme', () => {
  assert.equal(lexemesOf('Where is my ORDER? #7731 <b>&amp;</b>'), ['where', 'is', 'my', 'order', '7731', 'b', 'amp']);
  assert.equal(lexemesOf("%_\\'&|!():*<> ."), []);
});

words('each word keeps where it stands in the text as written', () => {
  const text = 'سلام، علی‌جان!';
  const [hello, ali] = wordsOf(text);
  assert.is(text.slice(hello?.start, hello?.end), 'سلام');
  assert.is(text.slice(ali?.start, ali?.end), 'علی‌جان', 'the ZWNJ stays inside the word as written');
  assert.equal(ali?.lexemes, ['علیجان']);
});

words('an over-long run (an encoded blob) is not indexed', () => {
  assert.equal(lexemesOf(`see ${'x'.repeat(MAX_LEXEME_LENGTH + 1)}`), ['see']);
});

words('the tsquery quotes every term; short terms match whole words, longer ones words they begin', () => {
  assert.is(tsqueryOf(messageQueryOf('my ORDER')), "'my' & 'order':*");
  assert.is(tsqueryOf(messageQueryOf("it's !(x)")), "'it' & 's' & 'x'");
  assert.is(tsqueryOf(messageQueryOf('order order')), "'order':*", 'a repeated word once');
  assert.is(tsqueryOf({ terms: ["o'k\\"] }), "'o''k\\\\':*", 'quotes and backslashes escaped');
});

words.run();
