import type { types } from '@slack/bolt';
import { digestEntries, digestTitle } from '../../format/digest-lines.js';
import { summarizeRelease } from '../../format/release-summary.js';
import type { ReleaseView } from '../release-view.js';
import { clip, joinLines } from '../../format/text-limits.js';
import { chunkLines, escapeText, link, mrkdwn, plainText } from './mrkdwn.js';
import { capBlocks, LIMITS, type SlackMessage } from './render-reply.js';

/** The button's action id; the app acknowledges its clicks so Slack shows no error. */
export const OPEN_REPO_ACTION = 'open_repo';

const VARIANT_NOTE = 'a new variant of a model released earlier';
const RELEASE_NOTE = 'a new open-weight release';

/** One release as one message: header, the repo and lab, facts as fields, models and variants folded, a link button. */
export function renderAlert(release: ReleaseView, hubUrl: string): SlackMessage {
  const s = summarizeRelease(release, hubUrl);
  const fields = s.facts
    .slice(0, LIMITS.fields)
    .map(([name, value]) => mrkdwn(clip(`*${name}*\n${escapeText(value)}`, LIMITS.fieldText)));
  const repoLink = (repo: string) => link(`${hubUrl}/${repo}`, repo);
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: plainText(clip(s.headline, LIMITS.header)) },
    {
      type: 'section',
      text: mrkdwn(
        clip(
          `*${repoLink(s.title)}*\n${escapeText(s.labLine)} · ${release.variantOnly ? VARIANT_NOTE : RELEASE_NOTE}`,
          LIMITS.sectionText,
        ),
      ),
    },
    { type: 'section', fields },
  ];
  const about = [
    ...(s.about ? [escapeText(s.about)] : []),
    ...s.notes.map(([label, text]) => `*${label}* ${escapeText(text)}`),
  ];
  if (about.length > 0) blocks.push({ type: 'section', text: mrkdwn(clip(about.join('\n'), LIMITS.sectionText)) });
  if (s.models.length > 1)
    blocks.push({
      type: 'section',
      text: mrkdwn(joinLines([`*Models (${s.models.length})*`, ...s.models.map(repoLink)], LIMITS.sectionText)),
    });
  if (s.variants.length > 0)
    blocks.push({
      type: 'section',
      text: mrkdwn(joinLines([`*Variants (${s.variants.length})*`, ...s.variants.map(repoLink)], LIMITS.sectionText)),
    });
  blocks.push(
    { type: 'context', elements: [mrkdwn(`floodwatch · first seen ${escapeText(s.firstSeen)}`)] },
    {
      type: 'actions',
      elements: [{ type: 'button', action_id: OPEN_REPO_ACTION, text: plainText('Open on Hugging Face'), url: s.url }],
    },
  );
  // The notification preview shows this line; the blocks carry the rest.
  return { text: clip(escapeText(`${s.headline} · ${s.labLine}`), LIMITS.text), blocks };
}

/** Several releases as one message: a header, then one line each, spread over sections within the limits. */
export function renderDigest(releases: readonly ReleaseView[], hubUrl: string): SlackMessage {
  const title = digestTitle(releases.length);
  const lines = digestEntries(releases, hubUrl).map(
    ({ summary, facts }) =>
      `${escapeText(summary.labLine)} · ${link(summary.url, summary.title)}${facts ? ` · ${escapeText(facts)}` : ''}`,
  );
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: plainText(clip(title, LIMITS.header)) },
    ...chunkLines(lines, LIMITS.sectionText).map((text): types.KnownBlock => ({ type: 'section', text: mrkdwn(text) })),
  ];
  return { text: title, blocks: capBlocks(blocks) };
}
