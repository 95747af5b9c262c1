import { accessSync, constants, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The first entry under `dir` (a path relative to it) that this process cannot read and write, if any. */
export function findUnwritable(dir: string, under = ''): string | undefined {
  for (const entry of readdirSync(join(dir, under), { withFileTypes: true })) {
    const path = join(under, entry.name);
    const mode = constants.R_OK | constants.W_OK | (entry.isDirectory() ? constants.X_OK : 0);
    try {
      accessSync(join(dir, path), mode);
    } catch {
      return path;
    }
    const inside = entry.isDirectory() ? findUnwritable(dir, path) : undefined;
    if (inside !== undefined) return inside;
  }
  return undefined;
}
