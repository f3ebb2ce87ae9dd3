import { randomBytes } from 'node:crypto';

// IVs are cut from a pool of random bytes, refilled 4 KiB at a time: each is still fresh CSPRNG
// output used once, and one call to the generator per IV showed as 5% of the writer's time.
export const IV_BYTES = 12;
const POOL_BYTES = IV_BYTES * 341;
let pool = Buffer.alloc(0);
let taken = POOL_BYTES;

/** A fresh 96-bit GCM IV. */
export function freshIv(): Buffer {
  if (taken + IV_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    taken = 0;
  }
  taken += IV_BYTES;
  return pool.subarray(taken - IV_BYTES, taken);
}
