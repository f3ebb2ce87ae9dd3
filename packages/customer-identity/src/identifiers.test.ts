import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { normalizeEmail, normalizeHandle, normalizeIdentifier, normalizePhone, toAsciiDigits } from './identifiers.ts';

const email = suite('email identifiers');

email('case-folded, trimmed, without mailto: or angle brackets', () => {
  assert.is(normalizeEmail('  Sara.Rezaei@Example.IR '), 'sara.rezaei@example.ir');
  assert.is(normalizeEmail('mailto:Ali@example.com'), 'ali@example.com');
  assert.is(normalizeEmail('<ali@example.com>'), 'ali@example.com');
});

email('not an address: null', () => {
  for (const bad of ['', 'ali', 'ali@', '@example.com', 'ali@example', 'a b@example.com', `${'a'.repeat(250)}@x.io`]) {
    assert.is(normalizeEmail(bad), null, bad);
  }
});

email.run();

const phone = suite('phone identifiers to E.164');

phone('Persian and Arabic-Indic digits are read as digits', () => {
  assert.is(toAsciiDigits('۰۹۱۲ ۱۲۳ ۴۵۶۷'), '0912 123 4567');
  assert.is(toAsciiDigits('٠١٢٣٤٥٦٧٨٩'), '0123456789');
  assert.is(normalizePhone('۰۹۱۲۱۲۳۴۵۶۷', 'IR'), '+989121234567');
  assert.is(normalizePhone('+٩٧١٥٠١٢٣٤٥٦٧'), '+971501234567');
});

phone('international, 00-prefixed and national numbers in the default region', () => {
  assert.is(normalizePhone('+98 912 123 4567'), '+989121234567');
  assert.is(normalizePhone('0098-912-123-4567'), '+989121234567');
  assert.is(normalizePhone('(020) 7946 0958', 'GB'), '+442079460958');
  assert.is(normalizePhone('+1 415 555 2671'), '+14155552671');
});

phone('not a valid number: null', () => {
  assert.is(normalizePhone('12'), null);
  assert.is(normalizePhone('hello'), null);
  assert.is(normalizePhone('0912 123 4567'), null, 'a national number needs a region');
  assert.is(normalizePhone('+98 912'), null);
});

phone.run();

const handle = suite('handles');

handle('network:id, network lower-cased, rejected when empty or odd', () => {
  assert.is(normalizeHandle('Telegram', ' 12345 '), 'telegram:12345');
  assert.is(normalizeHandle('telegram', ''), null);
  assert.is(normalizeHandle('tele gram', '1'), null);
});

handle.run();

const any = suite('normalizeIdentifier: the one normalisation of intake and lookup');

any('three spellings of one address are one identifier', () => {
  for (const spelling of ['Sara@Example.com', 'sara@example.com', ' sara@example.com ']) {
    assert.equal(normalizeIdentifier({ kind: 'email', value: spelling }), { kind: 'email', value: 'sara@example.com' });
  }
});

any('phones to E.164 in the default region, handles network:id', () => {
  assert.equal(normalizeIdentifier({ kind: 'phone', value: '۰۹۱۲۵۵۵۰۱۹۹' }, 'IR'), {
    kind: 'phone',
    value: '+989125550199',
  });
  assert.equal(normalizeIdentifier({ kind: 'handle', value: ' Telegram:12345' }), {
    kind: 'handle',
    value: 'telegram:12345',
  });
  assert.equal(normalizeIdentifier({ kind: 'handle', value: 'widget:a:b' }), { kind: 'handle', value: 'widget:a:b' });
});

any('what does not normalise is null', () => {
  assert.is(normalizeIdentifier({ kind: 'email', value: 'not an email at all' }), null);
  assert.is(normalizeIdentifier({ kind: 'phone', value: '۰۹۱۲۵۵۵۰۱۹۹' }), null, 'national without a region');
  assert.is(normalizeIdentifier({ kind: 'phone', value: 'call me' }, 'IR'), null);
  assert.is(normalizeIdentifier({ kind: 'handle', value: '12345' }), null, 'no network');
});

any.run();
