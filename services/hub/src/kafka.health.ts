import type { DependencyCheck, DependencyStatus } from './health.ts';
import type { KafkaAdminSession } from './kafka-admin.session.ts';

/**
 * Asks the cluster for its brokers over the kept admin connection. Answers within `cacheMs` of
 * the last one are reused and concurrent checks share one request: a load balancer probing every
 * second from several nodes sends the broker a request now and then, not one per probe.
 */
export function kafkaHealth(session: KafkaAdminSession, options: { cacheMs?: number } = {}): DependencyCheck {
  const cacheMs = options.cacheMs ?? 2000;
  let last: { at: number; status: Promise<DependencyStatus> } | undefined;
  const ask = async (): Promise<DependencyStatus> => {
    try {
      const cluster = await session.use((admin) => admin.describeCluster());
      return { ok: true, kind: 'kafka', detail: `${cluster.brokers.length} broker(s)` };
    } catch (error) {
      return { ok: false, kind: 'kafka', detail: error instanceof Error ? error.message : String(error) };
    }
  };
  return {
    name: 'bus',
    check() {
      const now = Date.now();
      if (!last || now - last.at >= cacheMs) last = { at: now, status: ask() };
      return last.status;
    },
  };
}
