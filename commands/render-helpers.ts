import { flag } from '../src/format/flag.js';
import { formatParams } from '../src/format/numbers.js';
import type { Inline } from './types.js';

export function labLabel(lab: { name: string; country: string }): string {
  const f = flag(lab.country);
  return `${f ? `${f} ` : ''}${lab.name}`;
}

export function repoLink(hubUrl: string, repo: string): Inline {
  return { text: repo, url: `${hubUrl}/${repo}` };
}

export function sizeOf(params: number | null | undefined): string | undefined {
  return formatParams(params);
}
