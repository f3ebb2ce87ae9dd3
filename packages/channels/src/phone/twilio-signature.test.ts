import { createHmac } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { twilioSignature, urlSpellings, verifyTwilioSignature } from './twilio-signature.ts';

const signature = suite("Twilio's X-Twilio-Signature");

// The example of Twilio's security documentation and its helper libraries' samples.
const docsUrl = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const docsParams = new URLSearchParams({
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675310',
  Digits: '1234',
  From: '+14158675310',
  To: '+18005551212',
});

signature("reproduces the value of Twilio's documentation", () => {
  assert.is(twilioSignature('12345', docsUrl, docsParams), 'GvWf1cFY/Q7PnoempGyD5oXAezc=');
  assert.ok(verifyTwilioSignature('12345', docsUrl, docsParams, 'GvWf1cFY/Q7PnoempGyD5oXAezc='));
});

signature('parameters are sorted by name whatever order they were posted in', () => {
  const reversed = new URLSearchParams([...docsParams].reverse());
  assert.is(twilioSignature('12345', docsUrl, reversed), 'GvWf1cFY/Q7PnoempGyD5oXAezc=');
});

signature('a repeated parameter signs each distinct value, sorted', () => {
  const params = new URLSearchParams('To=%2B1&Tag=b&Tag=a&Tag=b');
  const expected = createHmac('sha1', 'tok').update('https://h.example/x?y=1TagaTagbTo+1').digest('base64');
  assert.is(twilioSignature('tok', 'https://h.example/x?y=1', params), expected);
});

signature('the URL is accepted signed with or without its default port', () => {
  assert.equal(urlSpellings('https://hub.example/v1/a?b=1').sort(), [
    'https://hub.example/v1/a?b=1',
    'https://hub.example:443/v1/a?b=1',
  ]);
  const withPort = twilioSignature('12345', 'https://mycompany.com:443/myapp.php?foo=1&bar=2', docsParams);
  assert.ok(verifyTwilioSignature('12345', docsUrl, docsParams, withPort));
});

signature('refuses a wrong, missing or tampered signature, another URL, or no configured token', () => {
  const good = 'GvWf1cFY/Q7PnoempGyD5oXAezc=';
  assert.not.ok(verifyTwilioSignature('12345', docsUrl, docsParams, undefined));
  assert.not.ok(verifyTwilioSignature('12345', docsUrl, docsParams, ''));
  assert.not.ok(verifyTwilioSignature('54321', docsUrl, docsParams, good));
  assert.not.ok(verifyTwilioSignature('12345', `${docsUrl}&baz=3`, docsParams, good));
  const tampered = new URLSearchParams(docsParams);
  tampered.set('Digits', '9999');
  assert.not.ok(verifyTwilioSignature('12345', docsUrl, tampered, good));
  assert.not.ok(verifyTwilioSignature('', docsUrl, docsParams, twilioSignature('', docsUrl, docsParams)));
});

signature.run();
