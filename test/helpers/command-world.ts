import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { COMMANDS } from '../../commands/index.js';
import { runCommand } from '../../commands/run-command.js';
import {
  isGroup,
  type CommandContext,
  type CommandDef,
  type Inline,
  type RawArgs,
  type Reply,
  type ReplyBlock,
} from '../../commands/types.js';
import type { Database } from '../../db/database.js';
import { labOrgs, labs, models, releases, workspaceLabs, workspaces } from '../../db/schema.js';
import { silentLogger } from '../../src/shared/logger.js';
import { plainInline } from '../../src/platforms/plain-reply.js';
import { createPostgresServices } from '../../src/storage/create-services.js';
import { captureStream } from './capture.js';

/** The moment every command runs at. */
export const NOW = new Date('2026-11-29T08:00:00Z');
export const HUB_URL = 'https://huggingface.co';
export const GUILD = { id: 'discord:G1', platform: 'discord' };
export const CHANNEL = { id: 'C1', destination: 'discord:G1:C1' };
export const OTHER_CHANNEL = { id: 'C2', destination: 'discord:G1:C2' };
export const TEAM = { id: 'slack:T9', platform: 'slack' };
export const TEAM_CHANNEL = { id: 'CT', destination: 'slack:T9:CT' };
export const BASELINE_AT = new Date('2026-08-01T00:00:00Z');

export function daysAgo(days: number): Date {
  return new Date(NOW.getTime() - days * 86_400_000);
}

// The guild tracks four labs; the Slack team tracks Meta and DeepSeek. Meta must never show in the guild.
const LABS = [
  { key: 'deepseek', name: 'DeepSeek', country: 'CN', orgs: ['deepseek-ai'], trackedBy: [GUILD.id, TEAM.id] },
  { key: 'qwen', name: 'Alibaba Qwen', country: 'CN', orgs: ['Qwen', 'Wan-AI'], trackedBy: [GUILD.id] },
  { key: 'mistral', name: 'Mistral AI', country: 'FR', orgs: ['mistralai'], trackedBy: [GUILD.id] },
  { key: 'google', name: 'Google', country: 'US', orgs: ['google'], trackedBy: [GUILD.id] },
  { key: 'meta', name: 'Meta', country: 'US', orgs: ['meta-llama', 'facebook'], trackedBy: [TEAM.id] },
] as const;
export type LabKey = (typeof LABS)[number]['key'];

const RELEASES = [
  { title: 'deepseek-ai/DeepSeek-V4', lab: 'deepseek', seen: daysAgo(0.8) },
  { title: 'Qwen/Qwen3-8B-AWQ', lab: 'qwen', seen: daysAgo(2), variantOnly: true },
  { title: 'Qwen/Qwen3-Coder-30B', lab: 'qwen', seen: daysAgo(3) },
  { title: 'mistralai/Magistral-Small-2611', lab: 'mistral', seen: daysAgo(5) },
  { title: 'google/gemma-4-12b', lab: 'google', seen: daysAgo(10) },
  { title: 'deepseek-ai/DeepSeek-OCR-2', lab: 'deepseek', seen: daysAgo(20) },
  { title: 'deepseek-ai/DeepSeek-V3', lab: 'deepseek', seen: daysAgo(60) },
  { title: 'meta-llama/Llama-5-70B', lab: 'meta', seen: daysAgo(1) },
] as const;

interface ModelSeed {
  repo: string;
  lab: LabKey;
  release?: string;
  created: number;
  downloads: number;
  likes: number;
  trending: number;
  params?: number;
  task?: string;
  baseModels?: string[];
  relation?: string;
  variant?: boolean;
  private?: boolean;
}

