import { writeFile } from 'node:fs/promises';
import { COMMANDS } from '../../commands/index.js';
import { parseCommandText } from '../../commands/parse-text.js';
import { errorReply } from '../../commands/run-command.js';
import type { Reply } from '../../commands/types.js';
import { renderChart } from '../charts/index.js';
import { createConsolePlatform, spellCommand } from '../platforms/console/console-adapter.js';
import { plainReply } from '../platforms/plain-reply.js';
import { CONSOLE_DESTINATION, LOCAL_WORKSPACE_ID } from '../shared/local-workspace.js';
import { createPostgresServices } from '../storage/create-services.js';
import { UsageError } from './cli-error.js';
import { print, withContext, type CliIo } from './context.js';

// The shell has already split the words: a word with a space in it was quoted, so quote it again.
function requote(word: string): string {
  if (!/\s/.test(word)) return word;
  const named = /^([a-z][a-z0-9_]*):(.*)$/is.exec(word);
  return named ? `${named[1]}:"${named[2]}"` : `"${word}"`;
}

/** `--chart FILE`: where to write the answer's chart as PNG, and the other words. */
function chartFile(args: string[]): { file: string | undefined; rest: string[] } {
  const at = args.indexOf('--chart');
  if (at === -1) return { file: undefined, rest: args };
  const file = args[at + 1];
  if (file === undefined || file.startsWith('--'))
    throw new UsageError('--chart needs a file name, e.g. --chart origins.png', 'run');
  return { file, rest: [...args.slice(0, at), ...args.slice(at + 2)] };
}

/**
 * `run <command> [subcommand] [name:value …] [--json] [--chart FILE]`: any slash command, for the console
 * workspace, with the same grammar and the same messages as in chat. A refusal exits 2 and changes nothing.
 */
export async function runRun(args: string[], io: CliIo): Promise<number> {
  const json = args.includes('--json');
  const { file, rest } = chartFile(args);
  const words = rest.filter((a) => a !== '--json');
  const unknownFlag = words.find((w) => /^--?[a-z]/i.test(w));
  if (unknownFlag !== undefined) throw new UsageError(`unknown option "${unknownFlag}"`, 'run');
  if (words.length === 0) throw new UsageError('run needs a command, e.g. run releases days:30', 'run');
  const parsed = parseCommandText(words.map(requote).join(' '), COMMANDS);
  if (!parsed.ok) return refuse(errorReply(parsed.error, parsed.usage, COMMANDS), json, io);
  return withContext(io, async ({ config, logger, database }) => {
    const console = createConsolePlatform({
      services: createPostgresServices(database.db),
      commands: COMMANDS,
      logger,
      hubUrl: config.HF_ENDPOINT,
      now: () => new Date(),
      out: io.out,
    });
    const answer = await console.answer({
      workspaceId: LOCAL_WORKSPACE_ID,
      channelId: CONSOLE_DESTINATION,
      userId: 'operator',
      isAdmin: true,
      path: parsed.path,
      args: parsed.args,
    });
    const reply = answer.body as Reply;
    if (reply.error) return refuse(reply, json, io);
    print(io.out, json ? JSON.stringify(reply, null, 2) : answer.text);
    if (file === undefined) return 0;
    if (!reply.chart) {
      print(io.err, 'This answer has no chart (origins and rankings have one); no file was written.');
      return 2;
    }
    await writeFile(file, await renderChart(reply.chart));
    return 0;
  });
}

function refuse(reply: Reply, json: boolean, io: CliIo): number {
  print(io.err, json ? JSON.stringify(reply, null, 2) : plainReply(reply, spellCommand));
  return 2;
}
