// Run as its own process: takes the data directory's lock, says so on stdout and holds it until killed.
import { lockDataDir } from '../../db/data-dir-lock.js';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: hold-data-dir-lock.ts <data dir>');
try {
  lockDataDir(dir, 'start');
  process.stdout.write('locked\n');
} catch (error) {
  process.stdout.write(`refused: ${(error as Error).message}\n`);
  process.exit(3);
}
setInterval(() => undefined, 60_000);
