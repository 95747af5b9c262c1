import { readEnv } from '../src/config/env.js';
import { createApp } from '../src/app/create-app.js';
import { openPglite } from '../db/open-pglite.js';
import { seedDefaults } from '../db/seed.js';
import { silentLogger } from '../src/shared/logger.js';
import { makeOrg, startFakeHub, type FakeHub } from '../test/fakes/hub/index.js';
import { Writable } from 'node:stream';
import { orgSizes } from './org-sizes.js';

function sum(hub: FakeHub) {
  return { requests: hub.requests.length, bytes: hub.requests.reduce((n, r) => n + r.bytes, 0) };
}

/** Requests and bytes of one steady-state tick over the whole default catalog, beside a naive poll. */
export async function benchSteadyTick() {
  const hub = await startFakeHub();
  let repos = 0;
  for (const { org, count } of orgSizes()) {
    const made = makeOrg(org, count, { startDate: '2022-06-01T00:00:00Z', endDate: '2026-11-20T00:00:00Z' });
    hub.put(...made);
    repos += made.length;
  }
  const handle = await openPglite();
  await seedDefaults(handle.db);
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  const app = createApp({
    config: readEnv({ HF_ENDPOINT: hub.url, LOG_LEVEL: 'silent' }),
    database: handle,
    logger: silentLogger(),
    out: sink,
  });

  const t0 = performance.now();
  await app.tick(false);
  const baselineMs = performance.now() - t0;
  const baseline = sum(hub);
  hub.resetRequests();

  const t1 = performance.now();
  const steadyTick = await app.tick(false);
  const steadyMs = performance.now() - t1;
  const steady = sum(hub);
  hub.resetRequests();

  // What existing watchers do: the newest 100 of each org with the Hub's default fields.
  for (const { org } of orgSizes()) {
    const res = await fetch(
      `${hub.url}/api/models?author=${encodeURIComponent(org)}&sort=createdAt&direction=-1&limit=100`,
    );
    await res.arrayBuffer();
  }
  const naive = sum(hub);
  await hub.close();
  await handle.close();
  return {
    orgs: steadyTick.polled.length + steadyTick.failed.length,
    repos,
    baseline: { ...baseline, ms: Math.round(baselineMs) },
    steady: { ...steady, ms: Math.round(steadyMs) },
    naive,
  };
}
