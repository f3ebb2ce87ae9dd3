import { z } from 'zod';
import { isKnownTimeZone } from './local-time.ts';
import { parseOrRefuse } from './validation.ts';

export const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** 'HH:MM' on the local wall clock; '24:00' ends a range at midnight. */
const LocalTime = z
  .string()
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'a local time is HH:MM, from 00:00 to 24:00' });

/** Working time from `start` (included) to `end` (excluded), on one local date. */
export const WorkingRange = z.object({ start: LocalTime, end: LocalTime });
export type WorkingRange = z.infer<typeof WorkingRange>;

const LocalDate = z.string().refine(isRealDate, { message: 'a holiday is a local date YYYY-MM-DD' });

export const BusinessCalendar = z
  .object({
    id: z.string().min(1),
    /** IANA name: the working hours and holidays are read on this zone's wall clock. */
    timeZone: z.string(),
    /** Index 0 = Sunday .. 6 = Saturday; an empty list is a day off. */
    workingHours: z.array(z.array(WorkingRange)).length(7),
    /** Whole local days off, whatever the weekday. */
    holidays: z.array(LocalDate).default([]),
  })
  .superRefine((calendar, context) => {
    if (!isKnownTimeZone(calendar.timeZone)) {
      context.addIssue({
        code: 'custom',
        path: ['timeZone'],
        message: `unknown time zone "${calendar.timeZone}" (an IANA name such as Asia/Tehran)`,
      });
    }
    calendar.workingHours.forEach((ranges, weekday) => {
      for (const message of rangeProblems(ranges, weekday)) {
        context.addIssue({ code: 'custom', path: ['workingHours', weekday], message });
      }
    });
    if (calendar.workingHours.every((ranges) => ranges.length === 0)) {
      context.addIssue({ code: 'custom', path: ['workingHours'], message: 'no working hours on any weekday' });
    }
  });
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

/** Validates a calendar; refuses it (INVALID_INPUT) with every problem listed. */
export const parseBusinessCalendar = (input: unknown): BusinessCalendar =>
  parseOrRefuse(BusinessCalendar, input, 'The business calendar');

export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function rangeProblems(ranges: readonly WorkingRange[], weekday: number): string[] {
  const day = weekdayNames[weekday];
  const problems: string[] = [];
  for (const range of ranges) {
    if (minutesOf(range.end) <= minutesOf(range.start)) {
      problems.push(`${day} ${range.start}-${range.end} ends before it starts`);
    }
  }
  const ordered = [...ranges].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  for (let index = 1; index < ordered.length; index++) {
    const previous = ordered[index - 1];
    const current = ordered[index];
    if (previous && current && minutesOf(current.start) < minutesOf(previous.end)) {
      problems.push(`${day} ${previous.start}-${previous.end} overlaps ${current.start}-${current.end}`);
    }
  }
  return problems;
}

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
