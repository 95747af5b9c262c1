import type { AlertAdapter } from '../../delivery/adapter.js';
import { digestTitle } from '../../format/digest-lines.js';
import { formatConsoleAlert } from './format-alert.js';

/** Prints alerts to a stream (stdout by default): the adapter that needs no token. */
export function createConsoleAdapter(options: { hubUrl: string; out?: NodeJS.WritableStream }): AlertAdapter {
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
  };
}
