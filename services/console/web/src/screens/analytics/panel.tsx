import { type ReactNode, useId } from 'react';
import { useAnalyticsLocale } from '../../i18n-analytics.ts';
import type { Report } from './use-report.ts';

/**
 * A chart's card: its title, its CSV download, its own controls, and the chart once its figures
 * are in (or why they are not: loading, refused, not available on this hub, failed, empty).
 */
export function Panel<T>({
  title,
  csv,
  report,
  controls,
  note,
  isEmpty,
  children,
}: {
  title: string;
  csv?: string | undefined;
  report: Report<T>;
  controls?: ReactNode;
  note?: string | undefined;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const { n, t } = useAnalyticsLocale();
  const id = useId();
  return (
    <section className="card panel" aria-labelledby={id} data-panel={title} data-state={report.state}>
      <header className="panel-head">
        <h3 id={id}>{title}</h3>
        {csv && report.state === 'ready' && (
          <a className="csv-link" href={csv} download>
            {n.downloadCsv}
            <span className="visually-hidden"> ({title})</span>
          </a>
        )}
      </header>
      {controls}
      {report.state === 'loading' && <p className="muted">{t.loading}</p>}
      {report.state === 'forbidden' && (
        <p className="notice" role="alert" data-forbidden>
          {n.forbidden}
        </p>
      )}
      {report.state === 'unavailable' && (
        <p className="muted unavailable" data-unavailable>
          {n.notAvailable}
        </p>
      )}
      {report.state === 'failed' && (
        <p className="error" role="alert">
          {t.error}
          {report.detail ? `: ${report.detail}` : ''}
        </p>
      )}
      {report.state === 'ready' &&
        (isEmpty?.(report.data) ? <p className="muted empty">{n.noData}</p> : children(report.data))}
      {note && <p className="muted panel-note">{note}</p>}
    </section>
  );
}

/** A panel's choice among a few options (metric, hours, grouping), as a labelled select. */
export function Choice<V extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: V;
  options: readonly (readonly [V, string])[];
  onChange: (value: V) => void;
}) {
  return (
    <label className="inline choice">
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value as V)}>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
