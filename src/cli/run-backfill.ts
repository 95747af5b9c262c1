import { createApp } from '../app/create-app.js';
import { formatCount } from '../format/numbers.js';
import { parseOrg } from '../labs/validate.js';
import { UserError } from '../shared/user-error.js';
import type { BackfillSummary } from '../worker/history/run-backfill.js';
import { trackedOrgs } from '../worker/tracked-orgs.js';
import { progressView } from './backfill-progress.js';
import { UsageError } from './cli-error.js';
import { print, withContext, type CliIo } from './context.js';
import { parseCommand } from './parse.js';

function parseSince(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    throw new UsageError(`--since must be a date as YYYY-MM-DD, not "${value}"`, 'backfill');
  if (date.getTime() > Date.now()) throw new UsageError(`--since ${value} is in the future`, 'backfill');
  return date;
}

function summaryText(s: BackfillSummary, seconds: number): string[] {
  const lines = [
    `backfill: ${s.orgs} org(s), ${formatCount(s.listed)} repos listed in ${s.requests} request(s), ${seconds} s`,
  ];
  if (s.releases > 0 || s.models > 0) {
    const undated = s.undated > 0 ? ` (${formatCount(s.undated)} undated)` : '';
    lines.push(
      `  ${formatCount(s.releases)} historical release(s) added${undated}; ${formatCount(s.models)} repos joined one`,
    );
  } else if (s.failed.length === 0 && !s.interrupted) {
    lines.push('  nothing was missing: every public repo listed already belongs to a release');
  }
  if (s.baselines > 0) lines.push(`  ${s.baselines} org(s) had no baseline: stored silently now`);
  for (const f of s.failed) lines.push(`  ${f.org} failed: ${f.error}`);
  if (s.failed.length > 0 || s.interrupted) lines.push('  run backfill again to add what is still missing');
  return lines;
}

/**
 * `backfill [--since YYYY-MM-DD] [--org ORG] [--json]`: derives the history of the tracked orgs within
 * its share of the Hub's rate budget. Stops cleanly on SIGINT or SIGTERM; a later run adds the rest.
 */
export async function runBackfill(args: string[], io: CliIo, signals: NodeJS.EventEmitter = process): Promise<number> {
  const { values } = parseCommand(
    args,
    { since: { type: 'string' }, org: { type: 'string' }, json: { type: 'boolean' } },
    'backfill',
  );
  const since = parseSince(values.since);
  let org: string | undefined;
  try {
    org = values.org === undefined ? undefined : parseOrg(values.org);
  } catch (error) {
    throw error instanceof UserError ? new UsageError(error.message, 'backfill') : error;
  }
  const json = values.json ?? false;
  return withContext(io, async ({ config, logger, database }) => {
    if (org !== undefined && !(await trackedOrgs(database.db)).some((t) => t.org.toLowerCase() === org.toLowerCase()))
      throw new UserError(`${org} is not tracked here; track it first with "floodwatch labs add ${org}"`);
    const lifetime = new AbortController();
    const stop = () => lifetime.abort();
    signals.once('SIGINT', stop);
    signals.once('SIGTERM', stop);
    const view = await progressView(io.err, json);
    const started = Date.now();
    try {
      const app = createApp({ config, logger, database, out: io.out, signal: lifetime.signal });
      const summary = await app.backfill({ since, orgs: org ? [org] : undefined, onProgress: (p) => view.update(p) });
      view.stop();
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      if (json) print(io.out, JSON.stringify({ ...summary, seconds }, null, 2));
      else for (const line of summaryText(summary, seconds)) print(io.out, line);
      return summary.failed.length > 0 || summary.interrupted ? 1 : 0;
    } finally {
      view.stop();
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
    }
  });
}
