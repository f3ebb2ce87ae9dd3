import { isHubError } from '@hub/errors';
import { NormalizedInteraction } from '@hub/interactions';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCdrLayout } from './asterisk-cdr.layout.ts';
import { type CdrOptions, parseMasterCsv } from './asterisk-cdr.parser.ts';
import type { PhoneCall } from './phone-call.ts';
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
const callsOf = (text: string, options: CdrOptions): PhoneCall[] =>
  parseMasterCsv(text, options).flatMap((row) => (row.kind === 'call' ? [row.call] : []));
const cdr = suite('Asterisk cdr_csv Master.csv');

cdr('an inbound answered call: customer from src with the caller-id name, agent from dstchannel', () => {
  const calls = callsOf(`${inbound}\n`, utc);
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
  const [call] = callsOf(outbound, utc);
  assert.is(call?.direction, 'outbound');
  assert.is(call?.customerNumber, '+989351234567');
  assert.is(call?.customerName, null, 'the caller id of an outbound call is ours');
  assert.is(call?.agentExtension, '201');
  assert.is(call?.outcome, 'missed');
  assert.is(call?.answeredAt, null);
  assert.is(call?.accountId, 'sales');
});

cdr('Persian digits and names read intact; the VoiceMail application makes it a voicemail', () => {
  const [call] = callsOf(persian, utc);
  assert.is(call?.customerNumber, '+989121234567');
  assert.is(call?.customerName, 'علی رضایی');
  assert.is(call?.outcome, 'voicemail');
  assert.is(call?.providerStatus, 'ANSWERED');
});

cdr('calls between two extensions are skipped, not refused; CRLF and blank lines are fine', () => {
  const rows = parseMasterCsv(`${inbound}\r\n\r\n${internal}\r\n${outbound}\r\n`, utc);
  assert.equal(
    rows.map((row) => [row.line, row.kind]),
    [
      [1, 'call'],
      [3, 'skipped-internal'],
      [4, 'call'],
    ],
  );
  assert.is(rows[1]?.kind === 'skipped-internal' && rows[1].reason, 'a call between two extensions');
});

cdr('every column layout cdr_csv can write: 16, 17 (uniqueid or userfield), 18, 21 (newcdrcolumns)', () => {
  const fixed = inbound.split(',"1763633700.18"')[0] as string;
  assert.match(callsOf(fixed, utc)[0]?.externalId ?? '', /^row-[0-9a-f]{32}$/);
  assert.is(callsOf(`${fixed},"1763633700.18"`, utc)[0]?.externalId, '1763633700.18');
  assert.match(callsOf(`${fixed},"vip"`, utc)[0]?.externalId ?? '', /^row-/, 'a userfield is no id');
  const modern = callsOf(`${inbound},"","1763633690.17",3`, utc)[0];
  assert.is(modern?.externalId, '1763633700.18#3');
  assert.is(modern?.parentCallId, '1763633690.17');
  const again = callsOf(fixed, utc)[0]?.externalId;
  assert.is(callsOf(fixed, utc)[0]?.externalId, again, 'the row hash is stable');
});

cdr("the switch's local time zone is converted to UTC", () => {
  const [call] = callsOf(inbound, { timeZone: 'Asia/Tehran', region: 'IR' });
  assert.is(call?.startedAt, '2026-11-20T06:45:00.000Z');
});

cdr('a bad row is reported with its line and text, and the good rows still count', () => {
  const badDate = inbound.replace('"2026-11-20 10:15:00"', '"20/11/2026"');
  const badNumber = outbound.replace('"09351234567"', '"+981"');
  const badDisposition = inbound.replace('"ANSWERED"', '"MAYBE"');
  const rows = parseMasterCsv(
    [inbound, badDate, outbound, badNumber, badDisposition, '"only","three","fields"'].join('\n'),
    utc,
  );
  assert.equal(
    rows.map((row) => row.kind),
    ['call', 'failed', 'call', 'failed', 'failed', 'failed'],
  );
  const failed = rows.flatMap((row) => (row.kind === 'failed' ? [row] : []));
  assert.equal(
    failed.map((row) => row.line),
    [2, 4, 5, 6],
  );
  assert.match(failed[0]?.reason ?? '', /start must be a time/);
  assert.match(failed[1]?.reason ?? '', /dst is not a valid phone number/);
  assert.match(failed[2]?.reason ?? '', /disposition "MAYBE"/);
  assert.match(failed[3]?.reason ?? '', /the row has 3 columns/);
  assert.is(failed[0]?.text, badDate, 'the row as written, to keep and re-run alone');
});

