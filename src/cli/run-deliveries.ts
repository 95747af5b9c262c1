import { deliveryStates, listDeliveries, retryFailed, type DeliveryRow } from '../delivery/dead-letters.js';
import { formatTime } from '../format/numbers.js';
import { UserError } from '../shared/user-error.js';
import { UsageError } from './cli-error.js';
import { print, withContext, type CliIo } from './context.js';
import { parseCommand } from './parse.js';

const LIST_LIMIT = 500;

function toJson(row: DeliveryRow) {
  return {
    id: row.id,
    state: row.state,
    attempts: row.attempts,
    platform: row.platform,
    destination: row.destination,
    subscriptionId: row.subscriptionId,
    subscriptionPaused: row.paused,
    kind: row.kind,
    subject: row.subject,
    releaseId: row.releaseId,
    release: row.release,
    changeId: row.changeId,
    reportWeek: row.reportWeek,
    createdAt: row.createdAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    lastError: row.lastError,
  };
}

function line(row: DeliveryRow): string {
  const tries = `${row.attempts} attempt${row.attempts === 1 ? '' : 's'}`;
  const state = row.paused ? `${row.state} (paused)` : row.state;
  const when = row.state === 'failed' ? `created ${formatTime(row.createdAt)}` : `due ${formatTime(row.dueAt)}`;
  const parts = [`#${row.id}`, state, tries, row.destination, row.subject, when];
  return `${parts.join('  ')}${row.lastError ? `  · ${row.lastError}` : ''}`;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(args, { failed: { type: 'boolean' }, json: { type: 'boolean' } }, 'deliveries');
  return withContext(io, async ({ database }) => {
    const rows = await listDeliveries(database.db, { failed: values.failed === true, limit: LIST_LIMIT });
    if (values.json) {
      print(io.out, JSON.stringify(rows.map(toJson), null, 2));
      return 0;
    }
    for (const row of rows) print(io.out, line(row));
    const what = values.failed ? 'failed deliveries' : 'deliveries not sent';
    const more = rows.length === LIST_LIMIT ? ` (the newest ${LIST_LIMIT} shown)` : '';
    print(io.err, rows.length === 0 ? `no ${what}` : `${rows.length} ${what}${more}`);
    return 0;
  });
}

function parseIds(positionals: string[]): number[] {
  return positionals.map((arg) => {
    if (!/^\d{1,15}$/.test(arg) || Number(arg) === 0)
      throw new UsageError(`"${arg}" is not a delivery id (a whole number, as deliveries list shows)`, 'deliveries');
    return Number(arg);
  });
}

async function retry(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, { all: { type: 'boolean' } }, 'deliveries', 100);
  if (values.all && positionals.length > 0) throw new UsageError('give delivery ids or --all, not both', 'deliveries');
  if (!values.all && positionals.length === 0)
    throw new UsageError('deliveries retry needs an id (see deliveries list --failed) or --all', 'deliveries');
  const ids = values.all ? 'all' : parseIds(positionals);
  return withContext(io, async ({ database }) => {
    if (ids !== 'all') {
      const states = await deliveryStates(database.db, ids);
      for (const id of ids) {
        const state = states.get(id);
        if (state === undefined) throw new UserError(`there is no delivery ${id}; nothing was changed`);
        if (state !== 'failed')
          throw new UserError(
            `delivery ${id} is ${state}, not failed: only failed ones are retried; nothing was changed`,
          );
      }
    }
    const retried = await retryFailed(database.db, ids, new Date());
    if (retried.length === 0) {
      print(io.out, 'no failed deliveries to retry');
      return 0;
    }
    const list = retried.map((id) => `#${id}`).join(', ');
    print(io.out, `${retried.length} put back in the queue (${list}); a running service sends them within seconds`);
    return 0;
  });
}

export async function runDeliveries(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') return list(rest, io);
  if (sub === 'retry') return retry(rest, io);
  throw new UsageError(
    sub === undefined ? 'deliveries needs a subcommand: list or retry' : `unknown deliveries subcommand "${sub}"`,
    'deliveries',
  );
}
