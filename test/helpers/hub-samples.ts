import { readFileSync } from 'node:fs';

/** A real Hub response kept in test/fixtures/hub-samples, parsed. */
export function hubSample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/hub-samples/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}
