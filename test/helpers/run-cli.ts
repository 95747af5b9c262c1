import { main } from '../../src/cli/main.js';
import { captureStream } from './capture.js';

/** One CLI invocation in-process, with this environment: its exit code and what it printed. */
export async function runCli(env: NodeJS.ProcessEnv, ...argv: string[]) {
  const out = captureStream();
  const err = captureStream();
  const code = await main(argv, { out, err, env });
  return { code, out: out.text(), err: err.text() };
}
