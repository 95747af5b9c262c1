import type { Database } from '../../db/database.js';
import { labOrgs, labs, models, releases, workspaceLabs, workspaces } from '../../db/schema.js';
import { COMMANDS } from '../../commands/index.js';
import { fanOut } from '../../src/delivery/fan-out.js';
import { createPostgresServices } from '../../src/storage/create-services.js';
import { createSlackApp, type SlackApp } from '../../src/platforms/slack/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { captureStream } from './capture.js';
import { createTestClock } from './test-clock.js';
import {
  postSlashCommand,
  startFakeSlack,
  type FakeSlack,
  type FakeSlackOptions,
  type SlashCommandReply,
} from '../fakes/slack/index.js';

export const TEAM_ID = 'T0TEST';
export const OTHER_TEAM_ID = 'T0OTHER';
export const BOT_TOKEN = 'xoxb-test-token';
export const SIGNING_SECRET = 'test-signing-secret';
export const HUB_URL = 'https://huggingface.co';

export const CHANNELS = [
  { id: 'C0ALERTS', name: 'model-alerts', member: true },
  { id: 'C0PUBLIC', name: 'random' },
  { id: 'G0PRIVATE', name: 'secret', is_private: true },
];

export const USERS = [
  { id: 'U0ADMIN', name: 'alice', is_admin: true },
  { id: 'U0OWNER', name: 'olga', is_owner: true, is_primary_owner: true },
  { id: 'U0MEMBER', name: 'bob' },
  { id: 'U0LISTED', name: 'carol' },
];

export interface SlackHarness {
  fake: FakeSlack;
  slack: SlackApp;
  clock: ReturnType<typeof createTestClock>;
  log: ReturnType<typeof captureStream>;
  eventsUrl: string;
  command(
    text: string,
    options?: { user?: string; channel?: string; team?: string; responseId?: string },
  ): Promise<SlashCommandReply>;
  close(): Promise<void>;
}

/** A fake Slack Web API and the real Bolt app on an ephemeral port, sharing one test clock. */
export async function startSlackHarness(
  db: Database,
  options: { adminUserIds?: string[]; ackBudgetMs?: number; fetch?: typeof fetch; fake?: FakeSlackOptions } = {},
): Promise<SlackHarness> {
  const fake = await startFakeSlack({
    botToken: BOT_TOKEN,
    teamId: TEAM_ID,
    channels: CHANNELS,
    users: USERS,
    ...options.fake,
  });
  const clock = createTestClock();
  const log = captureStream();
  const slack = createSlackApp({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    adminUserIds: options.adminUserIds ?? [],
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    services: createPostgresServices(db),
    commands: COMMANDS,
    logger: createLogger('info', log),
    hubUrl: HUB_URL,
    now: () => clock.now(),
    ackBudgetMs: options.ackBudgetMs,
    fetch: options.fetch,
  });
  const started = await slack.start();
  if (!started.ok) throw new Error(`slack app did not start: ${started.error}`);
  const eventsUrl = `http://127.0.0.1:${started.port}/slack/events`;
  let sent = 0;
  return {
    fake,
    slack,
    clock,
    log,
    eventsUrl,
    command(text, { user = 'U0ADMIN', channel = 'C0ALERTS', team = TEAM_ID, responseId } = {}) {
      sent += 1;
      return postSlashCommand(eventsUrl, {
        signingSecret: SIGNING_SECRET,
        fields: {
          command: '/floodwatch',
          text,
          user_id: user,
          team_id: team,
          channel_id: channel,
          response_url: fake.responseUrl(responseId ?? `cmd-${sent}`),
        },
      });
    },
    async close() {
      await slack.stop();
      await fake.close();
    },
  };
}

/** Every text a reply's blocks show, in order, one per line. */
export function shownText(body: { blocks?: unknown[] }): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'text' && typeof value === 'string') out.push(value);
      else walk(value);
    }
  };
  walk(body.blocks ?? []);
  return out.join('\n');
}

const DAY = 86_400_000;