const B = 1e9;
// Downloads, likes and trending each order the guild's ten public originals differently; the variants
// and the private repo would top every ranking if they were not left out.
const MODELS: ModelSeed[] = [
  {
    repo: 'deepseek-ai/DeepSeek-V3',
    lab: 'deepseek',
    release: 'deepseek-ai/DeepSeek-V3',
    created: 62,
    downloads: 2_500_000,
    likes: 4000,
    trending: 20,
    params: 671 * B,
    task: 'text-generation',
  },
  {
    repo: 'deepseek-ai/DeepSeek-V4',
    lab: 'deepseek',
    release: 'deepseek-ai/DeepSeek-V4',
    created: 2,
    downloads: 900_000,
    likes: 3000,
    trending: 300,
    params: 685 * B,
    task: 'text-generation',
    baseModels: ['deepseek-ai/DeepSeek-V3'],
    relation: 'finetune',
  },
  {
    repo: 'deepseek-ai/DeepSeek-V4-Distill-Qwen3-32B',
    lab: 'deepseek',
    release: 'deepseek-ai/DeepSeek-V4',
    created: 2,
    downloads: 100_000,
    likes: 400,
    trending: 90,
    params: 32 * B,
    task: 'text-generation',
    baseModels: ['Qwen/Qwen3-32B'],
    relation: 'finetune',
  },
  {
    repo: 'deepseek-ai/DeepSeek-V4-FP8',
    lab: 'deepseek',
    release: 'deepseek-ai/DeepSeek-V4',
    created: 2,
    downloads: 9_000_000,
    likes: 600,
    trending: 900,
    params: 685 * B,
    task: 'text-generation',
    baseModels: ['deepseek-ai/DeepSeek-V4'],
    relation: 'quantized',
    variant: true,
  },
  {
    repo: 'deepseek-ai/DeepSeek-OCR-2',
    lab: 'deepseek',
    release: 'deepseek-ai/DeepSeek-OCR-2',
    created: 21,
    downloads: 50_000,
    likes: 500,
    trending: 60,
    params: 3 * B,
    task: 'image-text-to-text',
  },
  {
    repo: 'Qwen/Qwen3-8B',
    lab: 'qwen',
    created: 200,
    downloads: 4_000_000,
    likes: 800,
    trending: 40,
    params: 8 * B,
    task: 'text-generation',
  },
  {
    repo: 'Qwen/Qwen3-32B',
    lab: 'qwen',
    created: 200,
    downloads: 1_100_000,
    likes: 700,
    trending: 30,
    params: 32 * B,
    task: 'text-generation',
  },
  {
    repo: 'Qwen/Qwen3-8B-AWQ',
    lab: 'qwen',
    release: 'Qwen/Qwen3-8B-AWQ',
    created: 2,
    downloads: 10_000,
    likes: 50,
    trending: 5,
    params: 8 * B,
    task: 'text-generation',
    baseModels: ['Qwen/Qwen3-8B'],
    relation: 'quantized',
    variant: true,
  },
  {
    repo: 'Qwen/Qwen3-Coder-30B',
    lab: 'qwen',
    release: 'Qwen/Qwen3-Coder-30B',
    created: 4,
    downloads: 1_500_000,
    likes: 900,
    trending: 500,
    params: 30 * B,
    task: 'text-generation',
  },
  {
    repo: 'Qwen/Qwen3-Coder-480B',
    lab: 'qwen',
    release: 'Qwen/Qwen3-Coder-30B',
    created: 4,
    downloads: 300_000,
    likes: 1200,
    trending: 250,
    params: 480 * B,
    task: 'text-generation',
  },
  {
    repo: 'Qwen/Qwen3-Coder-30B-GGUF',
    lab: 'qwen',
    release: 'Qwen/Qwen3-Coder-30B',
    created: 3,
    downloads: 5_000_000,
    likes: 5000,
    trending: 950,
    params: 30 * B,
    task: 'text-generation',
    baseModels: ['Qwen/Qwen3-Coder-30B'],
    relation: 'quantized',
    variant: true,
  },
  {
    repo: 'Qwen/Qwen4-Preview',
    lab: 'qwen',
    created: 1,
    downloads: 20_000_000,
    likes: 9000,
    trending: 2000,
    params: 100 * B,
    task: 'text-generation',
    private: true,
  },
  {
    repo: 'mistralai/Magistral-Small-2611',
    lab: 'mistral',
    release: 'mistralai/Magistral-Small-2611',
    created: 6,
    downloads: 200_000,
    likes: 600,
    trending: 150,
    params: 24 * B,
    task: 'text-generation',
    baseModels: ['mistralai/Mistral-Small-3.2-24B', 'someone/merged-base'],
    relation: 'finetune',
  },
  {
    repo: 'google/gemma-4-12b',
    lab: 'google',
    release: 'google/gemma-4-12b',
    created: 11,
    downloads: 700_000,
    likes: 2000,
    trending: 350,
    params: 12 * B,
    task: 'image-text-to-text',
  },
  {
    repo: 'meta-llama/Llama-5-70B',
    lab: 'meta',
    release: 'meta-llama/Llama-5-70B',
    created: 1,
    downloads: 8_000_000,
    likes: 8000,
    trending: 800,
    params: 70 * B,
    task: 'text-generation',
  },
];

