import { colourOf } from './palette.ts';
import { linear, niceTicks } from './scale.ts';

export interface TimeBucket {
  /** The bucket's start (ms since the epoch). */
  readonly start: number;
  /** A value per series, in the order of the series' names. */
  readonly values: readonly number[];
}

const HEIGHT = 200;
const BOTTOM = 24;
const TOP = 8;
const AXIS = 44;

/**
 * Stacked columns over a time range: a column per bucket (its place is its time, so empty periods
 * show as gaps), a series per colour. Time runs in the reading direction: right to left in Persian,
 * with the value axis on the inline-start side.
 */
export function TimeColumns({
  width,
  rtl,
  from,
  to,
  bucketMs,
  buckets,
  formatValue,
  formatTime,
}: {
  width: number;
  rtl: boolean;
  from: number;
  to: number;
  bucketMs: number;
  buckets: readonly TimeBucket[];
  formatValue: (n: number) => string;
  formatTime: (ms: number) => string;
}) {
  const plot = Math.max(width - AXIS - 8, 40);
  const totals = buckets.map((b) => b.values.reduce((sum, v) => sum + v, 0));
  const ticks = niceTicks(Math.max(...totals, 1));
  const top = ticks[ticks.length - 1] ?? 1;
  const y = linear(top, HEIGHT - TOP - BOTTOM);
  const span = to - from;
  // Inline position from the value axis: x(0) is the axis, mirrored in right-to-left.
  const at = (offset: number) => (rtl ? width - AXIS - offset : AXIS + offset);
  const columnWidth = Math.max((bucketMs / span) * plot - 2, 2);
  const place = (start: number) => ((start - from) / span) * plot;
  const labels = Math.max(Math.floor(plot / 90), 2);
  const step = Math.ceil(Math.ceil(span / bucketMs) / labels) * bucketMs;
  const times: number[] = [];
  // A date's label runs on for about 60 px: none starts too close to the end to fit.
  for (let t = from; t < to && place(t) <= plot - 60; t += step) times.push(t);
  const base = HEIGHT - BOTTOM;
  return (
    <svg width={width} height={HEIGHT} aria-hidden="true" className="chart-svg" direction={rtl ? 'rtl' : 'ltr'}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={at(0)} x2={at(plot)} y1={base - y(tick)} y2={base - y(tick)} className="grid" />
          <text x={at(-6)} y={base - y(tick)} dy="0.32em" textAnchor="end" className="tick">
            {formatValue(tick)}
          </text>
        </g>
      ))}
      {buckets.map((bucket) => {
        let stacked = 0;
        const offset = place(bucket.start);
        return (
          <g key={bucket.start}>
            {bucket.values.map((value, series) => {
              if (value <= 0) return null;
              const bottom = stacked;
              stacked += value;
              const x = rtl ? at(offset) - columnWidth : at(offset);
              return (
                <rect
                  // biome-ignore lint/suspicious/noArrayIndexKey: the series' place is its identity
                  key={series}
                  x={x + 1}
                  width={columnWidth}
                  y={base - y(stacked)}
                  height={Math.max(y(stacked) - y(bottom) - 1, 1)}
                  fill={colourOf(series)}
                />
              );
            })}
          </g>
        );
      })}
      <line x1={at(0)} x2={at(plot)} y1={base} y2={base} className="axis" />
      {times.map((time) => (
        <text key={time} x={at(place(time))} y={HEIGHT - 6} textAnchor="start" className="tick">
          {formatTime(time)}
        </text>
      ))}
    </svg>
  );
}
