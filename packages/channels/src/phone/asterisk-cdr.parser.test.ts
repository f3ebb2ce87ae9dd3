import { isHubError } from '@hub/errors';
import { NormalizedInteraction } from '@hub/interactions';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMasterCsv } from './asterisk-cdr.parser.ts';
import { toPhoneInteraction } from './phone-call.ts';

// Rows as cdr_csv writes them with loguniqueid and loguserfield: strings quoted, quotes doubled.
const inbound =
  '"","09121234567","02188001234","from-trunk","""Ali Rezaei"" <09121234567>","SIP/trunk-00000012","SIP/201-00000013","Dial","SIP/201,30,tT","2026-11-20 10:15:00","2026-11-20 10:15:07","2026-11-20 10:18:07",187,180,"ANSWERED","DOCUMENTATION","1763633700.18",""';
const outbound =
  '"sales","201","09351234567","from-internal","""Reception"" <201>","PJSIP/201-0000000a","PJSIP/trunk-0000000b","Dial","PJSIP/09351234567@trunk,60","2026-11-20 11:00:00","","2026-11-20 11:00:30",30,0,"NO ANSWER","DOCUMENTATION","1763636400.20",""';
const persian =
  '"","۰۹۱۲۱۲۳۴۵۶۷","02188001234","from-trunk","""علی رضایی"" <۰۹۱۲۱۲۳۴۵۶۷>","SIP/trunk-00000014","","VoiceMail","201@default","2026-11-20 12:00:00","2026-11-20 12:00:20","2026-11-20 12:01:00",60,40,"ANSWERED","DOCUMENTATION","1763640000.22","callback"';
const internal =
  '"","201","202","from-internal","""Reception"" <201>","SIP/201-00000015","SIP/202-00000016","Dial","SIP/202","2026-11-20 13:00:00","2026-11-20 13:00:03","2026-11-20 13:01:00",60,57,"ANSWERED","DOCUMENTATION","1763643600.24",""';

const utc = { timeZone: 'UTC', region: 'IR' as const };
const cdr = suite('Asterisk cdr_csv Master.csv');

cdr('an inbound answered call: customer from src with the caller-id name, agent from dstchannel', () => {
  const { calls } = parseMasterCsv(`${inbound}\n`, utc);
  const [call] = calls;
  assert.is(call?.direction, 'inbound');
  assert.is(call?.customerNumber, '+989121234567');
  assert.is(call?.customerName, 'Ali Rezaei');
  assert.is(call?.agentExtension, '201');
  assert.is(call?.businessNumber, '+982188001234');
  assert.is(call?.outcome, 'answered');
  assert.is(call?.startedAt, '2026-11-20T10:15:00.000Z');
  assert.is(call?.answeredAt, '2026-11-20T10:15:07.000Z');
  assert.is(call?.talkSeconds, 180);
  assert.is(call?.externalId, '1763633700.18');
  assert.ok(call && NormalizedInteraction.safeParse(toPhoneInteraction(call)).success);
});

cdr('an outbound unanswered call from an extension: customer is dst, agent from channel, no answer time', () => {
  const [call] = parseMasterCsv(outbound, utc).calls;
  assert.is(call?.direction, 'outbound');
  assert.is(call?.customerNumber, '+989351234567');
  assert.is(call?.customerName, null, 'the caller id of an outbound call is ours');
  assert.is(call?.agentExtension, '201');
  assert.is(call?.outcome, 'missed');
  assert.is(call?.answeredAt, null);
  assert.is(call?.accountId, 'sales');
});

cdr('Persian digits and names read intact; the VoiceMail application makes it a voicemail', () => {
  const [call] = parseMasterCsv(persian, utc).calls;
  assert.is(call?.customerNumber, '+989121234567');
  assert.is(call?.customerName, 'علی رضایی');
  assert.is(call?.outcome, 'voicemail');
  assert.is(call?.providerStatus, 'ANSWERED');
});

cdr('calls between two extensions are skipped, not refused; CRLF and blank lines are fine', () => {
  const batch = parseMasterCsv(`${inbound}\r\n\r\n${internal}\r\n${outbound}\r\n`, utc);
  assert.is(batch.calls.length, 2);
  assert.equal(batch.skipped, [{ row: 2, reason: 'a call between two extensions' }]);
});

cdr('every column layout cdr_csv can write: 16, 17 (uniqueid or userfield), 18, 21 (newcdrcolumns)', () => {
  const fixed = inbound.split(',"1763633700.18"')[0] as string;
  assert.match(parseMasterCsv(fixed, utc).calls[0]?.externalId ?? '', /^row-[0-9a-f]{32}$/);
  assert.is(parseMasterCsv(`${fixed},"1763633700.18"`, utc).calls[0]?.externalId, '1763633700.18');
  assert.match(parseMasterCsv(`${fixed},"vip"`, utc).calls[0]?.externalId ?? '', /^row-/, 'a userfield is no id');
  const modern = parseMasterCsv(`${inbound},"","1763633690.17",3`, utc).calls[0];
  assert.is(modern?.externalId, '1763633700.18#3');
  assert.is(modern?.parentCallId, '1763633690.17');
  const again = parseMasterCsv(fixed, utc).calls[0]?.externalId;
  assert.is(parseMasterCsv(fixed, utc).calls[0]?.externalId, again, 'the row hash is stable');
});

cdr("the switch's local time zone is converted to UTC", () => {
  const [call] = parseMasterCsv(inbound, { timeZone: 'Asia/Tehran', region: 'IR' }).calls;
  assert.is(call?.startedAt, '2026-11-20T06:45:00.000Z');
});

cdr('a file with bad rows is refused whole, listing each bad row', () => {
  const badDate = inbound.replace('"2026-11-20 10:15:00"', '"20/11/2026"');
  const badNumber = outbound.replace('"09351234567"', '"+981"');
  const badDisposition = inbound.replace('"ANSWERED"', '"MAYBE"');
  try {
    parseMasterCsv([inbound, badDate, outbound, badNumber, badDisposition, '"only","three","fields"'].join('\n'), utc);
    assert.unreachable('should refuse');
  } catch (error) {
    assert.ok(isHubError(error, 'INVALID_INPUT'));
    const message = (error as Error).message;
    assert.match(message, /^4 of 6 CDR rows are invalid, nothing was recorded/);
    assert.match(message, /row 2: start must be a time/);
    assert.match(message, /row 4: dst is not a valid phone number/);
    assert.match(message, /row 5: disposition "MAYBE"/);
    assert.match(message, /row 6: the row has 3 columns/);
  }
});

cdr('not CSV at all, or empty: refused', () => {
  assert.throws(() => parseMasterCsv('"unterminated,1,2\n', utc), /not CSV/);
  assert.throws(() => parseMasterCsv('\n\n', utc), /no rows/);
});

cdr.run();
