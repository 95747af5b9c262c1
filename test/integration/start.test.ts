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
      expect((discord.commands() as unknown[]).length).toBe(7);
    } finally {
      await Promise.all([hub.close(), discord.close(), slack.close()]);
      await database?.close();
      rmSync(dir, { recursive: true, force: true });
    }
    // The first tick baselines the whole default catalog: slow on a loaded machine, whatever the code.
  }, 90_000);
});
