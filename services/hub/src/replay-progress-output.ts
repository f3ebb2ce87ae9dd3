import { estimateReplay, progressLine, renderProgressBar } from '@hub/projections';

/** Where progress is shown: stderr in the CLI, a fake in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface ProgressOutput {
  update(events: number, total?: number): void;
  /** The last figures, and a newline after the bar. */
  finish(summary: string): void;
}

/**
 * A replay's progress for a person: on a terminal a bar redrawn in place (at most every
 * `redrawMs`), elsewhere (a pipe, a log collector) a plain line every `lineEveryMs`, so a log
 * file gets a readable history, not a thousand carriage returns.
 */
export function createProgressOutput(
  stream: ProgressStream,
  label: string,
  settings: { readonly lineEveryMs?: number; readonly redrawMs?: number; readonly clock?: () => number } = {},
): ProgressOutput {
  const clock = settings.clock ?? (() => Date.now());
  const tty = stream.isTTY === true;
  const every = tty ? (settings.redrawMs ?? 100) : (settings.lineEveryMs ?? 3000);
  const startedAt = clock();
  let shownAt = startedAt;
  let drawn = false;
  const figures = (events: number, total: number | undefined) =>
    estimateReplay({ events, ...(total === undefined ? {} : { total }), elapsedMs: clock() - startedAt });
  const draw = (events: number, total: number | undefined) => {
    drawn = true;
    stream.write(`\r${renderProgressBar(label, figures(events, total), (stream.columns ?? 80) - 1)}\x1b[K`);
  };
  return {
    update(events, total) {
      const at = clock();
      if (at - shownAt < every) return;
      shownAt = at;
      if (tty) draw(events, total);
      else stream.write(`${progressLine(label, figures(events, total))}\n`);
    },
    finish(summary) {
      stream.write(`${tty && drawn ? '\r\x1b[K' : ''}${label}: ${summary}\n`);
    },
  };
}
