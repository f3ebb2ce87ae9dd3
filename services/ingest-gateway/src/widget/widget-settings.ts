import { HubError } from '@hub/errors';

/**
 * The widget endpoint is public: anyone can open it. What keeps it usable is that every visitor
 * pays for what they send: a frame size cap, per-connection write and frame rates, a cap on open
 * connections per address, a deadline for `hello`, and a budget of bad frames. The origin
 * allow-list only stops other websites from embedding the chat in their pages (browsers send an
 * Origin they cannot forge); scripts outside a browser can send any Origin, so it is not auth.
 */
export interface WidgetSettings {
  /** Origins (`https://shop.example`) whose pages may open the chat; empty: any (development). */
  readonly allowedOrigins: readonly string[];
  /** Bigger frames close the connection with 1009 before they are read. */
  readonly maxFrameBytes: number;
  readonly maxTextLength: number;
  /** `message` and `identify` frames, per connection. */
  readonly messagesPerMinute: number;
  /** Frames of any type, per connection; beyond it the connection is closed (1008). */
  readonly framesPerMinute: number;
  readonly maxConnectionsPerAddress: number;
  readonly helloTimeoutMs: number;
  /** Refused frames a connection may send before it is closed (1008). */
  readonly maxBadFrames: number;
}

export const defaultWidgetSettings: WidgetSettings = Object.freeze({
  allowedOrigins: [],
  // 4,000 characters of any script (3 bytes each at most in UTF-8) plus the JSON around them.
  maxFrameBytes: 16 * 1024,
  maxTextLength: 4000,
  messagesPerMinute: 20,
  framesPerMinute: 120,
  maxConnectionsPerAddress: 20,
  helloTimeoutMs: 10_000,
  maxBadFrames: 10,
});

/** A sliding window: at most `limit` events in any `windowMs`. */
export function createRateWindow(limit: number, windowMs: number) {
  const times: number[] = [];
  return {
    /** Counts one event at `now` (ms); false when it is over the limit (and then not counted). */
    take(now: number): boolean {
      while (times.length > 0 && (times[0] ?? 0) <= now - windowMs) times.shift();
      if (times.length >= limit) return false;
      times.push(now);
      return true;
    },
  };
}

const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    throw new HubError('INVALID_CONFIGURATION', `widget allowed origin ${JSON.stringify(url)} is not a URL`);
  }
};

/** The allowed origins, normalised (`URL.origin`), plus the hub's own for the demo page. */
export function originPolicy(
  allowedOrigins: readonly string[],
  publicUrl: string,
): (origin: string | undefined) => boolean {
  if (allowedOrigins.length === 0) return () => true;
  const allowed = new Set([...allowedOrigins, publicUrl].map(originOf));
  return (origin) => origin !== undefined && allowed.has(origin);
}
