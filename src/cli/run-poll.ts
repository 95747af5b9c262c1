import { createApp } from '../app/create-app.js';
import { UsageError } from './cli-error.js';
import { print, withContext, type CliIo } from './context.js';
import { parseCommand } from './parse.js';

export async function runPoll(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(args, { once: { type: 'boolean' }, full: { type: 'boolean' } }, 'poll');
  if (!values.once) throw new UsageError('poll needs --once (the long-running service is "floodwatch start")', 'poll');
  return withContext(io, async ({ config, logger, database }) => {
    const app = createApp({ config, logger, database, out: io.out });
    const tick = await app.tick(values.full ?? false);
    const sent = await app.dispatch();
    const baselines = tick.polled.filter((p) => p.mode === 'baseline').length;
    print(
      io.err,
      `polled ${tick.polled.length} org(s)${baselines ? ` (${baselines} baseline)` : ''}, ` +
        `${tick.failed.length} failed; ` +
        `${tick.releaseIds.length} new release(s); ${sent.sent} alert(s) delivered` +
        (sent.retried ? `, ${sent.retried} to retry` : ''),
    );
    for (const failure of tick.failed) print(io.err, `  ${failure.org}: ${failure.error}`);
    return tick.failed.length > 0 && tick.polled.length === 0 ? 1 : 0;
  });
}
