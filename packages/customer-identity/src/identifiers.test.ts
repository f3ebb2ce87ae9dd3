import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { normalizeEmail, normalizeHandle, normalizePhone, toAsciiDigits } from './identifiers.ts';

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
