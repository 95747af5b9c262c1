import { resolve } from 'node:path';
import { DataDirDamagedError } from './data-dir-damaged-error.js';
import { DataDirError } from './data-dir-error.js';
import { findUnwritable } from './find-unwritable.js';

// How PGlite reports a cluster it cannot start: the server inside gave up, or the WebAssembly aborted.
function isStartFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'RuntimeError' || /PGlite failed to initialize/i.test(error.message);
}

/**
 * Why an existing embedded database would not open, as an error that says what to do. PGlite reports
 * files it may not write exactly as it reports damaged ones, so permissions are looked at first.
 */
export function explainOpenFailure(dataDir: string, error: unknown): unknown {
  if (!isStartFailure(error)) return error;
  const unwritable = findUnwritable(dataDir);
  if (unwritable !== undefined) {
    return new DataDirError(
      dataDir,
      `holds files that cannot be written, such as ${unwritable}; ` +
        'give the directory and everything in it to the user floodwatch runs as',
      { cause: error },
    );
  }
  return new DataDirDamagedError(resolve(dataDir), { cause: error });
}
