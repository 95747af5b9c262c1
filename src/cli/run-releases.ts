import { flag } from '../format/flag.js';
import { formatDate, formatParams } from '../format/numbers.js';
import { recentReleases } from '../storage/recent-releases.js';
import type { ReleaseView } from '../platforms/release-view.js';
import { print, withContext, type CliIo } from './context.js';
import { parseCommand, parseDays } from './parse.js';

export function releaseToJson(release: ReleaseView) {
  return {
    id: release.id,
    title: release.title,
    lab: release.lab.name,
    country: release.lab.country,
    firstSeenAt: release.firstSeenAt.toISOString(),
    variantOnly: release.variantOnly,
    historical: release.historical ?? false,
    models: release.models.map((m) => ({
      id: m.repo,
      hubId: m.id,
      variant: m.isVariant,
      task: m.task,
      params: m.params,
    })),
  };
}

function releaseLine(release: ReleaseView): string {
  const originals = release.models.filter((m) => !m.isVariant);
  const size = [...new Set(originals.flatMap((m) => formatParams(m.params) ?? []))].join('/');
  const task = originals[0]?.task ?? release.models[0]?.task;
  const variants = release.models.length - originals.length;
  const parts = [
    formatDate(release.firstSeenAt),
    release.historical ? '(history)' : '',
    `${flag(release.lab.country)} ${release.lab.name}`,
    release.title,
    size,
    task,
    originals.length > 1 ? `${originals.length} models` : '',
    variants > 0 ? `+${variants} variant${variants > 1 ? 's' : ''}` : '',
  ];
  return parts.filter(Boolean).join('  ');
}

export async function runReleases(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(args, { days: { type: 'string' }, json: { type: 'boolean' } }, 'releases');
  const days = parseDays(values.days, 7);
  return withContext(io, async ({ database }) => {
    const list = await recentReleases(database.db, { now: new Date(), days, variants: true, limit: 1000 });
    if (values.json) {
      print(io.out, JSON.stringify(list.map(releaseToJson), null, 2));
      return 0;
    }
    if (list.length === 0) print(io.err, `no releases first seen in the last ${days} day(s)`);
    for (const release of list) print(io.out, releaseLine(release));
    if (list.some((r) => r.historical))
      print(
        io.err,
        "(history): published before floodwatch watched the lab, dated by the repo's creation; never alerted",
      );
    return 0;
  });
}