export interface World {
  labIds: Record<LabKey, number>;
}

/** The catalog, two workspaces' tracking, releases and models, in a handful of statements. */
export async function seedWorld(db: Database): Promise<World> {
  await db.insert(workspaces).values([GUILD, TEAM]);
  const inserted = await db
    .insert(labs)
    .values(LABS.map((l) => ({ name: l.name, country: l.country })))
    .returning({ id: labs.id, name: labs.name });
  const labIds = Object.fromEntries(LABS.map((l) => [l.key, inserted.find((r) => r.name === l.name)!.id])) as Record<
    LabKey,
    number
  >;
  await db
    .insert(labOrgs)
    .values(LABS.flatMap((l) => l.orgs.map((org) => ({ org, labId: labIds[l.key], baselineAt: BASELINE_AT }))));
  await db
    .insert(workspaceLabs)
    .values(LABS.flatMap((l) => l.trackedBy.map((workspaceId) => ({ workspaceId, labId: labIds[l.key] }))));
  const rows = await db
    .insert(releases)
    .values(
      RELEASES.map((r) => ({
        labId: labIds[r.lab],
        title: r.title,
        firstSeenAt: r.seen,
        variantOnly: 'variantOnly' in r,
      })),
    )
    .returning({ id: releases.id, title: releases.title });
  const releaseIds = new Map(rows.map((r) => [r.title, r.id]));
  await db.insert(models).values(
    MODELS.map((m, i) => ({
      id: `65f0000000000000000000${String(i).padStart(2, '0')}`,
      repo: m.repo,
      org: m.repo.split('/')[0]!,
      labId: labIds[m.lab],
      createdAt: daysAgo(m.created),
      firstSeenPublicAt: m.private ? null : daysAgo(Math.min(m.created, 1)),
      private: m.private ?? false,
      task: m.task,
      library: 'transformers',
      license: 'apache-2.0',
      params: m.params,
      downloads: m.downloads,
      likes: m.likes,
      trendingScore: m.trending,
      baseModels: m.baseModels ?? [],
      relation: m.relation,
      isVariant: m.variant ?? false,
      releaseId: m.release ? releaseIds.get(m.release) : undefined,
      baseline: !m.release,
    })),
  );
  return { labIds };
}

const TABLES = [
  'labs',
  'lab_orgs',
  'workspaces',
  'workspace_labs',
  'releases',
  'models',
  'subscriptions',
  'deliveries',
];

/** Every row of every table in one round trip, order-independent, to prove a command changed nothing. */
export async function snapshotDatabase(db: Database): Promise<Record<string, unknown>> {
  const parts = TABLES.map((t) => `'${t}', (select coalesce(json_agg(r order by r::text), '[]'::json) from ${t} r)`);
  const result = await db.execute(sql.raw(`select json_build_object(${parts.join(', ')}) as snapshot`));
  const [row] = (result as unknown as { rows: { snapshot: unknown }[] }).rows;
  return (typeof row!.snapshot === 'string' ? JSON.parse(row!.snapshot) : row!.snapshot) as Record<string, unknown>;
}

