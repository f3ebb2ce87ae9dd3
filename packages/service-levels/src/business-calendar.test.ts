import { isHubError } from '@hub/errors';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseBusinessCalendar } from './business-calendar.schema.ts';
import { addBusinessTime, businessTimeBetween, isBusinessTime } from './business-calendar.ts';
import { officeWeek, tehranOffice } from './calendars.fixture.ts';
import { HOUR_MS, MINUTE_MS } from './local-time.ts';

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

const office = suite('An office week (Monday-Friday 09:00-17:00)');

office('business hours stop on Friday evening and resume on Monday morning', () => {
  const london = officeWeek('Europe/London');
  // Friday 2026-11-06 16:00 London (GMT) + 3 h = 1 h on Friday, 2 h on Monday.
  assert.is(iso(addBusinessTime(london, at('2026-11-06T16:00:00Z'), 3 * HOUR_MS)), '2026-11-09T11:00:00.000Z');
  assert.is(businessTimeBetween(london, at('2026-11-06T16:00:00Z'), at('2026-11-09T11:00:00Z')), 3 * HOUR_MS);
  assert.not.ok(isBusinessTime(london, at('2026-11-07T12:00:00Z')), 'Saturday noon is not working time');
  assert.ok(isBusinessTime(london, at('2026-11-09T09:00:00Z')), 'Monday 09:00 is');
  assert.not.ok(isBusinessTime(london, at('2026-11-09T17:00:00Z')), '17:00 is the end, excluded');
});

office('a holiday is skipped as a whole day', () => {
  const london = officeWeek('Europe/London', ['2026-12-25']);
  // Thursday 24 Dec 16:00 + 2 h: 1 h on Thursday, Friday 25th off, weekend off, 1 h on Monday 28th.
  assert.is(iso(addBusinessTime(london, at('2026-12-24T16:00:00Z'), 2 * HOUR_MS)), '2026-12-28T10:00:00.000Z');
  assert.not.ok(isBusinessTime(london, at('2026-12-25T12:00:00Z')));
});

office('time added outside working hours starts at the next opening', () => {
  const london = officeWeek('Europe/London');
  assert.is(iso(addBusinessTime(london, at('2026-11-07T10:00:00Z'), 30 * MINUTE_MS)), '2026-11-09T09:30:00.000Z');
  assert.is(iso(addBusinessTime(london, at('2026-11-07T10:00:00Z'), 0)), '2026-11-07T10:00:00.000Z');
});

office('a target that fills a day exactly ends at closing time, not the next morning', () => {
  const london = officeWeek('Europe/London');
  assert.is(iso(addBusinessTime(london, at('2026-11-09T09:00:00Z'), 8 * HOUR_MS)), '2026-11-09T17:00:00.000Z');
});

office('New York: working hours follow the local clock across the November change', () => {
  const newYork = officeWeek('America/New_York');
  // Friday 2026-10-30 16:00 EDT (20:00Z) + 2 h = Monday 2026-11-02 10:00 EST (15:00Z).
  assert.is(iso(addBusinessTime(newYork, at('2026-10-30T20:00:00Z'), 2 * HOUR_MS)), '2026-11-02T15:00:00.000Z');
  assert.ok(isBusinessTime(newYork, at('2026-11-02T14:00:00Z')), '09:00 EST');
  assert.not.ok(isBusinessTime(newYork, at('2026-11-02T13:30:00Z')), '08:30 EST, though 09:30 EDT');
});

office('200 business hours are walked day by day, quickly', () => {
  const london = officeWeek('Europe/London');
  const started = performance.now();
  // 200 h = 25 working days = 5 weeks from Monday 2026-11-09 09:00 -> Friday 2026-12-11 17:00.
  assert.is(iso(addBusinessTime(london, at('2026-11-09T09:00:00Z'), 200 * HOUR_MS)), '2026-12-11T17:00:00.000Z');
  assert.is(businessTimeBetween(london, at('2026-11-09T09:00:00Z'), at('2026-12-11T17:00:00Z')), 200 * HOUR_MS);
  assert.ok(performance.now() - started < 250, 'within 250 ms on a shared 2-core machine');
});

