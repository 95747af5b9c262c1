import { once } from 'node:events';
import { loadavg } from 'node:os';
import { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { eq } from 'drizzle-orm';
import { openPglite } from '../db/open-pglite.js';
import { openPostgres } from '../db/open-postgres.js';
import { deliveries, subscriptions } from '../db/schema.js';
import { createApp } from '../src/app/create-app.js';
import { readEnv } from '../src/config/env.js';
import { createAlertRest, createDiscordAlertAdapter } from '../src/platforms/discord/index.js';
import { silentLogger } from '../src/shared/logger.js';
import { makeRepo, startFakeHub } from '../test/fakes/hub/index.js';
import { seedLabs } from '../test/helpers/seed.js';

const GUILD = '1400000000000000000';
/** Discord's global limit per bot token. */
export const DISCORD_GLOBAL_PER_SECOND = 50;

const channelId = (i: number) => String(1400000000000001000n + BigInt(i));

/**
 * One release to `channels` Discord channels, each its own subscription, on a fake Discord that answers
 * every post after `latencyMs` and enforces the global limit: how long until every alert is posted, and
 * whether any was lost, doubled or refused.
 */
export async function benchFanOut(options: { channels: number; latencyMs: number; postgresUrl?: string | undefined }) {
  const ids = Array.from({ length: options.channels }, (_, i) => channelId(i));
  // The fake runs on a thread of its own: this process's work must not delay its clock or its answers.
  const worker = new Worker(new URL('./fake-discord-worker.mjs', import.meta.url), {
    workerData: {
      guilds: [{ id: GUILD, name: 'Bench', channels: ids.map((id, i) => ({ id, name: `alerts-${i}` })) }],
      latencyMs: options.latencyMs,
      globalLimit: { limit: DISCORD_GLOBAL_PER_SECOND, windowMs: 1000 },
    },
  });
  const [discord] = (await once(worker, 'message')) as [{ apiUrl: string; token: string }];
  const hub = await startFakeHub();
  const handle = options.postgresUrl ? await openPostgres(options.postgresUrl) : await openPglite();
  const db = handle.db;
  const workspaceId = `discord:${GUILD}`;
  await seedLabs(db, [{ name: 'DeepSeek', country: 'CN', orgs: ['deepseek-ai'] }], {
    workspaceId,
    platform: 'discord',
    destination: `discord:${GUILD}:${ids[0]}`,
  });
  await db
    .insert(subscriptions)
    .values(ids.slice(1).map((id) => ({ workspaceId, platform: 'discord', destination: `discord:${GUILD}:${id}` })));

  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  const config = readEnv({ HF_ENDPOINT: hub.url, LOG_LEVEL: 'silent' });
  const adapter = createDiscordAlertAdapter({
    rest: createAlertRest(discord.token, discord.apiUrl),
    hubUrl: hub.url,
  });
  const app = createApp({ config, database: handle, logger: silentLogger(), out: sink, adapters: [adapter] });
  hub.put(makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', createdAt: '2025-01-01T00:00:00Z' }));
  await app.tick(false);
  hub.put(makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V4', createdAt: '2026-11-27T00:00:00Z' }));
  await app.tick(false);

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let dispatches = 0;
  for (;;) {
    dispatches++;
    const round = await app.dispatch();
    const pending = await db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.state, 'pending'));
    if (round.sent === 0 && pending.length === 0) break;
    if (dispatches > 200) throw new Error('the fan-out did not finish');
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);

  worker.postMessage('report');
  const [report] = (await once(worker, 'message')) as [{ statuses: number[]; perChannel: Record<string, number> }];
  const perChannel = new Map(Object.entries(report.perChannel));
  const states = await db.select({ state: deliveries.state }).from(deliveries);
  worker.postMessage('close');
  await once(worker, 'message');
  await worker.terminate();
  await hub.close();
  await handle.close();
  const perSecond = options.channels / seconds;
  return {
    database: handle.kind,
    channels: options.channels,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Number(perSecond.toFixed(1)),
    shareOfGlobal: perSecond / DISCORD_GLOBAL_PER_SECOND,
    sentRows: states.filter((s) => s.state === 'sent').length,
    missing: ids.filter((id) => !perChannel.has(id)).length,
    doubled: [...perChannel.values()].filter((n) => n > 1).length,
    globalLimited: report.statuses.filter((s) => s === 429).length,
    requests: report.statuses.length,
    // Both threads, per alert; and how busy the machine was (this bench shares its cores).
    cpuMsPerAlert: Number(((cpu.user + cpu.system) / 1000 / options.channels).toFixed(1)),
    loadAverage: Number(loadavg()[0]!.toFixed(1)),
  };
}