cdr('a file none of whose rows is a CDR row is refused whole, listing the lines', () => {
  try {
    parseMasterCsv('name,email\nAli,ali@example.ir\n', utc);
    assert.unreachable('should refuse');
  } catch (error) {
    assert.ok(isHubError(error, 'INVALID_INPUT'));
    assert.match((error as Error).message, /^none of the 2 rows is a CDR row.*line 1: the row has 2 columns/);
  }
});

cdr('not CSV at all, or empty: refused', () => {
  assert.throws(() => parseMasterCsv('"unterminated,1,2\n', utc), /not CSV/);
  assert.throws(() => parseMasterCsv('\n\n', utc), /no rows/);
});

const skipped = (row: string) => {
  const [outcome] = parseMasterCsv(row, utc);
  return outcome?.kind === 'skipped-internal' ? outcome.reason : `not skipped: ${outcome?.kind}`;
};

cdr(
  "calls inside the PBX are skipped, not refused: Local/ legs, feature codes, an extension's own applications",
  () => {
    // A queue call: the trunk's row (dstchannel the ;1 half) is the customer's; the ;2 half is internal.
    const queued = inbound.replace('"SIP/201-00000013"', '"Local/201@from-queue-00000003;1"');
    const localLeg = inbound
      .replace('"SIP/trunk-00000012"', '"Local/201@from-queue-00000003;2"')
      .replace('"1763633700.18"', '"1763633700.19"');
    assert.is(callsOf(queued, utc)[0]?.customerNumber, '+989121234567');
    assert.is(skipped(localLeg), 'a Local/ channel leg inside the PBX');
    const voicemailCheck = outbound
      .replace('"09351234567"', '"*97"')
      .replace('"PJSIP/trunk-0000000b"', '""')
      .replace('"Dial"', '"VoiceMailMain"');
    assert.is(skipped(voicemailCheck), 'an extension dialling a PBX feature');
    const announcement = outbound
      .replace('"09351234567"', '"s"')
      .replace('"PJSIP/trunk-0000000b"', '""')
      .replace('"Dial"', '"Playback"');
    assert.is(skipped(announcement), 'an extension dialling a PBX feature');
    const conference = outbound
      .replace('"09351234567"', '"8000000"')
      .replace('"PJSIP/trunk-0000000b"', '""')
      .replace('"Dial"', '"ConfBridge"');
    assert.is(skipped(conference), 'an extension in the ConfBridge application');
    // An extension's Dial that never reached the trunk is still an attempt to call a customer.
    const failedDial = outbound.replace('"PJSIP/trunk-0000000b"', '""').replace('"NO ANSWER"', '"FAILED"');
    assert.is(callsOf(failedDial, utc)[0]?.outcome, 'failed');
  },
);

// The Master.csv mapping of Asterisk's sample cdr_custom.conf: every value CSV_QUOTEd, numbers too.
const customRow =
  '"""Ali Rezaei"" <09121234567>","09121234567","02188001234","from-trunk","SIP/trunk-00000020","SIP/202-00000021","Dial","SIP/202,30","2026-11-21 09:00:00","","2026-11-21 09:00:25","25.412","0","NO ANSWER","DOCUMENTATION","","1763715600.30","",4';

cdr("cdr_custom's sample layout: quoted numbers, fractional seconds, an empty answer time", () => {
  const [call] = callsOf(customRow, { ...utc, layout: parseCdrLayout('cdr_custom') });
  assert.is(call?.customerNumber, '+989121234567');
  assert.is(call?.customerName, 'Ali Rezaei');
  assert.is(call?.agentExtension, '202');
  assert.is(call?.outcome, 'missed');
  assert.is(call?.answeredAt, null);
  assert.is(call?.durationSeconds, 25);
  assert.is(call?.externalId, '1763715600.30#4');
  const [wrong] = parseMasterCsv(`${customRow}\n${inbound}`, { ...utc, layout: parseCdrLayout('cdr_custom') }).slice(1);
  assert.match(wrong?.kind === 'failed' ? wrong.reason : '', /the row has 18 columns; the configured layout has 19/);
});

cdr('a column list names fields in file order; unknown custom variables are ignored, bad lists refused', () => {
  const layout = parseCdrLayout('start,src,dst,disposition,duration,billsec,callid');
  const [call] = callsOf('"2026-11-21 09:00:00","09121234567","201","ANSWERED","60","55","abc@pbx"', {
    ...utc,
    layout,
  });
  assert.is(call?.customerNumber, '+989121234567');
  assert.is(call?.talkSeconds, 55);
  assert.throws(() => parseCdrLayout('src,dst'), /start, duration, billsec, disposition missing/);
  assert.throws(() => parseCdrLayout('src,src,dst,start,duration,billsec,disposition'), /src is named twice/);
  assert.throws(() => parseCdrLayout('src,dst,CDR(start)'), /is not a field name/);
});

cdr.run();
