import type { AlertAdapter } from '../../delivery/adapter.js';
import { formatConsoleAlert } from './format-alert.js';

/** Prints alerts to a stream (stdout by default): the adapter that needs no token. */
export function createConsoleAdapter(options: { hubUrl: string; out?: NodeJS.WritableStream }): AlertAdapter {
  const out = options.out ?? process.stdout;
  let printed = 0;
  return {
    platform: 'console',
    async postAlert(_destination, release) {
      await new Promise<void>((resolve, reject) => {
        out.write(`${formatConsoleAlert(release, options.hubUrl)}\n`, (error) => (error ? reject(error) : resolve()));
      });
      printed++;
      return { ref: `console-${printed}` };
    },
  };
}
