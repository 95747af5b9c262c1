import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Beside this file in the sources; one level up from the bundle in dist/.
const candidates = [new URL('./migrations', import.meta.url), new URL('../db/migrations', import.meta.url)].map((u) => fileURLToPath(u));

export const MIGRATIONS_FOLDER = candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