/**
 * Team T0TEST tracks DeepSeek and Qwen; team T0OTHER tracks Mistral, which T0TEST only knows of.
 * DeepSeek-R1 came out two days ago, Qwen3-8B (with a GGUF variant) yesterday.
 */
export async function seedCatalog(db: Database, now: Date) {
  await db.insert(workspaces).values([
    { id: `slack:${TEAM_ID}`, platform: 'slack' },
    { id: `slack:${OTHER_TEAM_ID}`, platform: 'slack' },
  ]);
  const [deepseek, qwen, mistral] = await db
    .insert(labs)
    .values([
      { name: 'DeepSeek', country: 'CN' },
      { name: 'Alibaba Qwen', country: 'CN' },
      { name: 'Mistral AI', country: 'FR' },
    ])
    .returning({ id: labs.id });
  await db.insert(labOrgs).values([
    { org: 'deepseek-ai', labId: deepseek!.id },
    { org: 'Qwen', labId: qwen!.id },
    { org: 'mistralai', labId: mistral!.id },
  ]);
  await db.insert(workspaceLabs).values([
    { workspaceId: `slack:${TEAM_ID}`, labId: deepseek!.id },
    { workspaceId: `slack:${TEAM_ID}`, labId: qwen!.id },
    { workspaceId: `slack:${OTHER_TEAM_ID}`, labId: mistral!.id },
  ]);
  const [r1, q3] = await db
    .insert(releases)
    .values([
      { labId: deepseek!.id, title: 'deepseek-ai/DeepSeek-R1', firstSeenAt: new Date(now.getTime() - 2 * DAY) },
      { labId: qwen!.id, title: 'Qwen/Qwen3-8B', firstSeenAt: new Date(now.getTime() - DAY) },
    ])
    .returning({ id: releases.id });
  const created = (days: number) => new Date(now.getTime() - days * DAY);
  await db.insert(models).values([
    {
      id: 'm-r1',
      repo: 'deepseek-ai/DeepSeek-R1',
      org: 'deepseek-ai',
      labId: deepseek!.id,
      releaseId: r1!.id,
      task: 'text-generation',
      license: 'mit',
      params: 685e9,
      downloads: 1_200_000,
      likes: 12_000,
      trendingScore: 90,
      createdAt: created(3),
      firstSeenPublicAt: created(2),
    },
    {
      id: 'm-q3',
      repo: 'Qwen/Qwen3-8B',
      org: 'Qwen',
      labId: qwen!.id,
      releaseId: q3!.id,
      task: 'text-generation',
      license: 'apache-2.0',
      params: 8e9,
      downloads: 800_000,
      likes: 900,
      trendingScore: 120,
      createdAt: created(1),
      firstSeenPublicAt: created(1),
    },
    {
      id: 'm-q3-gguf',
      repo: 'Qwen/Qwen3-8B-GGUF',
      org: 'Qwen',
      labId: qwen!.id,
      releaseId: q3!.id,
      task: 'text-generation',
      params: 8e9,
      downloads: 5_000,
      likes: 40,
      isVariant: true,
      relation: 'quantized',
      baseModels: ['Qwen/Qwen3-8B'],
      createdAt: created(1),
      firstSeenPublicAt: created(1),
    },
  ]);
  return { labIds: { deepseek: deepseek!.id, qwen: qwen!.id, mistral: mistral!.id } };
}

/** A new release of a lab, fanned out to the subscriptions that want it, as the worker would write it. */
export async function newRelease(db: Database, labId: number, title: string, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [release] = await tx
      .insert(releases)
      .values({ labId, title, firstSeenAt: now })
      .returning({ id: releases.id });
    await tx.insert(models).values({
      id: `m-${title}`,
      repo: title,
      org: title.split('/')[0]!,
      labId,
      releaseId: release!.id,
      task: 'text-generation',
      license: 'apache-2.0',
      params: 32e9,
      createdAt: now,
      firstSeenPublicAt: now,
    });
    await fanOut(tx, { id: release!.id, labId, country: 'CN', tasks: ['text-generation'], variantOnly: false }, now);
    return release!.id;
  });
}
