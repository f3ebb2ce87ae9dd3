import { useEffect, useRef, useState } from 'react';
import { describeProblem } from '../../api/client.ts';

/** What openapi-fetch (or fetch) answered: the data, or the problem, and the response. */
export interface ReportAnswer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

export type Report<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'forbidden' }
  /** The hub has no such figure (its API answered 404): shown as not available, not as a failure. */
  | { readonly state: 'unavailable' }
  | { readonly state: 'failed'; readonly detail: string }
  | { readonly state: 'ready'; readonly data: T };

const reportOf = <T>(answer: ReportAnswer<T>): Report<T> => {
  if (answer.response.status === 403) return { state: 'forbidden' };
  if (answer.response.status === 404) return { state: 'unavailable' };
  if (answer.data === undefined) return { state: 'failed', detail: describeProblem(answer.error).detail };
  return { state: 'ready', data: answer.data };
};

/** A report read from the API whenever `key` (the filters, as a string) changes; the newest answer wins. */
export function useReport<T>(load: () => Promise<ReportAnswer<T>>, key: string): Report<T> {
  const [report, setReport] = useState<Report<T>>({ state: 'loading' });
  const latest = useRef(load);
  latest.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the nudge to refetch
  useEffect(() => {
    let current = true;
    setReport({ state: 'loading' });
    void latest
      .current()
      .catch((error: unknown): ReportAnswer<T> => ({ error: { detail: String(error) }, response: Response.error() }))
      .then((answer) => {
        if (current) setReport(reportOf(answer));
      });
    return () => {
      current = false;
    };
  }, [key]);
  return report;
}
