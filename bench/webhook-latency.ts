import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/open-database.js';
import { startFakeDiscord } from '../test/fakes/discord/index.js';
import { makeRepo, postWebhook, startFakeHub, webhookPayload } from '../test/fakes/hub/index.js';
import { guildWithChannels, subscribeGuild } from '../test/helpers/discord-fan-out.js';
import { startService } from '../test/helpers/service-process.js';

const NEVER = '0 0 1 1 *';
const SECRET = 'bench-webhook-secret';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Webhook received → alert posted: `floodwatch start` as its own process on the embedded database (the
 * schedule never fires, so only the webhook can find the repo), a fake Hub and a fake Discord channel.
 * Each run puts a new repo on the Hub, sends the Hub's webhook for it and waits for the Discord post.
 */
export async function benchWebhookLatency(options: { runs: number }) {
  const hub = await startFakeHub();
  hub.put(makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', createdAt: '2025-01-01T00:00:00Z' }));
  const guild = guildWithChannels(1);
  const discord = await startFakeDiscord({ guilds: [guild] });
  const dir = mkdtempSync(join(tmpdir(), 'fw-bench-hook-'));
  const dataDir = join(dir, 'data');
  const setup = await openDatabase({ dataDir });
  await subscribeGuild(setup.db, guild, ['DeepSeek']);
  await setup.close();
  const service = startService({
    HF_ENDPOINT: hub.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    POLL_CRON: NEVER,
    RECONCILE_CRON: NEVER,
    METRICS_CRON: NEVER,
    PORT: '0',
    HF_WEBHOOK_SECRET: SECRET,
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
  });
  try {
    const port = (await service.waitForLog(/"port":(\d+)[^\n]*"http listening"/))[1];
    await service.waitForLog(/"msg":"discord ready"/);
    await service.waitForLog(/"msg":"tick done"/);
    const url = `http://127.0.0.1:${port}/hooks/huggingface`;
    const latencies: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const createdAt = new Date().toISOString();
      const repo = makeRepo({ org: 'deepseek-ai', name: `Bench-Model-${run}-7B`, createdAt });
      hub.put(repo);
      const posted = discord.messages().length;
      const start = performance.now();
      const { status } = await postWebhook(url, webhookPayload('create', repo), SECRET);
      if (status !== 202) throw new Error(`webhook answered ${status}`);
      while (discord.messages().length === posted) {
        if (performance.now() - start > 30_000)
          throw new Error(`no alert for ${repo.id}:\n${service.log().slice(-6000)}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      latencies.push(performance.now() - start);
      // Discord allows a channel 5 messages per 5 s: one release a second stays inside it.
      await new Promise((r) => setTimeout(r, 1_100));
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    return { runs: sorted.length, p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)) };
  } finally {
    await service.kill('SIGTERM');
    await Promise.all([hub.close(), discord.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
