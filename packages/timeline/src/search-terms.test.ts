import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { searchTermsOf } from './search-terms.ts';

test('a name gives its whole, its words and its run-together form, folded', () => {
  assert.equal(searchTermsOf(['علي كريمي'], []), [
    { kind: 'name', term: 'علی کریمی' },
    { kind: 'word', term: 'علی' },
    { kind: 'word', term: 'کریمی' },
    { kind: 'compact', term: 'علیکریمی' },
  ]);
});

test('identifiers give their folded value; a phone its digits both ways; a handle its id alone', () => {
  const terms = searchTermsOf(
    [null],
    [
      { kind: 'email', value: 'Sara@Example.IR' },
      { kind: 'phone', value: '+989123456789' },
      { kind: 'handle', value: 'telegram:4242' },
    ],
  );
  assert.equal(terms, [
    { kind: 'email', term: 'sara@example.ir' },
    { kind: 'phone', term: '989123456789' },
    { kind: 'phone_tail', term: '987654321989' },
    { kind: 'handle', term: 'telegram:4242' },
    { kind: 'handle_id', term: '4242' },
  ]);
});

test('a name shared by a merged customer and its survivor is one term', () => {
  assert.is(searchTermsOf(['Reza', 'reza'], []).length, 3);
});

test.run();
