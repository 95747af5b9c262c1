import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStart } from '../../src/cli/run-start.js';
import { startFakeDiscord } from '../fakes/discord/index.js';
import { makeRepo, startFakeHub } from '../fakes/hub/index.js';
import { startFakeSlack } from '../fakes/slack/index.js';
import { captureStream } from '../helpers/capture.js';
import { createTestDatabase } from '../helpers/test-database.js';

async function waitFor(check: () => boolean, what: string, ms = 30_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('floodwatch start', () => {
  it('runs with Discord up and Slack refusing its token, polls, and stops cleanly on SIGTERM', async () => {
    const hub = await startFakeHub();
    hub.put(makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3' }));
    const discord = await startFakeDiscord();
    const slack = await startFakeSlack({ botToken: 'xoxb-the-real-one' });
    const dir = mkdtempSync(join(tmpdir(), 'fw-start-'));
    const database = process.env.FW_TEST_DB === 'postgres' ? await createTestDatabase() : undefined;
    const out = captureStream();
    const err = captureStream();
    const signals = new EventEmitter();
    try {
      const env = {
        HF_ENDPOINT: hub.url,
        DATA_DIR: join(dir, 'data'),
        LOG_LEVEL: 'info',
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
        SLACK_BOT_TOKEN: 'xoxb-revoked',
        SLACK_SIGNING_SECRET: 'secret',
        SLACK_API_URL: slack.apiUrl,
        PORT: '39117',
        ...(database?.url ? { DATABASE_URL: database.url } : {}),
      };
      const running = runStart([], { out, err, env }, signals);

      await waitFor(() => err.text().includes('"tick done"'), 'the first tick');
      signals.emit('SIGTERM');
      const code = await running;

      expect(code).toBe(0);
      const log = err.text();
      expect(log).toContain('"discord ready"');
      expect(log).toMatch(/"level":50[^\n]*slack/i);
      expect(log).not.toContain('xoxb-revoked');
      expect(log).toContain('"floodwatch stopping"');
      expect((discord.commands() as unknown[]).length).toBe(8);
    } finally {
      await Promise.all([hub.close(), discord.close(), slack.close()]);
      await database?.close();
      rmSync(dir, { recursive: true, force: true });
    }
    // The first tick baselines the whole default catalog: slow on a loaded machine, whatever the code.
  }, 90_000);

  it('serves the Slack install in OAuth mode and stores the installation it completes', async () => {
    const hub = await startFakeHub();
    const oauth = { clientId: '1111.2222', clientSecret: 'start-client-secret' };
    const slack = await startFakeSlack({ teamId: 'T0START', installed: false, oauth });
    const dir = mkdtempSync(join(tmpdir(), 'fw-start-'));
    const database = process.env.FW_TEST_DB === 'postgres' ? await createTestDatabase() : undefined;
    const out = captureStream();
    const err = captureStream();
    const signals = new EventEmitter();
    const base = 'http://127.0.0.1:39118';
    try {
      const env = {
        HF_ENDPOINT: hub.url,
        DATA_DIR: join(dir, 'data'),
        LOG_LEVEL: 'info',
        SLACK_CLIENT_ID: oauth.clientId,
        SLACK_CLIENT_SECRET: oauth.clientSecret,
        SLACK_STATE_SECRET: 'start-state-secret-0123',
        SLACK_SIGNING_SECRET: 'start-signing-secret',
        SLACK_API_URL: slack.apiUrl,
        PUBLIC_URL: base,
        FLOODWATCH_SECRET_KEY: 'c3'.repeat(32),
        PORT: '39118',
        ...(database?.url ? { DATABASE_URL: database.url } : {}),
      };
      const running = runStart([], { out, err, env }, signals);
      await waitFor(() => err.text().includes('"slack app receiving commands"'), 'the Slack app');

      const page = await fetch(`${base}/slack/install`);
      const href = /href="(https:\/\/slack\.com[^"]*)"/.exec(await page.text())![1]!.replace(/&amp;/g, '&');
      const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
      const redirect = slack.approveInstall(href, { teamId: 'T0START', userId: 'U0ADMIN' });
      const done = await fetch(redirect, { headers: { cookie } });
      const html = await done.text();
      signals.emit('SIGTERM');
      const code = await running;

      expect(done.status).toBe(200);
      expect(html).toContain('floodwatch is installed');
      expect(code).toBe(0);
      expect(err.text()).toContain('"slack app installed in a workspace"');
      expect(err.text()).toContain(`"installUrl":"${base}/slack/install"`);
      expect(err.text()).not.toContain(slack.team('T0START').botToken);
    } finally {
      await Promise.all([hub.close(), slack.close()]);
      await database?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