export function commandContext(db: Database, logger = silentLogger()): CommandContext {
  return { services: createPostgresServices(db), commands: COMMANDS, now: () => NOW, hubUrl: HUB_URL, logger };
}

/** A command of the registry by its path as users type it: `releases`, `labs add`. */
export function findCommand(path: string): CommandDef {
  const [top, sub] = path.split(' ');
  const command = COMMANDS.find((c) => c.name === top);
  if (!command) throw new Error(`no command ${top}`);
  if (!isGroup(command)) return command;
  const found = command.subcommands.find((s) => s.name === sub);
  if (!found) throw new Error(`no subcommand ${path}`);
  return found;
}

/** Every command path of the registry, in help order: `releases`, …, `labs add`, …, `help`. */
export function commandPaths(): string[] {
  return COMMANDS.flatMap((c) => (isGroup(c) ? c.subcommands.map((s) => `${c.name} ${s.name}`) : [c.name]));
}

export interface Asker {
  workspace?: { id: string; platform: string };
  channel?: { id: string; destination: string };
  admin?: boolean;
}

/** Runs a command as a member (or an admin) of the guild's first channel unless told otherwise. */
export function runAs(ctx: CommandContext, path: string, args: RawArgs = {}, asker: Asker = {}): Promise<Reply> {
  return runCommand(ctx, findCommand(path), {
    workspace: asker.workspace ?? GUILD,
    channel: asker.channel ?? CHANNEL,
    user: { id: asker.admin ? 'U-admin' : 'U-member', isAdmin: asker.admin ?? false },
    args,
  });
}

/** Commands a reply names are written as Discord spells them: `/alerts list`. */
export function inlineText(parts: readonly Inline[]): string {
  return plainInline(parts, (ref) => [`/${ref.command.join(' ')}`, ...(ref.args ? [ref.args] : [])].join(' '));
}

function blockText(block: ReplyBlock): string {
  switch (block.type) {
    case 'text':
    case 'note':
      return inlineText(block.text);
    case 'list':
      return block.items.map(inlineText).join('\n');
    case 'fields':
      return block.fields.map((f) => `${f.name}: ${inlineText(f.value)}`).join('\n');
    case 'bars':
      return block.rows.map((r) => `${r.label} ${r.value}`).join('\n');
  }
}

/** Everything a reply says, as plain text. */
export function replyText(reply: Reply): string {
  return [...(reply.title === undefined ? [] : [reply.title]), ...reply.blocks.map(blockText)].join('\n');
}

/** The items of the reply's list blocks, as plain text; `index` picks one list. */
export function listItems(reply: Reply, index = 0): string[] {
  const lists = reply.blocks.filter((b) => b.type === 'list');
  return lists[index]?.items.map(inlineText) ?? [];
}

/** The first link of each item of the reply's first list: the repos it names, in order. */
export function listedRepos(reply: Reply): string[] {
  const list = reply.blocks.find((b) => b.type === 'list');
  return (
    list?.items.flatMap((item) =>
      item.flatMap((p) => (typeof p === 'object' && 'url' in p ? [p.text] : [])).slice(0, 1),
    ) ?? []
  );
}

export function barRows(reply: Reply, index: number): { label: string; value: number; share: number }[] {
  const bars = reply.blocks.filter((b) => b.type === 'bars');
  return [...(bars[index]?.rows ?? [])];
}

export function fieldsOf(reply: Reply): Record<string, string> {
  const block = reply.blocks.find((b) => b.type === 'fields');
  return Object.fromEntries(block?.fields.map((f) => [f.name, inlineText(f.value)]) ?? []);
}

/** A pino logger at error level whose JSON lines the test can read back. */
export function capturingLogger() {
  const stream = captureStream();
  const entries = () =>
    stream
      .text()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger: pino({ level: 'error' }, stream), entries };
}
