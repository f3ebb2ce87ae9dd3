import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { extensionFromChannel, isInternalExtension, parseCallerId, twilioEndpoint } from './call-party.ts';
import { wallClockToIso } from './wall-clock.ts';

const parties = suite('call parties and switch clocks');

parties('extensions: short digit strings, Persian digits included; public numbers are not', () => {
  assert.ok(isInternalExtension('201'));
  assert.ok(isInternalExtension('۲۰۱'));
  assert.not.ok(isInternalExtension('09121234567'));
  assert.not.ok(isInternalExtension('+982188001234'));
  assert.ok(isInternalExtension('7001', /^7\d{3}$/));
  assert.not.ok(isInternalExtension('201', /^7\d{3}$/));
});

parties('the extension behind an Asterisk channel name; trunks have none', () => {
  assert.is(extensionFromChannel('SIP/201-0000000a'), '201');
  assert.is(extensionFromChannel('PJSIP/201-00000001'), '201');
  assert.is(extensionFromChannel('Local/201@from-internal-00000001;1'), '201');
  assert.is(extensionFromChannel('SIP/trunk-00000012'), null);
  assert.is(extensionFromChannel(''), null);
});

parties('caller ids as Asterisk writes them', () => {
  assert.equal(parseCallerId('"Ali Rezaei" <09121234567>'), { name: 'Ali Rezaei', number: '09121234567' });
  assert.equal(parseCallerId('"علی ""AR"" رضایی" <۰۹۱۲۱۲۳۴۵۶۷>'), { name: 'علی "AR" رضایی', number: '۰۹۱۲۱۲۳۴۵۶۷' });
  assert.equal(parseCallerId('Reception <201>'), { name: 'Reception', number: '201' });
  assert.equal(parseCallerId('<09121234567>'), { name: null, number: '09121234567' });
  assert.equal(parseCallerId('09121234567'), { name: null, number: '09121234567' });
});

parties('Twilio softphone and SIP parties', () => {
  assert.is(twilioEndpoint('client:sara'), 'sara');
  assert.is(twilioEndpoint('sip:201@pbx.example.ir'), '201');
  assert.is(twilioEndpoint('+989121234567'), null);
});

parties('wall-clock times in the switch zone, across a daylight-saving change', () => {
  assert.is(wallClockToIso('2026-11-20 10:15:00', 'UTC'), '2026-11-20T10:15:00.000Z');
  assert.is(wallClockToIso('2026-11-20 10:15:00', 'Asia/Tehran'), '2026-11-20T06:45:00.000Z');
  assert.is(wallClockToIso('2026-03-29 01:30:00', 'Europe/Berlin'), '2026-03-29T00:30:00.000Z');
  assert.is(wallClockToIso('2026-03-29 03:30:00', 'Europe/Berlin'), '2026-03-29T01:30:00.000Z');
  assert.is(wallClockToIso('', 'UTC'), null);
  assert.is(wallClockToIso('2026-02-30 10:00:00', 'UTC'), undefined);
  assert.is(wallClockToIso('20/11/2026', 'UTC'), undefined);
});

parties.run();
