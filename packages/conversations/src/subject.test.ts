import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { normaliseSubject } from './subject.ts';

const subjects = suite('a subject as a thread compares it');

subjects('reply and forward prefixes of many clients are stripped, however often they repeat', () => {
  for (const subject of [
    'Re: Order 1001',
    'RE: re: Order 1001',
    'Fwd: Re[2]: Order 1001',
    'AW: WG: Order 1001',
    'Re(3) : ORDER   1001',
  ]) {
    assert.is(normaliseSubject(subject), 'order 1001', subject);
  }
});

subjects('Persian: پاسخ and forwards stripped, Arabic yeh and kaf read as Persian, ZWNJ as a space', () => {
  assert.is(normaliseSubject('پاسخ: هدایت: پيگيري كالا'), 'پیگیری کالا');
  assert.is(normaliseSubject('سفارش\u200Cها'), normaliseSubject('سفارش ها'));
});

subjects('a prefix inside the subject is part of it', () => {
  assert.is(normaliseSubject('Question about Re: mail'), 'question about re: mail');
});

subjects('a subject of prefixes only is empty', () => {
  assert.is(normaliseSubject(' Re:  Fwd: '), '');
});

subjects.run();
