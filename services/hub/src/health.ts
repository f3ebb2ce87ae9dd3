/** One thing the hub needs to serve; `/health` asks each in parallel. */
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

export async function checkHealth(checks: readonly DependencyCheck[], timeoutMs: number): Promise<HealthReport> {
  const statuses = await Promise.all(
    checks.map(async (dependency): Promise<[string, DependencyStatus]> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<DependencyStatus>((resolve) => {
        timer = setTimeout(
          () => resolve({ ok: false, kind: dependency.name, detail: `no answer in ${timeoutMs} ms` }),
          timeoutMs,
        );
      });
      const status = await Promise.race([
        dependency.check().catch(
          (error: unknown): DependencyStatus => ({
            ok: false,
            kind: dependency.name,
            detail: error instanceof Error ? error.message : String(error),
          }),
        ),
        timeout,
      ]);
      clearTimeout(timer);
      return [dependency.name, status];
    }),
  );
  return {
    status: statuses.every(([, s]) => s.ok) ? 'ok' : 'degraded',
    dependencies: Object.fromEntries(statuses),
  };
}