office.run();

const berlin = suite('Berlin across daylight saving, working 01:00-05:00 every day');

const nightShift = parseBusinessCalendar({
  id: 'berlin-night',
  timeZone: 'Europe/Berlin',
  workingHours: Array.from({ length: 7 }, () => [{ start: '01:00', end: '05:00' }]),
});

berlin('on 2026-03-29 the clock skips 02:00-03:00: the shift lasts 3 hours', () => {
  // 01:00 CET = 00:00Z; 05:00 CEST = 03:00Z.
  assert.is(businessTimeBetween(nightShift, at('2026-03-29T00:00:00Z'), at('2026-03-29T03:00:00Z')), 3 * HOUR_MS);
  assert.is(iso(addBusinessTime(nightShift, at('2026-03-29T00:00:00Z'), 3 * HOUR_MS)), '2026-03-29T03:00:00.000Z');
  // The fourth hour is Monday's first: 01:00 CEST = 2026-03-29T23:00Z, ending 02:00 CEST.
  assert.is(iso(addBusinessTime(nightShift, at('2026-03-29T00:00:00Z'), 4 * HOUR_MS)), '2026-03-30T00:00:00.000Z');
});

berlin('on 2026-10-25 the clock repeats 02:00-03:00: the shift lasts 5 hours', () => {
  // 01:00 CEST = 2026-10-24T23:00Z; 05:00 CET = 04:00Z.
  assert.is(businessTimeBetween(nightShift, at('2026-10-24T23:00:00Z'), at('2026-10-25T04:00:00Z')), 5 * HOUR_MS);
  assert.ok(isBusinessTime(nightShift, at('2026-10-25T00:30:00Z')), '02:30 CEST');
  assert.ok(isBusinessTime(nightShift, at('2026-10-25T01:30:00Z')), '02:30 CET, the repeated hour');
  assert.is(iso(addBusinessTime(nightShift, at('2026-10-24T23:00:00Z'), 5 * HOUR_MS)), '2026-10-25T04:00:00.000Z');
});

berlin('a range starting inside the skipped hour starts when the clock jumps over it', () => {
  const lateStart = parseBusinessCalendar({
    id: 'berlin-late',
    timeZone: 'Europe/Berlin',
    workingHours: Array.from({ length: 7 }, () => [{ start: '02:30', end: '04:00' }]),
  });
  // 03:00 CEST = 01:00Z to 04:00 CEST = 02:00Z: one hour that day.
  assert.is(businessTimeBetween(lateStart, at('2026-03-28T23:00:00Z'), at('2026-03-29T12:00:00Z')), HOUR_MS);
  assert.ok(isBusinessTime(lateStart, at('2026-03-29T01:00:00Z')));
  assert.not.ok(isBusinessTime(lateStart, at('2026-03-29T00:59:00Z')));
});

berlin.run();

const tehran = suite('Tehran: Saturday-Wednesday 08:00-16:00, Thursday 08:00-12:00, Friday off (UTC+03:30)');

tehran('a server in UTC reads the working day on the Tehran clock', () => {
  // Saturday 2026-11-07 08:00 Tehran = 04:30Z.
  assert.ok(isBusinessTime(tehranOffice, at('2026-11-07T04:30:00Z')));
  assert.not.ok(isBusinessTime(tehranOffice, at('2026-11-07T04:29:00Z')));
  assert.ok(isBusinessTime(tehranOffice, at('2026-11-07T12:29:00Z')), '15:59 Tehran');
  assert.not.ok(isBusinessTime(tehranOffice, at('2026-11-07T12:30:00Z')), '16:00 Tehran');
});

