import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/create-app.js';
import { readEnv } from '../../src/config/env.js';
import type { AlertAdapter } from '../../src/platforms/platform.js';
import { silentLogger } from '../../src/shared/logger.js';
import { makeRepo, startFakeHub, type FakeHub } from '../fakes/hub/index.js';
import { captureStream } from '../helpers/capture.js';
import { ALERTS, createDiscordHarness, opt, type DiscordHarness } from '../helpers/discord-harness.js';
import { repoWithFacts } from '../helpers/facts-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { seedCatalog, shownText, startSlackHarness, type SlackHarness } from '../helpers/slack-harness.js';
import { createTestClock } from '../helpers/test-clock.js';
import { createTestDatabase, resetDatabase, useTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const database = useTestDatabase();
let hub: FakeHub;
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  await resetDatabase(database);
  hub = await startFakeHub();
  hub.put(makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', createdAt: '2026-01-01T00:00:00Z' }));
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await hub.close();
});

function appFor(adapter: AlertAdapter): App {
  return createApp({
    config: readEnv({ HF_ENDPOINT: hub.url, LOG_LEVEL: 'silent' }),
    database,
    logger: silentLogger(),
    clock: createTestClock(),
    out: captureStream(),
    adapters: [adapter],
  });
}

/** A baseline, then DeepSeek-V4 with its facts on the Hub, polled and dispatched. */
async function releaseV4(app: App): Promise<void> {
  await app.tick(false);
  hub.put(
    repoWithFacts('deepseek-ai', 'DeepSeek-V4', {
      createdAt: '2026-11-28T00:00:00Z',
      baseModel: 'Qwen/Qwen3-8B',
      tags: ['transformers', 'safetensors', 'text-generation', 'base_model:finetune:Qwen/Qwen3-8B', 'license:mit'],
    }),
  );
  const tick = await app.tick(false);
  expect(tick.releaseIds).toHaveLength(1);
  await app.dispatch();
}

describe('Discord', () => {
  let h: DiscordHarness;
  beforeEach(async () => {
    h = await createDiscordHarness(database);
    closers.push(() => h.close());
  });

  it('shows the facts in the alert embed, and /model details them', async () => {
    await releaseV4(appFor(h.bot));

    const [message] = h.fake.messages(ALERTS) as { embeds: { description: string; fields: any[] }[] }[];
    const embed = message!.embeds[0]!;
    expect(embed.description).toBe(
      'We present DeepSeek-V4, a strong mixture-of-experts language model with 1T total parameters.',
    );
    const fields = Object.fromEntries(embed.fields.map((f: { name: string; value: string }) => [f.name, f.value]));
    expect(fields.Run).toContain('2.05 TB BF16');
    expect(fields.Run).toContain('(weights only)');
    expect(fields.Shape).toContain('384 experts, 8 per token');
    expect(fields.Call).toBe('novita, together');
    expect(fields['Runs on']).toBe('vLLM, SGLang');
    expect(fields.Lineage).toBe('finetune of Qwen/Qwen3-8B');

    const model = await h.command('model', [opt('id', 'deepseek-ai/DeepSeek-V4')]);
    const shown = JSON.stringify(model.embeds);
    expect(shown).toContain('Weights memory');
    expect(shown).toContain('513 GB 4-bit');
    expect(shown).toContain('context 128K tokens');
    expect(shown).toContain('novita, together');
    expect(shown).toContain('What it is');
  });
});

describe('Slack', () => {
  let slack: SlackHarness;
  beforeEach(async () => {
    slack = await startSlackHarness(database.db);
    closers.push(() => slack.close());
    await seedCatalog(database.db, slack.clock.now());
    const answer = await slack.command('alerts subscribe', { channel: 'C0ALERTS' });
    expect(shownText(answer.body)).toContain('Subscribed this channel');
  });

  it('shows the facts in the alert, the lineage naming the base’s lab, and /model details them', async () => {
    await releaseV4(appFor(slack.slack));

    const [message] = slack.fake.messages('C0ALERTS');
    const shown = shownText({ blocks: message!.blocks as unknown[] });
    expect(shown).toContain('We present DeepSeek-V4, a strong mixture-of-experts language model');
    expect(shown).toContain('*Run* 2.05 TB BF16 · 1.03 TB FP8 · 513 GB 4-bit · 26×80 GB or 15×141 GB GPUs');
    expect(shown).toContain('*Call* novita, together');
    expect(shown).toContain('*Lineage* finetune of Qwen/Qwen3-8B (Alibaba Qwen, CN)');
    expect((message!.blocks as unknown[]).length).toBeLessThanOrEqual(50);

    const answer = await slack.command('model deepseek-ai/DeepSeek-V4');
    const details = shownText(answer.body);
    expect(details).toContain('*Weights memory*');
    expect(details).toContain('MoE, 384 experts, 8 per token · context 128K tokens');
    expect(details).toContain('*Runs on*\nvLLM, SGLang');
  });
});

describe('the command line', () => {
  let dataDir: string;
  let own: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fw-facts-'));
    if (process.env.FW_TEST_DB === 'postgres') own = await createTestDatabase();
    env = {
      HF_ENDPOINT: hub.url,
      DATA_DIR: join(dataDir, 'data'),
      LOG_LEVEL: 'silent',
      ...(own?.url ? { DATABASE_URL: own.url } : {}),
    };
    closers.push(async () => {
      await own?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
  });

  it('prints the facts in the console alert and in run model --json', async () => {
    await runCli(env, 'poll', '--once');
    hub.put(repoWithFacts('deepseek-ai', 'DeepSeek-V4', { createdAt: '2026-11-28T00:00:00Z' }));

    const poll = await runCli(env, 'poll', '--once');
    const model = await runCli(env, 'run', 'model', 'deepseek-ai/DeepSeek-V4', '--json');

    expect(poll.out).toContain('  run: 2.05 TB BF16 · 1.03 TB FP8 · 513 GB 4-bit');
    expect(poll.out).toContain('  what: We present DeepSeek-V4');
    expect(model.code).toBe(0);
    const reply = JSON.stringify(JSON.parse(model.out));
    expect(reply).toContain('Weights memory');
    expect(reply).toContain('2.05 TB BF16');
    expect(reply).toContain('novita, together');
    expect(reply).toContain('We present DeepSeek-V4');
  });
});
