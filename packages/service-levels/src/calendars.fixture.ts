import { type BusinessCalendar, parseBusinessCalendar } from './business-calendar.schema.ts';

const nineToFive = [{ start: '09:00', end: '17:00' }];

/** Monday to Friday 09:00-17:00 in the given zone. */
export const officeWeek = (timeZone: string, holidays: string[] = []): BusinessCalendar =>
  parseBusinessCalendar({
    id: `office-${timeZone}`,
    timeZone,
    workingHours: [[], nineToFive, nineToFive, nineToFive, nineToFive, nineToFive, []],
    holidays,
  });

const tehranDay = [{ start: '08:00', end: '16:00' }];

/** Saturday to Wednesday 08:00-16:00, Thursday 08:00-12:00, Friday off; Nowruz 1406 off. */
export const tehranOffice: BusinessCalendar = parseBusinessCalendar({
  id: 'tehran-office',
  timeZone: 'Asia/Tehran',
  workingHours: [tehranDay, tehranDay, tehranDay, tehranDay, [{ start: '08:00', end: '12:00' }], [], tehranDay],
  holidays: ['2027-03-21', '2027-03-22', '2027-03-23', '2027-03-24'],
});
