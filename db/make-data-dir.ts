import { accessSync, constants, mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataDirError } from './data-dir-error.js';
import { fsProblem } from './fs-problem.js';

function statOf(path: string, dataDir: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a file stands in the way higher up, which the walk up reaches and names.
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    const reason = code === 'EACCES' ? 'a directory above it cannot be searched' : (error as Error).message;
    throw new DataDirError(dataDir, `cannot be reached: ${reason}`, { cause: error });
  }
}

function kindOf(stats: Stats): string {
  return stats.isFile() ? 'a file, not a directory' : 'not a directory';
}

function checkWritable(path: string, dataDir: string, prefix: string): void {
  try {
    accessSync(path, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new DataDirError(dataDir, `${prefix}${fsProblem(error, 'files')}`, { cause: error });
  }
}

/**
 * Makes sure the data directory exists and can be written to, creating it and the directories above
 * it one level at a time: Node 20's recursive mkdir never returns for some paths, such as /proc/x.
 */
export function makeDataDir(dataDir: string): void {
  const dir = resolve(dataDir);
  const missing: string[] = [];
  let existing = dir;
  let stats = statOf(existing, dataDir);
  while (stats === undefined && dirname(existing) !== existing) {
    missing.unshift(existing);
    existing = dirname(existing);
    stats = statOf(existing, dataDir);
  }
  if (missing.length === 0) {
    if (!stats?.isDirectory()) throw new DataDirError(dataDir, `is ${stats ? kindOf(stats) : 'missing'}`);
    checkWritable(dir, dataDir, '');
    return;
  }
  if (!stats?.isDirectory()) {
    throw new DataDirError(dataDir, `cannot be created: ${existing} is ${stats ? kindOf(stats) : 'missing'}`);
  }
  checkWritable(existing, dataDir, `cannot be created: ${existing} `);
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      // Another process made it meanwhile.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statOf(path, dataDir)?.isDirectory()) continue;
      const reason = `cannot be created: ${dirname(path)} ${fsProblem(error, 'directories')}`;
      throw new DataDirError(dataDir, reason, { cause: error });
    }
  }
}
