import { readFileSync } from 'node:fs';
import { interactionId } from '@hub/interactions';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { IngestSettings } from '../ingest-settings.ts';
import { assertRefused, bearer, buildTestGateway } from '../testing/test-gateway.ts';
import { registerPhoneRoutes } from './phone.routes.ts';

// Master.csv as cdr_csv writes it (loguniqueid, loguserfield): strings quoted, quotes doubled.
const rows = [
  '"","۰۹۱۲۱۲۳۴۵۶۷","02188001234","from-trunk","""علی رضایی"" <۰۹۱۲۱۲۳۴۵۶۷>","SIP/trunk-00000012","SIP/201-00000013","Dial","SIP/201,30,tT","2026-11-20 10:15:00","2026-11-20 10:15:07","2026-11-20 10:18:07",187,180,"ANSWERED","DOCUMENTATION","1763633700.18",""',
  '"","201","202","from-internal","""Reception"" <201>","SIP/201-00000015","SIP/202-00000016","Dial","SIP/202","2026-11-20 13:00:00","2026-11-20 13:00:03","2026-11-20 13:01:00",60,57,"ANSWERED","DOCUMENTATION","1763643600.24",""',
  '"sales","201","09351234567","from-internal","""Reception"" <201>","PJSIP/201-0000000a","PJSIP/trunk-0000000b","Dial","PJSIP/09351234567@trunk,60","2026-11-20 11:00:00","","2026-11-20 11:00:30",30,0,"NO ANSWER","DOCUMENTATION","1763636400.20",""',
];
const masterCsv = `${rows.join('\n')}\n`;

// 84 rows as a small office's switch wrote them in a day (cdr_csv, loguniqueid, loguserfield):
// calls from and to customers, queue calls with their Local/ legs, extension-to-extension calls,
// voicemail checks, a conference, every disposition, Persian names and digits, and one row cut
// short where the file was copied while the switch was writing it.
const masterCsv84 = readFileSync(
  new URL('../../../../packages/channels/src/phone/fixtures/asterisk-master-84.csv', import.meta.url),
  'utf8',
);

// The Master.csv mapping of Asterisk's sample cdr_custom.conf: every value CSV_QUOTEd, numbers too.
const customRow =
  '"""Ali Rezaei"" <09121234567>","09121234567","02188001234","from-trunk","SIP/trunk-00000020","SIP/202-00000021","Dial","SIP/202,30","2026-11-21 09:00:00","","2026-11-21 09:00:25","25","0","NO ANSWER","DOCUMENTATION","","1763715600.30","",1\n';

const post = async (
  body: string,
  headers: Record<string, string> = { ...bearer, 'content-type': 'text/csv' },
  url = '/v1/channels/phone/cdr',
  settings: Partial<IngestSettings> = {},
) => {
  const gateway = await buildTestGateway({ defaultPhoneRegion: 'IR', ...settings }, registerPhoneRoutes);
  const response = await gateway.app.inject({ method: 'POST', url, headers, payload: body });
  return { ...gateway, response };
};

interface CdrAnswer {
  totals: Record<string, number>;
  rows: { line: number; outcome: string; interactionId?: string; reason?: string; parseFailureId?: string }[];
  interactionIds: string[];
}

const cdr = suite('POST /v1/channels/phone/cdr');

cdr('Master.csv rows: one interaction per customer call, extension-to-extension calls skipped', async () => {
  const { response, intake } = await post(masterCsv);
  assert.is(response.statusCode, 202, response.body);
  assert.equal(response.json().rows[1], {
    line: 2,
    outcome: 'skipped-internal',
    reason: 'a call between two extensions',
  });
  const [inbound, outbound] = intake.accepted[0]?.interactions ?? [];
  assert.is(inbound?.id, interactionId('phone', 'asterisk', '1763633700.18'));
  assert.is(inbound?.contact.displayName, 'علی رضایی');
  assert.equal(inbound?.contact.identifiers, [{ kind: 'phone', value: '+989121234567' }]);
  assert.is(outbound?.direction, 'outbound');
  assert.equal(response.json().interactionIds, [inbound?.id, outbound?.id]);
  assert.is(intake.accepted[0]?.raw.body.toString('utf8'), masterCsv, 'raw bytes kept, Persian intact');
});

cdr("the switch's time zone and name come from the query", async () => {
  const { response, intake } = await post(
    rows[0] as string,
    undefined,
    '/v1/channels/phone/cdr?timeZone=Asia/Tehran&pbx=tehran-1',
  );
  assert.is(response.statusCode, 202, response.body);
  const [call] = intake.accepted[0]?.interactions ?? [];
  assert.is(call?.occurredAt, '2026-11-20T06:45:00.000Z');
  assert.is(call?.id, interactionId('phone', 'asterisk-tehran-1', '1763633700.18'));
});

