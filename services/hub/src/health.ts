/** One thing the hub needs to serve; `/health/ready` asks each in parallel. */
export interface DependencyCheck {
  readonly name: string;
  check(): Promise<DependencyStatus>;
}

export interface DependencyStatus {
  readonly ok: boolean;
  /** What it is (`pglite`, `postgres`, `kafka`, ...), shown to operators. */
  readonly kind: string;
  readonly detail?: string;
}

export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly dependencies: Readonly<Record<string, DependencyStatus>>;
}

/** Settles with `work`'s answer, or with `late` once `timeoutMs` passes: a hung check never hangs a probe. */
export async function within<T>(work: Promise<T>, timeoutMs: number, late: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late()), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(checks: readonly DependencyCheck[], timeoutMs: number): Promise<HealthReport> {
  const statuses = await Promise.all(
    checks.map(async (dependency): Promise<[string, DependencyStatus]> => {
      const status = await within(
        dependency.check().catch(
          (error: unknown): DependencyStatus => ({
            ok: false,
            kind: dependency.name,
            detail: error instanceof Error ? error.message : String(error),
          }),
        ),
        timeoutMs,
        () => ({ ok: false, kind: dependency.name, detail: `no answer in ${timeoutMs} ms` }),
      );
      return [dependency.name, status];
    }),
  );
  return {
    status: statuses.every(([, s]) => s.ok) ? 'ok' : 'degraded',
    dependencies: Object.fromEntries(statuses),
  };
}
