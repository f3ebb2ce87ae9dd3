export {
  BusinessCalendar,
  parseBusinessCalendar,
  WorkingRange,
  weekdayNames,
} from './business-calendar.schema.ts';
export { addBusinessTime, businessTimeBetween, isBusinessTime } from './business-calendar.ts';
