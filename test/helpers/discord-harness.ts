import { COMMANDS } from '../../commands/index.js';
import type { TopCommand } from '../../commands/types.js';
import { createDiscordBot } from '../../src/platforms/discord/index.js';
import type { Platform } from '../../src/platforms/platform.js';
import { createPostgresServices } from '../../src/storage/create-services.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import type { VisibleReply } from '../fakes/discord/types.js';
import { seedLabs } from './seed.js';
import { resetDatabase, type TestDatabase } from './test-database.js';

export const GUILD = '1300000000000000001';
export const ALERTS = '1300000000000000002';
export const GENERAL = '1300000000000000003';
export const MANAGE_GUILD = String(1 << 5);
export const HUB = 'https://hub.example';

export interface DiscordHarness {
  fake: FakeDiscord;
  bot: Platform;
  seeded: Awaited<ReturnType<typeof seedLabs>>;
  /** A slash command from a member (admin with Manage Server when asked); resolves with the visible reply. */
  command(name: string, options?: unknown[], as?: { admin?: boolean; channelId?: string }): Promise<VisibleReply>;
  close(): Promise<void>;
}

/** Options of a subcommand as Discord nests them. */
export function sub(name: string, options: unknown[] = []): unknown[] {
  return [{ type: 1, name, options }];
}

export function opt(
  name: string,
  value: string | number | boolean,
  type = typeof value === 'number' ? 4 : typeof value === 'boolean' ? 5 : 3,
) {
  return { name, type, value };
}

/** A bot on the fake guild, as the service builds it: every command unless told otherwise. */
export function discordBot(
  fake: FakeDiscord,
  database: TestDatabase,
  options: { commands?: readonly TopCommand[]; now?: () => Date } = {},
): Platform {
  return createDiscordBot({
    token: fake.token,
    apiUrl: fake.apiUrl,
    guildId: GUILD,
    services: createPostgresServices(database.db),
    logger: silentLogger(),
    hubUrl: HUB,
    now: options.now ?? (() => new Date()),
    commands: options.commands ?? COMMANDS,
  });
}

export async function createDiscordHarness(
  database: TestDatabase,
  now = () => new Date('2026-11-29T08:00:00Z'),
): Promise<DiscordHarness> {
  await resetDatabase(database);
  const seeded = await seedLabs(
    database.db,
    [
      { name: 'DeepSeek', country: 'CN', orgs: ['deepseek-ai'] },
      { name: 'Mistral AI', country: 'FR', orgs: ['mistralai'] },
    ],
    { workspaceId: `discord:${GUILD}`, platform: 'discord', destination: `discord:${GUILD}:${ALERTS}` },
  );
  const fake = await startFakeDiscord({
    guilds: [
      {
        id: GUILD,
        name: 'Model Watchers',
        channels: [
          { id: ALERTS, name: 'alerts' },
          { id: GENERAL, name: 'general' },
        ],
      },
    ],
  });
  const bot = discordBot(fake, database, { now });
  const started = await bot.start();
  if (!started.ok) throw new Error(`bot did not start: ${started.error}`);
  return {
    fake,
    bot,
    seeded,
    async command(name, options = [], as = {}) {
      const exchange = await fake.interact({
        guildId: GUILD,
        channelId: as.channelId ?? ALERTS,
        name,
        options,
        permissions: as.admin ? MANAGE_GUILD : '0',
      });
      // A first chart starts the chart process, through tsx in the tests: slow on a busy machine.
      return exchange.reply(30_000);
    },
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}
