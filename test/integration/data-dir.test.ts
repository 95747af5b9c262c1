import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../db/data-dir-lock.js';
import { runCli } from '../helpers/run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/floodwatch.js', import.meta.url));
const NOBODY = 65534;
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fw-data-dir-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The CLI in this process, on the embedded database in `dataDir`. */
const cli = (dataDir: string, ...argv: string[]) =>
  runCli({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', HF_ENDPOINT: 'http://127.0.0.1:9' }, ...argv);

/** The CLI as a process of its own, killed if it hangs; as an unprivileged user when this runs as root. */
function cliProcess(dataDir: string, argv: string[], options: { unprivileged?: boolean } = {}) {
  const asNobody = options.unprivileged === true && process.getuid?.() === 0;
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'silent', HF_ENDPOINT: 'http://127.0.0.1:9' },
    timeout: 25_000,
    encoding: 'utf8',
    ...(asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { code: result.status, err: result.stderr };
}

describe.skipIf(process.env.FW_TEST_DB === 'postgres')('DATA_DIR that cannot be used', () => {
  it('answers at once, in one line, for a directory the file system will not create (/proc/x)', () => {
    const { code, err } = cliProcess('/proc/x', ['labs', 'list']);

    expect(code).toBe(1);
    expect(err).toBe('floodwatch labs: DATA_DIR (/proc/x): cannot be created: /proc does not allow new directories\n');
  }, 60_000);

  it('names the setting when DATA_DIR is a file', async () => {
    const file = join(tempDir(), 'data');
    writeFileSync(file, 'not a directory');

    const { code, err } = await cli(file, 'labs', 'list');

    expect(code).toBe(1);
    expect(err).toBe(`floodwatch labs: DATA_DIR (${file}): is a file, not a directory\n`);
  });

  it('names the file in the way when DATA_DIR lies under a file', async () => {
    const file = join(tempDir(), 'data');
    writeFileSync(file, 'not a directory');

    const { code, err } = await cli(join(file, 'db'), 'labs', 'list');

    expect(code).toBe(1);
    expect(err).toBe(
      `floodwatch labs: DATA_DIR (${join(file, 'db')}): cannot be created: ${file} is a file, not a directory\n`,
    );
  });

  it('says where permission is missing, for a new DATA_DIR and an existing one', () => {
    const root = tempDir();
    const readOnly = join(root, 'read-only');
    mkdirSync(readOnly);
    chmodSync(root, 0o755);
    chmodSync(readOnly, 0o555);

    const inside = cliProcess(join(readOnly, 'data'), ['labs', 'list'], { unprivileged: true });
    const itself = cliProcess(readOnly, ['labs', 'list'], { unprivileged: true });

    expect(inside.code).toBe(1);
    expect(inside.err).toBe(
      `floodwatch labs: DATA_DIR (${join(readOnly, 'data')}): cannot be created: ${readOnly} is not writable\n`,
    );
    expect(itself.code).toBe(1);
    expect(itself.err).toBe(`floodwatch labs: DATA_DIR (${readOnly}): is not writable\n`);
    expect(readdirSync(readOnly)).toEqual([]);
  }, 60_000);

  it('creates a missing DATA_DIR and the directories above it', async () => {
    const dataDir = join(tempDir(), 'a', 'b', 'data');

    const { code } = await cli(dataDir, 'labs', 'list');

    expect(code).toBe(0);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  });
});

describe.skipIf(process.env.FW_TEST_DB === 'postgres')('DATA_DIR without a healthy floodwatch database', () => {
  let template: string;
  beforeAll(async () => {
    template = join(mkdtempSync(join(tmpdir(), 'fw-data-dir-')), 'data');
    const { code } = await cli(template, 'labs', 'add', 'my-lab', '--country', 'DE');
    expect(code).toBe(0);
  });
  afterAll(() => {
    rmSync(join(template, '..'), { recursive: true, force: true });
  });

  function copyOfDatabase(): string {
    const dataDir = join(tempDir(), 'data');
    cpSync(template, dataDir, { recursive: true });
    return dataDir;
  }
  function walSegment(dataDir: string): string {
    return readdirSync(join(dataDir, 'pg_wal')).find((name) => /^[0-9A-F]{24}$/.test(name))!;
  }
  function listing(dir: string): string[] {
    return readdirSync(dir, { recursive: true }).map(String).sort();
  }

  const damages: [string, (dataDir: string) => void][] = [
    ['a garbled pg_control', (dataDir) => writeFileSync(join(dataDir, 'global', 'pg_control'), 'x'.repeat(8192))],
    ['an empty PG_VERSION', (dataDir) => writeFileSync(join(dataDir, 'PG_VERSION'), '')],
    ['a truncated WAL segment', (dataDir) => truncateSync(join(dataDir, 'pg_wal', walSegment(dataDir)), 100_000)],
  ];

  it.each(damages)('says the database is damaged and what to do, for %s, and lets go of the lock', async (_, hurt) => {
    const dataDir = copyOfDatabase();
    hurt(dataDir);

    const { code, err } = await cli(dataDir, 'labs', 'list');

    expect(code).toBe(1);
    expect(err).toBe(
      `floodwatch labs: the embedded database in ${dataDir} is damaged and cannot be opened. ` +
        'Restore a backup of that directory, or move it aside to start afresh with a new database ' +
        '(which loses subscriptions and history)\n',
    );
    lockDataDir(dataDir, 'test').release();
  });

  it('exits after failing to open a damaged database', () => {
    const dataDir = copyOfDatabase();
    truncateSync(join(dataDir, 'pg_wal', walSegment(dataDir)), 100_000);

    const { code, err } = cliProcess(dataDir, ['labs', 'list']);

    expect(code).toBe(1);
    expect(err).toContain('is damaged and cannot be opened');
  }, 60_000);

  it('says which file cannot be written, rather than calling the database damaged', () => {
    const dataDir = copyOfDatabase();
    chmodSync(join(dataDir, '..'), 0o755);
    for (const entry of ['', ...listing(dataDir)]) chmodSync(join(dataDir, entry), 0o777);
    chmodSync(join(dataDir, 'global', 'pg_control'), 0o444);

    const { code, err } = cliProcess(dataDir, ['labs', 'list'], { unprivileged: true });

    expect(code).toBe(1);
    expect(err).toBe(
      `floodwatch labs: DATA_DIR (${dataDir}): holds files that cannot be written, such as global/pg_control; ` +
        'give the directory and everything in it to the user floodwatch runs as\n',
    );
  }, 60_000);

  it('refuses a database that lost its PG_VERSION, and writes nothing', async () => {
    const dataDir = copyOfDatabase();
    rmSync(join(dataDir, 'PG_VERSION'));
    const before = listing(dataDir);

    const releases = await cli(dataDir, 'releases', '--json');
    const poll = await cli(dataDir, 'poll', '--once');

    expect([releases.code, poll.code]).toEqual([1, 1]);
    expect(releases.out).toBe('');
    expect(releases.err).toBe(
      `floodwatch releases: DATA_DIR (${dataDir}): has files but no PG_VERSION, so it does not look like ` +
        'a floodwatch database; nothing was changed. Point DATA_DIR at an empty or missing directory ' +
        'for a new database, or restore the database into this one\n',
    );
    expect(poll.err).toContain('does not look like a floodwatch database');
    expect(listing(dataDir)).toEqual(before);
  });

  it('refuses a directory of other files, without leaving a lock file in it', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'notes.txt'), 'mine');

    const { code, err } = await cli(dataDir, 'labs', 'list');

    expect(code).toBe(1);
    expect(err).toContain(`DATA_DIR (${dataDir}): has files but no PG_VERSION`);
    expect(readdirSync(dataDir)).toEqual(['notes.txt']);
  });

  it('creates a database in an existing directory that holds only a lock file', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'floodwatch.lock'), JSON.stringify({ pid: 1, host: 'gone', command: 'start' }));

    const { code } = await cli(dataDir, 'labs', 'list');

    expect(code).toBe(0);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  });

  it('redoes a creation that was interrupted', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'base', '1'), { recursive: true });
    writeFileSync(join(dataDir, 'base', '1', '1259'), 'half written');
    writeFileSync(join(dataDir, 'floodwatch.creating'), '');

    const { code, out } = await cli(dataDir, 'labs', 'list', '--json');

    expect(code).toBe(0);
    expect(JSON.parse(out)).toHaveLength(42);
    expect(existsSync(join(dataDir, 'floodwatch.creating'))).toBe(false);
  });
});
