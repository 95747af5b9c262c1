import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Beside this file in the sources; up from the bundle in dist/ or from one of its chunks.
const candidates = ['./migrations', '../db/migrations', '../../db/migrations'].map((path) =>
  fileURLToPath(new URL(path, import.meta.url)),
);

export const MIGRATIONS_FOLDER = candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
