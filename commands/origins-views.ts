import { countryName, flag } from '../src/format/flag.js';
import { formatCount } from '../src/format/numbers.js';
import { textBar } from '../src/format/text-bar.js';
import type {
  OriginMetric,
  OriginShare,
  OriginsEcosystem,
  OriginsTimeline,
  OriginsTop,
  PopularityMetric,
} from '../src/ports/models.js';
import { countryBarsChart, ecosystemChart, timelineChart } from './charts.js';
import { figureOf, figureValue, rankedItem } from './rankings.js';
import { labLabel, repoLink } from './render-helpers.js';
import type { Inline, Reply, ReplyBlock } from './types.js';

export function countryLabel(code: string): string {
  return `${flag(code)} ${countryName(code) ?? code}`.trim();
}

function percent(part: number, whole: number): string {
  return `${whole > 0 ? Math.round((100 * part) / whole) : 0}%`;
}

// Shares are of the whole, so rows cut off after the first ten still count in each row's share.
function bars(rows: { label: string; value: number }[], total: number): ReplyBlock {
  return { type: 'bars', rows: rows.map((r) => ({ ...r, share: total > 0 ? r.value / total : 0 })) };
}

function empty(title: string, text: string, data: Record<string, unknown>): Reply {
  return { ephemeral: true, title, blocks: [{ type: 'text', text: [text] }], data };
}

/** `view:share`: totals by country and by lab over a window. */
export function shareReply(byLab: OriginShare[], options: { metric: OriginMetric; window: string }): Reply {
  const { metric } = options;
  const title = `Origins ${options.window} by ${metric}`;
  const total = byLab.reduce((sum, r) => sum + r.value, 0);
  const countries = new Map<string, number>();
  for (const row of byLab) countries.set(row.country, (countries.get(row.country) ?? 0) + row.value);
  const byCountry = [...countries]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([country, value]) => ({ country, value }));
  const data = { view: 'share', metric, total, byCountry, byLab };
  if (total === 0) return empty(title, 'Nothing in this window among the labs tracked here.', data);
  const labRows = byLab.filter((r) => r.value > 0).slice(0, 10);
  return {
    ephemeral: true,
    title,
    blocks: [
      { type: 'text', text: [{ bold: 'By country' }] },
      bars(
        byCountry.map((c) => ({ label: countryLabel(c.country), value: c.value })),
        total,
      ),
      { type: 'text', text: [{ bold: 'By lab' }] },
      bars(
        labRows.map((r) => ({ label: `${flag(r.country)} ${r.key}`, value: r.value })),
        total,
      ),
      {
        type: 'note',
        text: [
          `Total: ${formatCount(total)} ${metric}${byLab.length > 10 ? ` · top 10 of ${byLab.length} labs` : ''}` +
            (metric === 'releases' ? ' · history included, dated by creation' : ''),
        ],
      },
    ],
    data,
    chart: countryBarsChart(title, metric, byCountry),
  };
}

/** `view:timeline`: releases per month, each month with its countries' shares. */
export function timelineReply(timeline: OriginsTimeline): Reply {
  const title = `Releases per month since ${timeline.since}, by country`;
  const totals = new Map<string, number>();
  for (const m of timeline.months)
    for (const [country, n] of Object.entries(m.byCountry)) totals.set(country, (totals.get(country) ?? 0) + n);
  const total = timeline.months.reduce((sum, m) => sum + m.total, 0);
  const byCountry = [...totals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([country, value]) => ({ country, value }));
  const data = {
    view: 'timeline',
    since: timeline.since,
    months: timeline.months,
    byCountry,
    undated: timeline.undated,
  };
  if (total === 0) return empty(title, 'No dated releases in these months among the labs tracked here.', data);
  const busiest = Math.max(...timeline.months.map((m) => m.total));
  const items = timeline.months.map((m): Inline[] => {
    const shares = Object.entries(m.byCountry)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([country, n]) => `${flag(country) || country} ${percent(n, m.total)}`);
    return [
      `${m.month} `,
      { code: textBar(m.total / busiest) },
      ` ${m.total}`,
      shares.length ? ` · ${shares.join(' · ')}` : '',
    ];
  });
  const undated =
    timeline.undated > 0
      ? ` ${formatCount(timeline.undated)} undated releases (the Hub's legacy import date) are in no month.`
      : '';
  return {
    ephemeral: true,
    title,
    blocks: [
      { type: 'list', items },
      { type: 'text', text: [{ bold: 'Over these months' }] },
      bars(
        byCountry.map((c) => ({ label: countryLabel(c.country), value: c.value })),
        total,
      ),
      {
        type: 'note',
        text: [
          `Each month's share of its own releases (UTC months; bars against the busiest month). History is ` +
            `dated by its repos' creation; variant-only releases are left out.${undated}`,
        ],
      },
    ],
    data,
    chart: timelineChart(
      title,
      timeline.months,
      byCountry.map((c) => c.country),
    ),
  };
}

