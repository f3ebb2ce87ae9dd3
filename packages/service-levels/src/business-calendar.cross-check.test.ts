import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type BusinessCalendar, parseBusinessCalendar } from './business-calendar.schema.ts';
import { addBusinessTime, businessTimeBetween } from './business-calendar.ts';
import { MINUTE_MS } from './local-time.ts';

// An independent reading of the rules: step minute by minute and ask Intl what the wall clock says.
// Slow on purpose; it checks the day-by-day walk on weeks where clocks change.

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const wallFormat = (timeZone: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

function wallClock(format: Intl.DateTimeFormat, instant: number) {
  const parts = format.formatToParts(instant);
  const field = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return {
    date: `${field('year')}-${field('month')}-${field('day')}`,
    weekday: weekdays.indexOf(field('weekday')),
    minutes: Number(field('hour')) * 60 + Number(field('minute')),
  };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

function bruteForceBetween(calendar: BusinessCalendar, from: number, to: number): number {
  const format = wallFormat(calendar.timeZone);
  let total = 0;
  for (let instant = from; instant < to; instant += MINUTE_MS) {
    const wall = wallClock(format, instant);
    if (calendar.holidays.includes(wall.date)) continue;
    const ranges = calendar.workingHours[wall.weekday] ?? [];
    if (ranges.some((range) => minutesOf(range.start) <= wall.minutes && wall.minutes < minutesOf(range.end))) {
      total += MINUTE_MS;
    }
  }
  return total;
}

const split = [
  { start: '00:00', end: '01:30' },
  { start: '07:00', end: '12:00' },
  { start: '13:00', end: '24:00' },
];

const weeksWithClockChanges: Array<[string, string]> = [
  ['Europe/Berlin', '2026-03-26T00:00:00Z'],
  ['Europe/Berlin', '2026-10-22T00:00:00Z'],
  ['America/New_York', '2026-03-05T00:00:00Z'],
  ['America/Santiago', '2026-04-02T00:00:00Z'], // falls back at local midnight
  ['Australia/Lord_Howe', '2026-10-01T00:00:00Z'], // moves by 30 minutes
  ['Asia/Tehran', '2021-03-19T00:00:00Z'], // before 2022, sprang forward at midnight
  ['Asia/Tehran', '2027-03-17T00:00:00Z'],
];

const crossCheck = suite('The day-by-day walk agrees with a minute-by-minute reading of the wall clock');

for (const [timeZone, start] of weeksWithClockChanges) {
  crossCheck(`${timeZone} in the week from ${start.slice(0, 10)}`, () => {
    const calendar = parseBusinessCalendar({
      id: timeZone,
      timeZone,
      workingHours: [[], split, split, split, split, split, split],
      holidays: [start.slice(0, 10)],
    });
    const from = new Date(start).getTime();
    const to = from + 7 * 24 * 60 * MINUTE_MS;
    const expected = bruteForceBetween(calendar, from, to);
    assert.is(businessTimeBetween(calendar, new Date(from), new Date(to)), expected);
    const half = Math.floor(expected / 2 / MINUTE_MS) * MINUTE_MS;
    const middle = addBusinessTime(calendar, new Date(from), half);
    assert.is(bruteForceBetween(calendar, from, middle.getTime()), half);
  });
}

crossCheck.run();
