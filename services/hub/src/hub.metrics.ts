import type { Logger } from '@hub/logger';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ProjectionProbe } from './projection.health.ts';

/** Lag of the timeline writer: Kafka consumer lag per partition, or what the in-process log holds. */
export type WriterLagSource = () => Promise<readonly { readonly partition: string; readonly messages: number }[]>;

export interface MetricSources {
  readonly projections?: readonly ProjectionProbe[];
  readonly writerLag?: WriterLagSource;
  /** Dead letters kept, by log. */
  readonly deadLetters?: () => Promise<number>;
  readonly now?: () => Date;
}

export interface HubMetrics {
  readonly registry: Registry;
  observeRequest(labels: { route: string; method: string; status: number }, seconds: number): void;
  /** Interactions handed to the interaction log, by channel (every entry point: HTTP, SMTP, IMAP, widget). */
  countAccepted(channel: string, interactions: number): void;
  /** Intake requests answered with a problem, by channel and error code. */
  countRefused(channel: string, code: string): void;
}

/**
 * The hub's metrics on a registry of its own, made by the composition root (never prom-client's
 * global one, so two hubs in one test process never share counters). Gauges are read from their
 * sources when scraped; a source that fails leaves its gauge empty for that scrape rather than
 * failing the whole page, and the log says why.
 */
export function createHubMetrics(sources: MetricSources, logger: Logger): HubMetrics {
  const registry = new Registry();
  const now = sources.now ?? (() => new Date());
  const log = logger.child({ component: 'metrics' });
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'hub_http_requests_total',
    help: 'HTTP requests answered, by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'hub_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const accepted = new Counter({
    name: 'hub_intake_accepted_total',
    help: 'Interactions accepted into the interaction log, by channel',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  const refused = new Counter({
    name: 'hub_intake_refused_total',
    help: 'Intake requests refused with a problem, by channel and error code',
    labelNames: ['channel', 'code'] as const,
    registers: [registry],
  });

  const guarded = async (what: string, gauge: Gauge, work: () => Promise<void>) => {
    gauge.reset();
    try {
      await work();
    } catch (error) {
      gauge.reset();
      log.warn({ err: error, metric: what }, 'metric source failed; left out of this scrape');
    }
  };

  if (sources.writerLag) {
    const writerLag = sources.writerLag;
    new Gauge({
      name: 'hub_writer_lag_messages',
      help: 'Interactions in the log not yet recorded by the timeline writer, by partition',
      labelNames: ['partition'] as const,
      registers: [registry],
      async collect() {
        await guarded('hub_writer_lag_messages', this, async () => {
          for (const { partition, messages } of await writerLag()) this.set({ partition }, messages);
        });
      },
    });
  }

  const projections = sources.projections ?? [];
  new Gauge({
    name: 'hub_projection_state',
    help: 'A projection state (running, caught-up, retrying) is 1 when it is in it',
    labelNames: ['projection', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const probe of projections) {
        const status = probe.status();
        for (const state of ['running', 'caught-up', 'retrying'] as const)
          this.set({ projection: status.name, state }, status.state === state ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'hub_projection_failed_attempts',
    help: 'Failed attempts at the page a projection is retrying; 0 when healthy',
    labelNames: ['projection'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const probe of projections) this.set({ projection: probe.status().name }, probe.status().attempts);
    },
  });
  // Both lag gauges ask `lag()`; the runner caches its answer for a second, so one scrape reads once.
  new Gauge({
    name: 'hub_projection_lag_events',
    help: 'Events after a projection checkpoint (counted up to a cap)',
    labelNames: ['projection'] as const,
    registers: [registry],
    async collect() {
      await guarded('hub_projection_lag_events', this, async () => {
        for (const probe of projections) this.set({ projection: probe.status().name }, (await probe.lag()).events);
      });
    },
  });
  new Gauge({
    name: 'hub_projection_oldest_unprojected_age_seconds',
    help: 'Age of the oldest event a projection has not applied yet; 0 when caught up',
    labelNames: ['projection'] as const,
    registers: [registry],
    async collect() {
      await guarded('hub_projection_oldest_unprojected_age_seconds', this, async () => {
        const at = now().getTime();
        for (const probe of projections) {
          const oldest = (await probe.lag()).oldestUnprojectedAt;
          this.set({ projection: probe.status().name }, oldest ? Math.max(0, (at - oldest.getTime()) / 1000) : 0);
        }
      });
    },
  });

  if (sources.deadLetters) {
    const deadLetters = sources.deadLetters;
    new Gauge({
      name: 'hub_dead_letters',
      help: 'Interactions kept as dead letters, waiting for a fix and a redrive',
      registers: [registry],
      async collect() {
        await guarded('hub_dead_letters', this, async () => this.set(await deadLetters()));
      },
    });
  }

  return {
    registry,
    observeRequest(labels, seconds) {
      const values = { ...labels, status: String(labels.status) };
      requests.inc(values);
      durations.observe(values, seconds);
    },
    countAccepted: (channel, interactions) => accepted.inc({ channel }, interactions),
    countRefused: (channel, code) => refused.inc({ channel, code }),
  };
}
