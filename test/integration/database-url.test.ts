import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const cli = (databaseUrl: string, ...argv: string[]) =>
  runCli({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }, ...argv);

/** A port on 127.0.0.1 that nothing listens on: one that was just free. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function onLocalServer(changes: { database?: string; user?: string }): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  if (changes.database) url.pathname = `/${changes.database}`;
  if (changes.user) url.username = changes.user;
  url.password = 'sekrit';
  return url.href;
}

function withoutUser(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.href;
}

describe.skipIf(process.env.FW_TEST_DB !== 'postgres')('DATABASE_URL that does not work', () => {
  it('names the setting when nothing listens at its address', async () => {
    const port = await closedPort();

    const { code, err } = await cli(`postgres://bob:sekrit@127.0.0.1:${port}/floodwatch`, 'labs', 'list');

    expect(code).toBe(1);
    expect(err).toBe(
      `floodwatch labs: DATABASE_URL (postgres://127.0.0.1:${port}/floodwatch): ` +
        `nothing accepts connections at 127.0.0.1:${port} (connection refused); is PostgreSQL running there?\n`,
    );
  });

  it('names the setting when its host cannot be found', async () => {
    const { code, err } = await cli('postgres://bob:sekrit@nonexistent.invalid/floodwatch', 'releases');

    expect(code).toBe(1);
    expect(err).toBe(
      'floodwatch releases: DATABASE_URL (postgres://nonexistent.invalid/floodwatch): ' +
        'the host nonexistent.invalid cannot be found\n',
    );
  });

  it('names the setting when its database does not exist on the server', async () => {
    const url = onLocalServer({ database: 'fw_no_such_database' });

    const { code, err } = await cli(url, 'labs', 'list');

    expect(code).toBe(1);
    expect(err).toBe(
      `floodwatch labs: DATABASE_URL (${withoutUser(url)}): database "fw_no_such_database" does not exist\n`,
    );
  });

  it('names the setting when the server refuses its user', async () => {
    const url = onLocalServer({ user: 'fw_no_such_role' });

    const { code, err } = await cli(url, 'labs', 'list');

    expect(code).toBe(1);
    expect(err).toBe(
      `floodwatch labs: DATABASE_URL (${withoutUser(url)}): ` +
        'the server refused the login: role "fw_no_such_role" does not exist\n',
    );
    expect(err).not.toContain('sekrit');
  });
});
