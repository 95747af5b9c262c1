import { loadavg } from 'node:os';
import { Writable } from 'node:stream';
import { openPglite } from '../db/open-pglite.js';
import { seedDefaults } from '../db/seed.js';
import { createApp } from '../src/app/create-app.js';
import { readEnv } from '../src/config/env.js';
import { silentLogger } from '../src/shared/logger.js';
import { makeOrg, startFakeHub } from '../test/fakes/hub/index.js';
import { orgSizes } from './org-sizes.js';

/**
 * A steady-state tick of the default catalog on a fake Hub that answers every request after `latencyMs`:
 * once with the orgs one after another (POLL_CONCURRENCY=1, as before) and once with the default.
 */
export async function benchSlowHubTick(options: { latencyMs: number }) {
  const hub = await startFakeHub({ latencyMs: options.latencyMs });
  for (const { org, count } of orgSizes()) {
    hub.put(...makeOrg(org, count, { startDate: '2022-06-01T00:00:00Z', endDate: '2026-11-20T00:00:00Z' }));
  }
  const handle = await openPglite();
  await seedDefaults(handle.db);
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  // Each run has an app of its own, so each starts with a full rate budget as a tick minutes apart would.
  const app = (env: Record<string, string> = {}) =>
    createApp({
      config: readEnv({ HF_ENDPOINT: hub.url, LOG_LEVEL: 'silent', ...env }),
      database: handle,
      logger: silentLogger(),
      out: sink,
    });
  await app().tick(false);

  async function steady(env: Record<string, string>) {
    hub.resetRequests();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const tick = await app(env).tick(false);
    const cpu = process.cpuUsage(cpuBefore);
    return {
      ms: Math.round(performance.now() - started),
      // This process's CPU, the fake Hub's included: the floor of the tick on an idle machine.
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      requests: hub.requests.length,
      failed: tick.failed.length,
    };
  }
  const sequential = await steady({ POLL_CONCURRENCY: '1' });
  const concurrent = await steady({});
  await hub.close();
  await handle.close();
  return {
    orgs: orgSizes().length,
    concurrency: readEnv({}).POLL_CONCURRENCY,
    sequential,
    concurrent,
    loadAverage: Number(loadavg()[0]!.toFixed(1)),
  };
}
