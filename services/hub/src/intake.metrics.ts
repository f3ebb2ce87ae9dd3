import type { InteractionIntake } from '@hub/interactions';
import type { HubMetrics } from './hub.metrics.ts';

export interface CountingIntake extends InteractionIntake {
  /** Interactions handed over and not yet answered: on the in-process log, the writer's backlog. */
  inFlight(): number;
}

/** The intake, counting what it accepts per channel: every entry point (HTTP, SMTP, IMAP, widget) goes through it. */
export function countingIntake(intake: InteractionIntake, metrics: HubMetrics): CountingIntake {
  let inFlight = 0;
  return {
    async accept(interactions, raw) {
      inFlight += interactions.length;
      try {
        const receipt = await intake.accept(interactions, raw);
        metrics.countAccepted(raw.channel, interactions.length);
        return receipt;
      } finally {
        inFlight -= interactions.length;
      }
    },
    recordParseFailure: (raw, reason) => intake.recordParseFailure(raw, reason),
    inFlight: () => inFlight,
  };
}
