import { isStalled, type ProjectionLag, type ProjectionStatus } from '@hub/projections';
import { within } from './health.ts';

/** What readiness needs of a running projection (`RunningProjection` is one). */
export interface ProjectionProbe {
  status(): ProjectionStatus;
  lag(): Promise<ProjectionLag>;
}

export interface ProjectionReport {
  readonly state: ProjectionStatus['state'];
  /** Retrying for at least the stall threshold: readiness fails. */
  readonly stalled: boolean;
  readonly checkpoint: string | null;
  readonly attempts: number;
  readonly lastErrorCode?: string;
  readonly failingSince?: string;
  readonly lag:
    | { readonly events: number; readonly atLeast: boolean; readonly oldestUnprojectedAgeSeconds: number }
    | { readonly error: string };
}

export async function reportProjection(
  probe: ProjectionProbe,
  now: Date,
  stallThresholdMs: number,
  timeoutMs: number,
): Promise<[string, ProjectionReport]> {
  const status = probe.status();
  const measured = probe.lag().then(
    (measured) => ({
      events: measured.events,
      atLeast: measured.atLeast,
      oldestUnprojectedAgeSeconds: measured.oldestUnprojectedAt
        ? Math.max(0, (now.getTime() - measured.oldestUnprojectedAt.getTime()) / 1000)
        : 0,
    }),
    // The store being down already fails readiness through its own check.
    (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
  );
  const lag = await within(measured, timeoutMs, () => ({ error: `no answer in ${timeoutMs} ms` }));
  return [
    status.name,
    {
      state: status.state,
      stalled: isStalled(status, now, stallThresholdMs),
      checkpoint: status.checkpoint ?? null,
      attempts: status.attempts,
      ...(status.lastErrorCode ? { lastErrorCode: status.lastErrorCode } : {}),
      ...(status.failingSince ? { failingSince: status.failingSince.toISOString() } : {}),
      lag,
    },
  ];
}
