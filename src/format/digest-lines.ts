import type { ReleaseView } from '../platforms/release-view.js';
import { summarizeRelease, type ReleaseSummary } from './release-summary.js';

/** The one-line facts of each release in a digest, worded once for every platform. */
export function digestEntries(
  releases: readonly ReleaseView[],
  hubUrl: string,
): { summary: ReleaseSummary; facts: string }[] {
  return releases.map((release) => {
    const summary = summarizeRelease(release, hubUrl);
    const variants = summary.variants.length
      ? `+${summary.variants.length} variant${summary.variants.length > 1 ? 's' : ''}`
      : undefined;
    const facts = [summary.size, summary.task, summary.license, variants].filter(Boolean).join(' · ');
    return { summary, facts };
  });
}

export function digestTitle(count: number): string {
  return `floodwatch digest: ${count} release${count === 1 ? '' : 's'}`;
}
