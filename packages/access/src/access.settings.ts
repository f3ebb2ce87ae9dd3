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
}

export const defaultAccessSettings: AccessSettings = Object.freeze({
  sessionIdleMs: 12 * HOUR_MS,
  sessionMaxMs: 7 * 24 * HOUR_MS,
  failuresPerEmail: 5,
  failuresPerAddress: 20,
  failureWindowMs: 15 * 60 * 1000,
  scryptCost: defaultScryptCost,
});
