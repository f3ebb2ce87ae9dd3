import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { describeProblem } from '../../api/client.ts';
import { type AdminMessages, useAdminLocale } from '../../i18n-admin.ts';

/** What openapi-fetch answers: the data, or the problem, and the response. */
export interface Answer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'forbidden' }
  | { readonly state: 'failed'; readonly detail: string }
  | { readonly state: 'ready'; readonly data: T };

const loadedOf = <T,>(answer: Answer<T>): Loaded<T> => {
  if (answer.response.status === 403) return { state: 'forbidden' };
  if (answer.data === undefined) return { state: 'failed', detail: describeProblem(answer.error).detail };
  return { state: 'ready', data: answer.data };
};

/**
 * What an admin screen shows, read from the API whenever `key` changes or `reload` is called. A
 * reload keeps the data shown until the new answer comes, so forms do not flicker away. Lists
 * come from read models that follow the writes a moment later: `reload(settled)` reads again,
 * a few times a second for up to 5 s, until the list shows the change.
 */
export function useAdminData<T>(load: () => Promise<Answer<T>>, key: unknown = 0) {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  const awaited = useRef<{ settled: (data: T) => boolean; until: number } | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` and `version` are the nudges to refetch
  useEffect(() => {
    let current = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const answered = latest
      .current()
      .catch((error: unknown): Answer<T> => ({ error: { detail: String(error) }, response: Response.error() }));
    void answered.then((answer) => {
      if (!current) return;
      const next = loadedOf(answer);
      const wait = awaited.current;
      if (wait && next.state === 'ready' && !wait.settled(next.data) && Date.now() < wait.until) {
        retry = setTimeout(() => setVersion((n) => n + 1), 250);
      } else awaited.current = undefined;
      setLoaded(next);
    });
    return () => {
      current = false;
      clearTimeout(retry);
    };
  }, [key, version]);
  const reload = (settled?: (data: T) => boolean) => {
    awaited.current = settled ? { settled, until: Date.now() + 5_000 } : undefined;
    setVersion((n) => n + 1);
  };
  return { loaded, reload };
}

/** The page's state while it has nothing to show: loading, not allowed, or failed. */
export function NotReady({ loaded }: { loaded: Loaded<unknown> }) {
  const { a, t } = useAdminLocale();
  if (loaded.state === 'forbidden')
    return (
      <p className="notice" role="alert" data-forbidden>
        {a.forbidden}
      </p>
    );
  if (loaded.state === 'failed')
    return (
      <p className="error" role="alert">
        {t.error}
        {loaded.detail ? `: ${loaded.detail}` : ''}
      </p>
    );
  if (loaded.state === 'loading') return <p className="muted">{t.loading}</p>;
  return null;
}

export interface Outcome {
  readonly ok: boolean;
  readonly text: string;
}

/** What a change's answer means to the person who made it. */
export function outcomeOf(a: AdminMessages, answer: Answer<unknown>, done: string): Outcome {
  if (answer.response.ok) return { ok: true, text: done };
  if (answer.response.status === 403) return { ok: false, text: a.forbidden };
  const problem = describeProblem(answer.error);
  if (answer.response.status === 409 && problem.code === 'WRONG_EXPECTED_REVISION') return { ok: false, text: a.stale };
  return { ok: false, text: problem.detail || problem.code };
}

/** The last change's outcome, announced to screen readers. */
export function OutcomeLine({ outcome }: { outcome: Outcome | undefined }) {
  return (
    <p className={outcome?.ok === false ? 'outcome error' : 'outcome'} role="status">
      {outcome?.text ?? ''}
    </p>
  );
}

/** The form's named fields as strings. */
export const fieldsOf = (form: HTMLFormElement) => {
  const data = new FormData(form);
  return (name: string) => String(data.get(name) ?? '').trim();
};

/** A labelled control with a hint after it, read out after its name (aria-describedby). */
export function Hinted({
  label,
  hint,
  children,
}: {
  label: string;
  hint: string;
  children: (control: { id: string; 'aria-describedby': string }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="hinted">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': hintId })}
      <span id={hintId} className="hint">
        {hint}
      </span>
    </div>
  );
}
