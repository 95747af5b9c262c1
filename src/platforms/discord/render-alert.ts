import type { APIEmbed } from 'discord.js';
import { digestEntries, digestTitle } from '../../format/digest-lines.js';
import { summarizeRelease } from '../../format/release-summary.js';
import type { ReleaseView } from '../release-view.js';
import { clip, joinLines, plain } from './markdown.js';

const COLOR = 0xf2a33a;

/** One release as one embed: title linking the repo, lab and flag, facts as fields, variants folded. */
export function renderAlert(release: ReleaseView, hubUrl: string): { content: string; embeds: APIEmbed[] } {
  const s = summarizeRelease(release, hubUrl);
  const fields = s.facts.map(([name, value]) => ({ name, value: clip(plain(value), 1024), inline: true }));
  for (const [name, value] of s.notes) fields.push({ name, value: clip(plain(value), 1024), inline: false });
  const link = (repo: string) => `[${plain(repo)}](${hubUrl}/${repo})`;
  if (s.models.length > 1)
    fields.push({ name: `Models (${s.models.length})`, value: joinLines(s.models.map(link), 1024), inline: false });
  if (s.variants.length > 0)
    fields.push({
      name: `Variants (${s.variants.length})`,
      value: joinLines(s.variants.map(link), 1024),
      inline: false,
    });
  return {
    // The notification preview shows this line; the embed carries the rest.
    content: clip(plain(`${s.headline} · ${s.labLine}`), 2000),
    embeds: [
      {
        color: COLOR,
        title: clip(s.title, 256),
        url: s.url,
        author: { name: clip(s.labLine, 256) },
        description: clip(
          s.about
            ? plain(s.about)
            : release.variantOnly
              ? 'New variant of a model released earlier.'
              : 'New open-weight release.',
          4096,
        ),
        fields: fields.slice(0, 25),
        footer: { text: 'floodwatch' },
        timestamp: release.firstSeenAt.toISOString(),
      },
    ],
  };
}

/** Several releases as one embed of one line each, cut with a count when too long. */
export function renderDigest(
  releases: readonly ReleaseView[],
  hubUrl: string,
): { content: string; embeds: APIEmbed[] } {
  const lines = digestEntries(releases, hubUrl).map(
    ({ summary, facts }) =>
      `${plain(summary.labLine)} · [${plain(summary.title)}](${summary.url})${facts ? ` · ${plain(facts)}` : ''}`,
  );
  return {
    content: digestTitle(releases.length),
    embeds: [
      {
        color: COLOR,
        title: digestTitle(releases.length),
        description: joinLines(lines, 4096),
        footer: { text: 'floodwatch' },
      },
    ],
  };
}
