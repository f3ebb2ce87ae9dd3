import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { colourOf, dashOf } from './palette.ts';

/** The figures behind a chart, as a table screen readers read (hidden from sight: the chart shows them). */
export interface FigureTable {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * A chart as an image with a text summary (`role="img"`, its name the summary) and, for those who
 * cannot see it, the same figures as a table. The SVG is drawn at the width it is given, so its
 * words stay the size of the page's at every screen width.
 */
export function ChartFigure({
  summary,
  table,
  children,
}: {
  summary: string;
  table: FigureTable;
  children: (width: number) => ReactNode;
}) {
  const [width, measure] = useWidth();
  return (
    <div className="chart" ref={measure}>
      <div role="img" aria-label={summary} className="chart-image">
        {width > 0 && children(width)}
      </div>
      <p className="chart-summary" aria-hidden="true">
        {summary}
      </p>
      <FiguresTable table={table} />
    </div>
  );
}

export function FiguresTable({ table }: { table: FigureTable }) {
  return (
    // A table keeps its content's width whatever its own: the box around it is what is hidden.
    <div className="visually-hidden">
      <table className="chart-table">
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.join('\u241f')}>
              {row.map((cell, j) => {
                const column = table.columns[j] ?? String(j);
                return j === 0 ? (
                  <th key={column} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={column}>{cell}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The series' names beside their colour and line pattern. */
export function Legend({ names }: { names: readonly string[] }) {
  if (names.length < 2) return null;
  return (
    <ul className="chart-legend" aria-hidden="true">
      {names.map((name, i) => (
        <li key={name}>
          <svg width="22" height="10" aria-hidden="true">
            <line x1="1" x2="21" y1="5" y2="5" stroke={colourOf(i)} strokeWidth="6" strokeDasharray={dashOf(i)} />
          </svg>
          <bdi>{name}</bdi>
        </li>
      ))}
    </ul>
  );
}

/** The element's content width, followed as the window changes. */
function useWidth(): [number, (element: HTMLDivElement | null) => void] {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | undefined>(undefined);
  useEffect(() => () => observer.current?.disconnect(), []);
  const measure = useCallback((element: HTMLDivElement | null) => {
    observer.current?.disconnect();
    if (!element) return;
    observer.current = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.current.observe(element);
  }, []);
  return [width, measure];
}
