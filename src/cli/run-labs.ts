import { LOCAL_WORKSPACE_ID } from '../shared/local-workspace.js';
import { flag } from '../format/flag.js';
import { formatTime } from '../format/numbers.js';
import { listLabs } from '../storage/list-labs.js';
import { trackLab, untrackLab } from '../storage/track-lab.js';
import { parseCountry, parseLabName, parseOrg } from '../labs/validate.js';
import { UserError } from '../shared/user-error.js';
import { UsageError } from './cli-error.js';
import { print, withContext, type CliIo } from './context.js';
import { parseCommand } from './parse.js';

// Input errors in a CLI argument are usage errors: exit code 2, nothing opened or changed.
function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof UserError) throw new UsageError(error.message, 'labs');
    throw error;
  }
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(args, { json: { type: 'boolean' } }, 'labs');
  return withContext(io, async ({ database }) => {
    const labs = await listLabs(database.db, LOCAL_WORKSPACE_ID);
    if (values.json) {
      const rows = labs.map((lab) => ({
        name: lab.name,
        country: lab.country,
        orgs: lab.orgs.map((o) => o.org),
        tracked: lab.tracked,
      }));
      print(io.out, JSON.stringify(rows, null, 2));
      return 0;
    }
    const width = Math.max(...labs.map((lab) => lab.name.length));
    for (const lab of labs) {
      const polled = lab.orgs
        .map((o) => o.polledAt)
        .filter((d): d is Date => d !== null)
        .sort((a, b) => b.getTime() - a.getTime())[0];
      const errors = lab.orgs.filter((o) => o.lastError).map((o) => `${o.org}: ${o.lastError}`);
      const status =
        errors.length > 0
          ? `last poll failed (${errors.join('; ')})`
          : polled
            ? `polled ${formatTime(polled)}`
            : lab.tracked
              ? 'not polled yet'
              : '';
      const orgs = lab.orgs.map((o) => o.org).join(', ');
      const mark = lab.tracked ? '✓' : ' ';
      const label = `${mark} ${flag(lab.country)} ${lab.country}  ${lab.name.padEnd(width)}  ${orgs}`;
      print(io.out, status ? `${label}  · ${status}` : label);
    }
    print(io.err, `${labs.filter((l) => l.tracked).length} of ${labs.length} labs tracked (✓)`);
    return 0;
  });
}

async function add(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { country: { type: 'string' }, name: { type: 'string' } },
    'labs',
    1,
  );
  if (positionals[0] === undefined)
    throw new UsageError('labs add needs an org, e.g. labs add deepseek-ai --country CN', 'labs');
  const org = asUsage(() => parseOrg(positionals[0]!));
  const country = values.country === undefined ? undefined : asUsage(() => parseCountry(values.country!));
  const name = values.name === undefined ? undefined : asUsage(() => parseLabName(values.name!));
  return withContext(io, async ({ database }) => {
    const result = await trackLab(database.db, {
      workspaceId: LOCAL_WORKSPACE_ID,
      platform: 'console',
      org,
      country,
      name,
    });
    const what = `${result.labName} (${result.country}; ${result.orgs.join(', ')})`;
    if (result.alreadyTracked) print(io.out, `${what} was already tracked`);
    else
      print(
        io.out,
        `now tracking ${what}${result.created ? ', new to the catalog' : ''}; ` +
          'its first poll stores what exists without alerting',
      );
    return 0;
  });
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseCommand(args, {}, 'labs', 1);
  if (positionals[0] === undefined)
    throw new UsageError('labs remove needs an org, e.g. labs remove deepseek-ai', 'labs');
  const org = asUsage(() => parseOrg(positionals[0]!));
  return withContext(io, async ({ database }) => {
    const result = await untrackLab(database.db, { workspaceId: LOCAL_WORKSPACE_ID, org });
    print(io.out, `stopped tracking ${result.labName} (${result.orgs.join(', ')})`);
    return 0;
  });
}

export async function runLabs(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') return list(rest, io);
  if (sub === 'add') return add(rest, io);
  if (sub === 'remove') return remove(rest, io);
  throw new UsageError(
    sub === undefined ? 'labs needs a subcommand: list, add or remove' : `unknown labs subcommand "${sub}"`,
    'labs',
  );
}
