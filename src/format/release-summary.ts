import type { ModelView, ReleaseView } from '../platforms/release-view.js';
import { flag } from './flag.js';
import { factLines } from './model-facts.js';
import { formatDate, formatParams, formatTime } from './numbers.js';

/** The facts every platform shows about a release, already worded; each platform lays them out its own way. */
export interface ReleaseSummary {
  headline: string;
  labLine: string;
  url: string;
  title: string;
  task?: string | undefined;
  size?: string | undefined;
  license?: string | undefined;
  gated?: string | undefined;
  created?: string | undefined;
  firstSeen: string;
  models: string[];
  variants: string[];
  /** The facts shown as labelled fields, in order, the unknown ones left out. */
  facts: [label: string, value: string][];
  /** What it is: the lead model's card line, when its card has prose. */
  about?: string | undefined;
  /** Can we run it, where to call it, what it runs on, where it comes from: short labelled lines. */
  notes: [label: string, text: string][];
}

function lead(release: ReleaseView): ModelView | undefined {
  return release.models.find((m) => m.repo === release.title) ?? release.models[0];
}

export function summarizeRelease(release: ReleaseView, hubUrl: string): ReleaseSummary {
  const main = lead(release);
  const originals = release.models.filter((m) => !m.isVariant).map((m) => m.repo);
  const variants = release.models.filter((m) => m.isVariant).map((m) => m.repo);
  const sizes = release.models
    .filter((m) => !m.isVariant || release.variantOnly)
    .flatMap((m) => formatParams(m.params) ?? []);
  const created = release.models
    .flatMap((m) => (m.createdAt ? [m.createdAt] : []))
    .sort((a, b) => a.getTime() - b.getTime())[0];
  const labFlag = flag(release.lab.country);
  const size = sizes.length > 0 ? [...new Set(sizes)].join(', ') : undefined;
  const task = main?.task ?? undefined;
  const license = main?.license ?? undefined;
  const gated = main?.gated ? `yes (${main.gated})` : undefined;
  const createdOn = created ? formatDate(created) : undefined;
  const firstSeen = formatTime(release.firstSeenAt);
  const facts: [string, string | undefined][] = [
    ['Size', size],
    ['Task', task],
    ['License', license],
    ['Gated', gated ?? 'no'],
    ['Created', createdOn],
    ['First seen public', firstSeen],
  ];
  return {
    headline: release.variantOnly ? `New variant: ${release.title}` : `New release: ${release.title}`,
    labLine: `${labFlag ? `${labFlag} ` : ''}${release.lab.name} (${release.lab.country})`,
    url: `${hubUrl}/${release.title}`,
    title: release.title,
    task,
    size,
    license,
    gated,
    created: createdOn,
    firstSeen,
    models: originals,
    variants,
    facts: facts.filter((f): f is [string, string] => f[1] !== undefined),
    about: main?.cardLine ?? undefined,
    notes: main ? factLines(main, release.lab.id) : [],
  };
}
