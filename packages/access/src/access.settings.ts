import { defaultScryptCost, type ScryptCost } from './secrets.ts';

const HOUR_MS = 60 * 60 * 1000;

export interface AccessSettings {
  /** A session unused this long ends (sliding: each use extends it). */
  readonly sessionIdleMs: number;
  /** A session ends this long after sign-in, however much it is used. */
  readonly sessionMaxMs: number;
  /** Failed sign-ins per email within the window before 429. */
  readonly failuresPerEmail: number;
  /** Failed sign-ins per client address within the window before 429 (many emails, one client). */
  readonly failuresPerAddress: number;
  readonly failureWindowMs: number;
  readonly scryptCost: ScryptCost;
  /**
   * How long a process trusts a session it has checked (1 s) before it asks the database again.
   * A sign-out, deactivation or role change made through this process applies at once; made
   * through another process, within this time.
   */
  readonly sessionCacheMs: number;
}

export const defaultAccessSettings: AccessSettings = Object.freeze({
  sessionIdleMs: 12 * HOUR_MS,
  sessionMaxMs: 7 * 24 * HOUR_MS,
  failuresPerEmail: 5,
  failuresPerAddress: 20,
  failureWindowMs: 15 * 60 * 1000,
  scryptCost: defaultScryptCost,
  sessionCacheMs: 1000,
});
