import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeHtml, highlightSnippet, plainSnippet } from './message-snippet.ts';
import { messageQueryOf } from './message-words.ts';

const snippet = suite('the snippet: escaped text around the first match, matched words marked');

snippet('marks every matched word as written, the folded spelling found by the typed one', () => {
  assert.is(
    highlightSnippet('سلام، من علی کریمی هستم', messageQueryOf('علي كريمي')),
    'سلام، من <mark>علی</mark> <mark>کریمی</mark> هستم',
  );
  assert.is(highlightSnippet('Orders shipped', messageQueryOf('order')), '<mark>Orders</mark> shipped');
  assert.is(highlightSnippet('no match here', messageQueryOf('order')), undefined);
});

snippet('what the customer wrote cannot become markup', () => {
  const html = highlightSnippet('<img src=x onerror="alert(1)"> & order', messageQueryOf('order'));
  assert.is(html, '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; <mark>order</mark>');
  assert.is(escapeHtml(`<>&"'`), '&lt;&gt;&amp;&quot;&#39;');
});

snippet('a long text is cut on word boundaries around the first match, with … where it was cut', () => {
  const text = `${'filler words '.repeat(20)}the refund arrived ${'more words '.repeat(30)}`;
  const html = highlightSnippet(text, messageQueryOf('refund')) ?? '';
  assert.ok(html.startsWith('…') && html.endsWith('…'), html);
  assert.ok(html.includes('the <mark>refund</mark> arrived'), html);
  assert.ok(html.length < 260, `${html.length} characters`);
  assert.not.match(html, /…\S*[a-z]…$/, 'no cut inside a word');
  assert.ok(
    html
      .replaceAll('…', '')
      .split(' ')
      .every((w) => /^(<mark>)?[a-z]+(<\/mark>)?$/.test(w)),
    html,
  );
});

snippet('without a match, the beginning of the text, escaped and cut on a word', () => {
  assert.is(plainSnippet('a <b> c'), 'a &lt;b&gt; c');
  const cut = plainSnippet('word '.repeat(100));
  assert.ok(cut.endsWith('word…'), cut);
});

snippet.run();
