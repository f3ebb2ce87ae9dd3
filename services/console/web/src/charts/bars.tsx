import { colourOf, dashOf } from './palette.ts';
import { linear } from './scale.ts';

export interface BarGroup {
  readonly label: string;
  /** A value per series (null: no figure), in the order of the series. */
  readonly values: readonly (number | null)[];
}

const LABEL = 20;
const BAR = 14;
const GAP = 10;
const VALUE = 78;

/**
 * Horizontal bars, a group per row (its name above its bars), a bar per series. Bars grow in the
 * reading direction (leftwards in Persian), each followed by its figure, so long names and
 * narrow screens both fit.
 */
export function Bars({
  width,
  rtl,
  groups,
  max,
  formatValue,
}: {
  width: number;
  rtl: boolean;
  groups: readonly BarGroup[];
  /** The scale's top (the largest value when absent). */
  max?: number;
  formatValue: (n: number) => string;
}) {
  const plot = Math.max(width - VALUE, 40);
  const top = max ?? Math.max(...groups.flatMap((g) => g.values.map((v) => v ?? 0)), 1);
  const x = linear(top, plot);
  const at = (offset: number) => (rtl ? width - offset : offset);
  const series = groups[0]?.values.length ?? 1;
  const groupHeight = LABEL + series * BAR + GAP;
  return (
    <svg
      width={width}
      height={groups.length * groupHeight}
      aria-hidden="true"
      className="chart-svg"
      direction={rtl ? 'rtl' : 'ltr'}
    >
      {groups.map((group, g) => {
        const top_ = g * groupHeight;
        return (
          <g key={group.label}>
            <text x={at(0)} y={top_ + 14} textAnchor="start" className="bar-label">
              {group.label}
            </text>
            {group.values.map((value, s) => {
              const length = value === null ? 0 : Math.max(x(value), value > 0 ? 2 : 0);
              const y = top_ + LABEL + s * BAR;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: the series' place is its identity
                <g key={s}>
                  <rect
                    x={rtl ? width - length : 0}
                    y={y}
                    width={length}
                    height={BAR - 3}
                    fill={colourOf(s)}
                    stroke={colourOf(s)}
                    strokeDasharray={dashOf(s)}
                  />
                  <text x={at(length + 4)} y={y + BAR / 2 - 1} dy="0.32em" textAnchor="start" className="tick">
                    {value === null ? '–' : formatValue(value)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
