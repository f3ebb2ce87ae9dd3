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

const cdr = suite('POST /v1/channels/phone/cdr');

cdr('Master.csv rows: one interaction per customer call, extension-to-extension calls skipped', async () => {
  const { response, intake } = await post(masterCsv);
  assert.is(response.statusCode, 202, response.body);
  assert.equal(response.json().skipped, [{ row: 2, reason: 'a call between two extensions' }]);
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

cdr.run();

const refuses = suite('POST /v1/channels/phone/cdr refuses with problem+json and records nothing');

const refused = async (name: string, args: Parameters<typeof post>, status: number, detail: RegExp) => {
  const { response, intake } = await post(...args);
  assertRefused(name, response, intake, status, detail);
};

refuses('without or with a wrong bearer token: 401', async () => {
  await refused('none', [masterCsv, { 'content-type': 'text/csv' }], 401, /bearer token/);
  await refused(
    'wrong',
    [masterCsv, { authorization: 'Bearer nope', 'content-type': 'text/csv' }],
    401,
    /bearer token/,
  );
});

refuses('wrong content type 415, oversized 413', async () => {
  await refused('json', ['{}', { ...bearer, 'content-type': 'application/json' }], 415, /Unsupported Media Type/i);
  await refused('big', [masterCsv.repeat(20), undefined, undefined, { maxBodyBytes: 2048 }], 413, /too large|Body/i);
});

refuses('a file with bad rows is refused whole, naming every bad row', async () => {
  const bad = [rows[0], rows[2]?.replace('"NO ANSWER"', '"LATER"'), rows[0]?.replace('"۰۹۱۲۱۲۳۴۵۶۷"', '"+98"')];
  await refused(
    'bad rows',
    [bad.join('\n')],
    400,
    /^2 of 3 CDR rows are invalid.*row 2: disposition.*row 3: src is not a valid phone number/,
  );
});

refuses('malformed CSV, empty, an unknown time zone: 400', async () => {
  await refused('unterminated', ['"1763633700.18,"x'], 400, /not CSV/);
  await refused('empty', ['\n'], 400, /no rows/);
  await refused(
    'time zone',
    [masterCsv, undefined, '/v1/channels/phone/cdr?timeZone=Mars/Olympus'],
    400,
    /unknown time zone/,
  );
  await refused('pbx name', [masterCsv, undefined, '/v1/channels/phone/cdr?pbx=a%20b'], 400, /pbx/);
});

refuses.run();
