import { Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createReplicaCensus } from '../../src/delivery/replica-census.js';
import { createAlertRest } from '../../src/platforms/discord/index.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/index.js';
import { guildWithChannels } from '../helpers/discord-fan-out.js';
import { useTestDatabase } from '../helpers/test-database.js';

const database = useTestDatabase();
let discord: FakeDiscord | undefined;

afterEach(async () => {
  await discord?.close();
  discord = undefined;
});

describe('the replica census', () => {
  it('counts the replicas that share the database, and one that leaves at once', async () => {
    const a = createReplicaCensus({ db: database.db, id: 'a', logger: silentLogger() });
    const b = createReplicaCensus({ db: database.db, id: 'b', logger: silentLogger() });
    expect(await a.beat()).toBe(1);
    expect(await b.beat()).toBe(2);
    expect(await a.beat()).toBe(2);
    expect(a.count()).toBe(2);
    await b.stop();
    expect(await a.beat()).toBe(1);
    await a.stop();
  });
});

describe('Discord pacing shared between replicas', () => {
  it('keeps two replicas on one token under the global limit together', async () => {
    const guild = guildWithChannels(90);
    discord = await startFakeDiscord({ guilds: [guild], globalLimit: { limit: 50, windowMs: 1000 } });
    const { token, apiUrl } = discord;
    // Each replica's REST client paces itself for two: together they stay under 50 requests a second.
    const replicas = [0, 1].map(() => createAlertRest(token, apiUrl, { replicas: () => 2 }));
    await Promise.all(
      guild.channels.map((channel, i) =>
        replicas[i % 2]!.post(Routes.channelMessages(channel.id), { body: { content: `alert ${i}` } }),
      ),
    );
    const posts = discord.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(90);
    expect(posts.filter((r) => r.status === 429)).toHaveLength(0);
  });
});