tehran('Thursday is a half day and Friday is off', () => {
  // Thursday 2026-11-12 11:00 Tehran (07:30Z) + 3 h: 1 h Thursday, Friday off, 2 h Saturday -> 10:00 (06:30Z).
  assert.is(iso(addBusinessTime(tehranOffice, at('2026-11-12T07:30:00Z'), 3 * HOUR_MS)), '2026-11-14T06:30:00.000Z');
  assert.not.ok(isBusinessTime(tehranOffice, at('2026-11-13T07:30:00Z')), 'Friday 11:00');
  assert.not.ok(isBusinessTime(tehranOffice, at('2026-11-12T09:00:00Z')), 'Thursday 12:30');
  assert.ok(isBusinessTime(tehranOffice, at('2026-11-15T07:30:00Z')), 'Sunday 11:00 is a working day');
});

tehran('a due time crosses local midnight before it crosses UTC midnight', () => {
  // Wednesday 2026-11-11 15:00 Tehran = 11:30Z, + 2 h: 1 h Wednesday, then Thursday 09:00 Tehran = 05:30Z.
  // Local midnight passed at 20:30Z on the 11th; the due time is on Thursday in Tehran and in UTC.
  const due = addBusinessTime(tehranOffice, at('2026-11-11T11:30:00Z'), 2 * HOUR_MS);
  assert.is(iso(due), '2026-11-12T05:30:00.000Z');
  // A start at 22:00Z Wednesday is 01:30 Thursday in Tehran: it counts from Thursday 08:00, not Wednesday.
  assert.is(iso(addBusinessTime(tehranOffice, at('2026-11-11T22:00:00Z'), HOUR_MS)), '2026-11-12T05:30:00.000Z');
});

tehran('Nowruz holidays 2027-03-21..24 are skipped; no daylight saving in March since 2022', () => {
  // Saturday 2027-03-20 15:00 Tehran (11:30Z) + 2 h: 1 h Saturday, Sunday-Wednesday off,
  // Thursday 25th 08:00-09:00 -> 05:30Z (still +03:30: Iran stopped daylight saving in 2022).
  assert.is(iso(addBusinessTime(tehranOffice, at('2027-03-20T11:30:00Z'), 2 * HOUR_MS)), '2027-03-25T05:30:00.000Z');
  assert.not.ok(isBusinessTime(tehranOffice, at('2027-03-22T06:00:00Z')));
});

tehran.run();

const validation = suite('Calendar validation names every problem');

validation('bad zone, reversed and overlapping ranges are refused together', () => {
  const monday = [
    { start: '09:00', end: '12:00' },
    { start: '11:00', end: '13:00' },
  ];
  assert.throws(
    () =>
      parseBusinessCalendar({
        id: 'broken',
        timeZone: 'Mars/Olympus_Mons',
        workingHours: [[], monday, [{ start: '16:00', end: '08:00' }], [], [], [], []],
      }),
    (error: unknown) =>
      isHubError(error, 'INVALID_INPUT') &&
      /unknown time zone "Mars\/Olympus_Mons"/.test(error.message) &&
      /Monday 09:00-12:00 overlaps 11:00-13:00/.test(error.message) &&
      /Tuesday 16:00-08:00 ends before it starts/.test(error.message),
  );
});

validation('a malformed time, a non-date holiday and a week without work are refused', () => {
  assert.throws(
    () => parseBusinessCalendar({ id: 'x', timeZone: 'UTC', workingHours: [[], [], [], [], [], [], []] }),
    (error: unknown) => isHubError(error, 'INVALID_INPUT') && /no working hours on any weekday/.test(error.message),
  );
  assert.throws(
    () =>
      parseBusinessCalendar({
        id: 'x',
        timeZone: 'UTC',
        workingHours: [[{ start: '8:00', end: '25:00' }], [], [], [], [], [], []],
        holidays: ['2027-02-30'],
      }),
    (error: unknown) =>
      isHubError(error, 'INVALID_INPUT') && /HH:MM/.test(error.message) && /holidays.0/.test(error.message),
  );
});

validation.run();