cdr(
  "a real switch's 84-row Master.csv: customer calls recorded, internal calls skipped, the cut row kept",
  async () => {
    const { response, intake } = await post(masterCsv84, undefined, '/v1/channels/phone/cdr?timeZone=Asia/Tehran');
    assert.is(response.statusCode, 202, response.body);
    const answer = response.json() as CdrAnswer;
    assert.equal(answer.totals, { rows: 84, recorded: 58, skippedInternal: 25, failed: 1 });
    assert.equal(
      answer.rows.map((row) => row.line),
      Array.from({ length: 84 }, (_, index) => index + 1),
      'every row, by its line',
    );
    const recorded = intake.accepted[0]?.interactions ?? [];
    assert.is(recorded.length, 58);
    assert.equal(
      answer.rows.filter((row) => row.outcome === 'recorded').map((row) => row.interactionId),
      recorded.map((interaction) => interaction.id),
    );
    const reasons = new Set(answer.rows.filter((row) => row.outcome === 'skipped-internal').map((row) => row.reason));
    assert.equal([...reasons].sort(), [
      'a Local/ channel leg inside the PBX',
      'a call between two extensions',
      'an extension dialling a PBX feature',
    ]);
    const [failed] = answer.rows.filter((row) => row.outcome === 'failed');
    assert.is(failed?.line, 53);
    assert.match(failed?.reason ?? '', /the row has \d+ columns; cdr_csv writes 16 to 21/);
    assert.is(intake.parseFailures.length, 1, 'the bad row alone is kept');
    const [kept] = intake.parseFailures;
    assert.is(kept?.raw.body.toString('utf8'), `${masterCsv84.split('\n')[52]}\n`);
    assert.is(kept?.raw.contentType, 'text/csv; layout="cdr_csv"; timezone="Asia/Tehran"');
    assert.match(kept?.reason ?? '', /^line 53 of a CDR file: the row has/);
    assert.match(failed?.parseFailureId ?? '', /^[0-9a-f]{64}$/);
    const persian = recorded.find((interaction) => interaction.contact.displayName === 'سارا محمدی');
    assert.match(persian?.contact.identifiers[0]?.value ?? '', /^\+98912\d{7}$/, 'Persian digits read as a number');
  },
);

cdr('rows of every outcome but no customer call: 202, nothing to record, the bad row kept', async () => {
  const bad = (rows[0] as string).replace('"ANSWERED"', '"LATER"');
  const { response, intake } = await post(`${rows[1]}\n${bad}\n`);
  assert.is(response.statusCode, 202, response.body);
  assert.equal(response.json().totals, { rows: 2, recorded: 0, skippedInternal: 1, failed: 1 });
  assert.is(intake.accepted.length, 0);
  assert.is(intake.parseFailures.length, 1);
});

cdr('the layout comes from the query (cdr_custom) or the configured column list', async () => {
  const byQuery = await post(customRow, undefined, '/v1/channels/phone/cdr?layout=cdr_custom');
  assert.is(byQuery.response.statusCode, 202, byQuery.response.body);
  assert.is(byQuery.intake.accepted[0]?.interactions[0]?.id, interactionId('phone', 'asterisk', '1763715600.30#1'));
  const configured = await post(customRow, undefined, undefined, {
    cdrLayout: {
      kind: 'columns',
      columns:
        'clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,start,answer,end,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,sequence'.split(
          ',',
        ),
    },
  });
  assert.is(configured.response.statusCode, 202, configured.response.body);
  assert.is(configured.intake.accepted[0]?.interactions.length, 1);
  const asCsv = await post(customRow);
  assert.is(asCsv.response.statusCode, 400, 'read as cdr_csv, no row of it is a call');
});

cdr.run();

const refuses = suite('POST /v1/channels/phone/cdr refuses with problem+json and records nothing');

const refused = async (name: string, args: Parameters<typeof post>, status: number, detail: RegExp) => {
  const { response, intake } = await post(...args);
  assertRefused(name, response, intake, status, detail);
  assert.is(intake.parseFailures.length, 0, `${name}: nothing kept`);
};

refuses('without or with a wrong bearer token: 401', async () => {
  await refused('none', [masterCsv84, { 'content-type': 'text/csv' }], 401, /bearer token/);
  await refused(
    'wrong',
    [masterCsv84, { authorization: 'Bearer nope', 'content-type': 'text/csv' }],
    401,
    /bearer token/,
  );
});

refuses('wrong content type 415, oversized 413', async () => {
  await refused('json', ['{}', { ...bearer, 'content-type': 'application/json' }], 415, /Unsupported Media Type/i);
  await refused('big', [masterCsv84, undefined, undefined, { maxBodyBytes: 2048 }], 413, /too large|Body/i);
});

refuses('a CSV file none of whose rows is a CDR row: 400, naming the lines, nothing kept', async () => {
  await refused('contacts', ['name,phone\nAli,09121234567\n'], 400, /^none of the 2 rows is a CDR row.*line 1:/);
});

refuses('malformed CSV, empty, an unknown time zone or layout: 400', async () => {
  await refused('unterminated', ['"1763633700.18,"x'], 400, /not CSV/);
  await refused('binary', ['\u0000\u0001"PK\u0003\u0004'], 400, /not CSV/);
  await refused('empty', ['\n'], 400, /no rows/);
  await refused(
    'time zone',
    [masterCsv, undefined, '/v1/channels/phone/cdr?timeZone=Mars/Olympus'],
    400,
    /unknown time zone/,
  );
  await refused('pbx name', [masterCsv, undefined, '/v1/channels/phone/cdr?pbx=a%20b'], 400, /pbx/);
  await refused('layout', [masterCsv, undefined, '/v1/channels/phone/cdr?layout=mine'], 400, /layout/);
});

refuses.run();
