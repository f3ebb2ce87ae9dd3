import { granularities, responseMetrics, socialGroups, timeGroups, volumeGroups } from '@hub/analytics';
import { z } from 'zod';

// The analyst API's query strings. Ranges are bounded by the detail asked for, so a report is a
// few thousand rows at most: hours over 31 days, days over two years, weeks or totals over ten.

const DAY_MS = 24 * 60 * 60 * 1000;
export const maxRangeDays = { hour: 31, day: 731, week: 3653, total: 3653 } as const;

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const Instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
export const formats = ['json', 'csv'] as const;

const range = {
  from: Instant.meta({ description: 'start of the range (included), an ISO 8601 instant' }),
  to: Instant.meta({ description: 'end of the range (excluded)' }),
  asOf: Instant.optional().meta({
    description: 'the figures as they stood then: only events recorded at or before it',
  }),
  format: z.enum(formats).default('json').meta({ description: '`csv` answers text/csv, one row per line' }),
};
const filters = {
  channel: z.enum(['email', 'webform', 'phone', 'chat', 'social', 'generic']).optional(),
  team: z.string().trim().min(1).max(100).optional().meta({ description: 'a team id' }),
};
const series = {
  granularity: z.enum(granularities).default('day'),
  timeZone: z
    .string()
    .max(100)
    .default('UTC')
    .refine(isTimeZone, { message: 'an IANA time zone such as Europe/Berlin' })
    .meta({ description: 'the clock hours, days and weeks (from Monday) are cut on' }),
};

type Ranged = { from: Date; to: Date; granularity?: keyof typeof maxRangeDays };
const checkRange = (query: Ranged, context: z.RefinementCtx) => {
  // Runs even when `from` or `to` was refused already (zod reports every problem at once).
  if (!(query.from instanceof Date) || !(query.to instanceof Date)) return;
  if (query.from.getTime() >= query.to.getTime()) {
    context.addIssue({ code: 'custom', path: ['to'], message: '`to` must be after `from`' });
    return;
  }
  const limit = maxRangeDays[query.granularity ?? 'total'];
  if (query.to.getTime() - query.from.getTime() > limit * DAY_MS)
    context.addIssue({
      code: 'custom',
      path: ['to'],
      message: `at most ${limit} days ${query.granularity ? `by ${query.granularity}` : 'at once'}`,
    });
};

export const VolumesQuery = z
  .object({
    ...range,
    ...filters,
    ...series,
    groupBy: z.enum(volumeGroups).optional(),
    direction: z.enum(['inbound', 'outbound']).optional(),
  })
  .superRefine(checkRange);

export const ResponseTimesQuery = z
  .object({
    ...range,
    ...filters,
    metric: z.enum(responseMetrics).default('first'),
    hours: z.enum(['calendar', 'business']).default('calendar'),
    groupBy: z.enum(timeGroups).optional(),
  })
  .superRefine(checkRange);

export const GroupedQuery = z
  .object({ ...range, ...filters, groupBy: z.enum(timeGroups).optional() })
  .superRefine(checkRange);

export const ChannelsQuery = z
  .object({
    ...range,
    customer: z.string().uuid().optional().meta({ description: 'one customer (and whoever was merged into them)' }),
  })
  .superRefine(checkRange);

export const SocialQuery = z
  .object({
    ...range,
    ...series,
    groupBy: z.enum(socialGroups).optional(),
    network: z.enum(['facebook', 'instagram', 'erased']).optional(),
  })
  .superRefine(checkRange);

const Key = z
  .string()
  .nullable()
  .meta({ description: 'the group (channel, team id, agent id, ...); null when not grouped' });

export const VolumesReport = z.object({
  rows: z.array(z.object({ bucket: z.string(), key: Key, interactions: z.number().int() })),
});
export const ResponseTimesReport = z.object({
  unit: z.literal('seconds'),
  rows: z.array(
    z.object({
      key: Key,
      count: z.number().int(),
      p50: z.number().nullable(),
      p90: z.number().nullable(),
      p99: z.number().nullable(),
      average: z.number().nullable(),
    }),
  ),
});
export const SlaReport = z.object({
  rows: z.array(
    z.object({
      key: Key,
      target: z.string(),
      met: z.number().int(),
      breached: z.number().int(),
      compliance: z.number().nullable(),
    }),
  ),
});
export const CsatReport = z.object({
  rows: z.array(
    z.object({
      key: Key,
      requested: z.number().int(),
      rated: z.number().int(),
      responseRate: z.number().nullable(),
      average: z.number().nullable(),
      csat: z.number().nullable().meta({ description: 'share of ratings of 4 or 5' }),
      distribution: z.array(z.number().int()).meta({ description: 'how many ratings of 1, 2, 3, 4 and 5' }),
    }),
  ),
});
export const ChannelsReport = z.object({
  preference: z.array(z.object({ channel: z.string(), contacts: z.number().int(), share: z.number() })),
  preferredBy: z.array(z.object({ channel: z.string(), customers: z.number().int() })),
  transitions: z.array(z.object({ from: z.string(), to: z.string(), count: z.number().int() })),
  switches: z.number().int(),
});
export const SocialReport = z.object({
  rows: z.array(
    z.object({
      bucket: z.string(),
      network: z.string(),
      key: Key,
      comments: z.number().int(),
      messages: z.number().int(),
    }),
  ),
});
