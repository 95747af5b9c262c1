import { createHash } from 'node:crypto';

/**
 * A 24-hex id shaped like a MongoDB ObjectId, as the Hub's `_id` is: creation seconds in the first
 * 4 bytes, then a hash of the repo id, so fixtures are deterministic and ids sort roughly by age.
 */
export function objectIdFor(repoId: string, createdAt: string): string {
  const ms = Date.parse(createdAt);
  const seconds = Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
  const time = (seconds >>> 0).toString(16).padStart(8, '0');
  const rest = createHash('sha1').update(repoId).digest('hex').slice(0, 16);
  return time + rest;
}

/** A deterministic 40-hex commit sha for a fixture. */
export function shaFor(seed: string): string {
  return createHash('sha1').update(`commit:${seed}`).digest('hex');
}
