import type { ReleaseView } from '../release-view.js';
import { summarizeRelease } from '../../format/release-summary.js';

/** One readable block of plain text per release. */
export function formatConsoleAlert(release: ReleaseView, hubUrl: string): string {
  const s = summarizeRelease(release, hubUrl);
  const facts = [
    s.task && `task ${s.task}`,
    s.size && `size ${s.size}`,
    s.license && `license ${s.license}`,
    s.gated && `gated ${s.gated}`,
  ].filter(Boolean);
  const lines = [
    `${s.labLine} · ${s.headline}`,
    `  ${s.url}`,
    ...(facts.length > 0 ? [`  ${facts.join(' · ')}`] : []),
    `  created ${s.created ?? 'unknown'} · first seen public ${s.firstSeen}`,
    ...(s.about ? [`  what: ${s.about}`] : []),
    ...s.notes.map(([label, text]) => `  ${label.toLowerCase()}: ${text}`),
  ];
  if (s.models.length > 1 || (s.models.length === 1 && s.models[0] !== s.title))
    lines.push(`  models: ${s.models.join(', ')}`);
  if (s.variants.length > 0) lines.push(`  variants: ${s.variants.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
