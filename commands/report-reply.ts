import { formatCount, formatDate } from '../src/format/numbers.js';
import type { OpenModelsReport } from '../src/ports/reports.js';
import { countryLabel } from './origins-views.js';
import { labLabel, repoLink } from './render-helpers.js';
import type { ChartSpec, Inline, Reply, ReplyBlock } from './types.js';

const LABS_SHOWN = 10;

const NOTE =
  'Live releases only: repos that were public before floodwatch watched their lab (history) and ' +
  'releases made only of quantizations or re-uploads are left out. Likes as last read from the Hub.';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Releases by country, one bar each, coloured by country. */
function chartOf(report: OpenModelsReport): ChartSpec {
  return {
    kind: 'bars',
    title: `Releases by country, ${formatDate(report.from)} to ${formatDate(report.to)}`,
    yTitle: 'releases',
    byCountry: true,
    points: report.countries.map((c) => ({ x: c.country, series: c.country, value: c.releases })),
  };
}

/** The numbers as plain JSON: what `run report --json` prints and a chart can be drawn from. */
function dataOf(report: OpenModelsReport): Record<string, unknown> {
  return { ...report, from: report.from.toISOString(), to: report.to.toISOString() };
}

/**
 * "The state of open models" over the report's span: how many releases, each country's share, the
 * busiest labs, and the most liked new models; with a chart of releases by country.
 */
export function reportReply(report: OpenModelsReport, hubUrl: string, options: { ephemeral: boolean }): Reply {
  const title = `The state of open models: ${formatDate(report.from)} to ${formatDate(report.to)}`;
  const data = dataOf(report);
  if (report.releases === 0)
    return {
      ephemeral: options.ephemeral,
      title,
      blocks: [
        {
          type: 'text',
          text: [`No new release in the last ${plural(report.days, 'day')} from the labs tracked here.`],
        },
        { type: 'note', text: [NOTE] },
      ],
      data,
    };
  const labs = report.byLab
    .slice(0, LABS_SHOWN)
    .map((l): Inline[] => [labLabel({ name: l.lab, country: l.country }), ` · ${plural(l.releases, 'release')}`]);
  const liked = report.mostLiked.map((m): Inline[] => [
    repoLink(hubUrl, m.repo),
    ` · ${labLabel({ name: m.lab, country: m.country })} · ${formatCount(m.likes)} likes`,
  ]);
  const more = report.byLab.length > LABS_SHOWN ? ` (the ${LABS_SHOWN} busiest shown)` : '';
  const blocks: ReplyBlock[] = [
    {
      type: 'text',
      text: [
        `${plural(report.releases, 'release')} in the last ${plural(report.days, 'day')} from ` +
          `${plural(report.labs, 'lab')} in ${report.countries.length} ` +
          `${report.countries.length === 1 ? 'country' : 'countries'}.`,
      ],
    },
    { type: 'text', text: [{ bold: 'By country' }] },
    {
      type: 'bars',
      rows: report.countries.map((c) => ({ label: countryLabel(c.country), value: c.releases, share: c.share })),
    },
    { type: 'text', text: [{ bold: `By lab${more}` }] },
    { type: 'list', items: labs },
    ...(liked.length > 0
      ? [
          { type: 'text' as const, text: [{ bold: 'Most liked new models' }] },
          { type: 'list' as const, items: liked },
        ]
      : []),
    { type: 'note', text: [NOTE] },
  ];
  return { ephemeral: options.ephemeral, title, blocks, data, chart: chartOf(report) };
}