const WORDS: Record<PopularityMetric, string> = {
  downloads: 'most downloaded',
  likes: 'most liked',
  trending: 'most trending',
};

/** `view:top`: of the N most popular models, how many come from each country. */
export function topReply(hubUrl: string, top: OriginsTop, options: { metric: PopularityMetric; limit: number }): Reply {
  const { metric, limit } = options;
  const title = `Origins of the top ${limit} by ${metric}`;
  const data = {
    view: 'top',
    metric,
    limit,
    byCountry: top.byCountry,
    models: top.models.map((m) => ({ repo: m.repo, lab: m.lab, country: m.country, value: figureValue(metric, m) })),
  };
  if (top.models.length === 0) return empty(title, 'No models among the labs tracked here yet.', data);
  const parts = top.byCountry.map((c, i) => `${c.count} ${i === 0 ? 'come ' : ''}from ${countryLabel(c.country)}`);
  const among = `Of the ${top.models.length} ${WORDS[metric]} models among the labs tracked here`;
  const sentence = `${among}, ${parts.join(', ')}.`;
  return {
    ephemeral: true,
    title,
    blocks: [
      { type: 'text', text: [sentence] },
      bars(
        top.byCountry.map((c) => ({ label: countryLabel(c.country), value: c.count })),
        top.models.length,
      ),
      { type: 'list', items: top.models.map((m, i) => rankedItem(hubUrl, m, i + 1, figureOf(metric, m))) },
      { type: 'note', text: ['Public originals only: quantizations and re-uploads are left out.'] },
    ],
    data,
    chart: countryBarsChart(
      title,
      'models',
      top.byCountry.map((c) => ({ country: c.country, value: c.count })),
    ),
  };
}

/** `view:ecosystem`: what the community builds on each country's models, and the models most built on. */
export function ecosystemReply(hubUrl: string, eco: OriginsEcosystem): Reply {
  const title = 'Ecosystem: derivatives built on the labs tracked here';
  const total = eco.byCountry.reduce((sum, c) => sum + c.total, 0);
  const data = { view: 'ecosystem', total, byCountry: eco.byCountry, top: eco.top, counted: eco.counted };
  if (total === 0)
    return empty(
      title,
      'No derivative counts yet: they come with each org’s baseline or backfill and with every metrics refresh.',
      data,
    );
  const lead = eco.byCountry
    .slice(0, 2)
    .map((c) => `${percent(c.total, total)} on ${countryLabel(c.country)} bases`)
    .join(', ');
  const breakdown = (c: { finetune: number; adapter: number; quantized: number; merge: number }) =>
    `${formatCount(c.finetune)} finetunes · ${formatCount(c.adapter)} adapters · ` +
    `${formatCount(c.quantized)} quantizations · ${formatCount(c.merge)} merges`;
  return {
    ephemeral: true,
    title,
    blocks: [
      {
        type: 'text',
        text: [`The community built ${formatCount(total)} models on the labs tracked here: ${lead}.`],
      },
      bars(
        eco.byCountry.map((c) => ({ label: countryLabel(c.country), value: c.total })),
        total,
      ),
      { type: 'list', items: eco.byCountry.slice(0, 10).map((c) => [`${countryLabel(c.country)}: ${breakdown(c)}`]) },
      { type: 'text', text: [{ bold: 'Most built on' }] },
      {
        type: 'list',
        items: eco.top.map((m, i): Inline[] => [
          `${i + 1}. `,
          repoLink(hubUrl, m.repo),
          ` · ${labLabel({ name: m.lab, country: m.country })} · `,
          { bold: `${formatCount(m.total)} derivatives` },
          ` (${breakdown(m)})`,
        ]),
      },
      {
        type: 'note',
        text: [
          `The Hub's derivative counts of ${formatCount(eco.counted)} models, as last read; a derivative of a ` +
            'derivative counts under its own base.',
        ],
      },
    ],
    data,
    chart: ecosystemChart(title, eco.byCountry),
  };
}
