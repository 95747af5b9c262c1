import type { CommandRef } from '../../../commands/types.js';
import type { NoticeAdapter, Platform, PlatformDeps } from '../platform.js';
import { plainReply } from '../plain-reply.js';
import { replyToRequest } from '../reply-to-request.js';
import { digestTitle } from '../../format/digest-lines.js';
import { formatConsoleAlert } from './format-alert.js';
import { CONSOLE_DESTINATION, LOCAL_WORKSPACE_ID } from '../../shared/local-workspace.js';

/** On the command line, a command another one names is run with `floodwatch run`. */
export function spellCommand(ref: CommandRef): string {
  return ['floodwatch run', ...ref.command, ...(ref.args ? [ref.args] : [])].join(' ');
}

/** Prints alerts and notices to a stream (stdout by default): the adapter that needs no token. */
export function createConsoleAdapter(options: { hubUrl: string; out?: NodeJS.WritableStream }): NoticeAdapter {
  const out = options.out ?? process.stdout;
  let printed = 0;
  async function print(text: string): Promise<{ ref: string }> {
    await new Promise<void>((resolve, reject) => out.write(text, (error) => (error ? reject(error) : resolve())));
    printed++;
    return { ref: `console-${printed}` };
  }
  return {
    platform: 'console',
    postAlert: (_destination, release) => print(`${formatConsoleAlert(release, options.hubUrl)}\n`),
    postDigest: (_destination, releases) =>
      print(
        `== ${digestTitle(releases.length)} ==\n` +
          `${releases.map((r) => formatConsoleAlert(r, options.hubUrl)).join('\n')}\n`,
      ),
    postNotice: (_destination, reply) => print(`${plainReply(reply, spellCommand)}\n`),
  };
}

/**
 * The console as a platform: alerts print to the stream, and commands are answered in plain text for
 * the local workspace, whose operator is its admin. Nothing to connect, so start and stop do nothing.
 */
export function createConsolePlatform(options: PlatformDeps & { out?: NodeJS.WritableStream }): Platform {
  const adapter = createConsoleAdapter({ hubUrl: options.hubUrl, ...(options.out ? { out: options.out } : {}) });
  const ctx = {
    services: options.services,
    commands: options.commands,
    now: options.now,
    hubUrl: options.hubUrl,
    logger: options.logger,
  };
  return {
    ...adapter,
    async start() {
      return { ok: true };
    },
    async stop() {},
    async answer(request) {
      const reply = await replyToRequest(ctx, request, {
        platform: 'console',
        workspace: () => LOCAL_WORKSPACE_ID,
        destination: () => CONSOLE_DESTINATION,
      });
      // The body is the neutral reply itself: `floodwatch run --json` prints it.
      return { ephemeral: reply.ephemeral, text: plainReply(reply, spellCommand), body: reply };
    },
  };
}
