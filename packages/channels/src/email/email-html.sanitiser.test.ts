import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sanitizeEmailHtml } from './email-html.sanitiser.ts';
import { parseSample, readFixture } from './fixtures/email-fixtures.ts';

const sanitised = suite('HTML is sanitised before it goes anywhere');

sanitised('a hostile message keeps its words and loses everything that runs, loads or submits', async () => {
  const { interaction } = await parseSample(readFixture('html-script.eml'));
  const html = interaction.html ?? '';
  for (const banned of [/<script/i, /<style/i, /<iframe/i, /<form/i, /<input/i, /<svg/i, /\son\w+=/i, /javascript:/i]) {
    assert.not.match(html, banned, `html still has ${banned}`);
  }
  assert.not.match(html, /document\.cookie|evil\.example|background/, 'script and style text dropped too');
  assert.match(html, /<p>My order <b>77<\/b> is late\.<\/p>/);
  assert.match(
    html,
    /<a href="https:\/\/shop\.example\/orders\/77" rel="noopener noreferrer nofollow" target="_blank">/,
  );
  assert.match(html, /<img alt="pixel" data-remote-src="https:\/\/track\.shady\.example\/pixel\.gif" \/>/);
  assert.not.match(html, /\ssrc=/, 'no image loads by itself');
});

sanitised('the text of an HTML-only message comes from the sanitised HTML', async () => {
  const { interaction } = await parseSample(readFixture('html-script.eml'));
  assert.match(interaction.text, /^My order 77 is late\./);
  assert.not.match(interaction.text, /javascript|alert|cookie/);
});

sanitised('right-to-left direction, tables and lists survive', () => {
  const html =
    '<div dir="rtl" lang="fa" style="color:red"><ul><li>یک</li></ul><table><tr><td colspan="2">۲</td></tr></table></div>';
  assert.is(
    sanitizeEmailHtml(html),
    '<div dir="rtl" lang="fa"><ul><li>یک</li></ul><table><tr><td colspan="2">۲</td></tr></table></div>',
  );
});

sanitised('data:, cid: and protocol-relative sources and links are dropped', () => {
  const html = '<img src="cid:logo@x"><img src="data:image/png;base64,AAAA"><a href="//evil.example">x</a>';
  assert.is(sanitizeEmailHtml(html), '<img /><img /><a rel="noopener noreferrer nofollow" target="_blank">x</a>');
});

sanitised.run();
