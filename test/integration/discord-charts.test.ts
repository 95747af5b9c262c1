import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineCommand } from '../../commands/types.js';
import { renderChart } from '../../src/charts/index.js';
import {
  ALERTS,
  createDiscordHarness,
  discordBot,
  GUILD,
  opt,
  type DiscordHarness,
} from '../helpers/discord-harness.js';
import { isChartPng } from '../helpers/png.js';
import { seedRankedModel } from '../helpers/seed.js';
import { useTestDatabase } from '../helpers/test-database.js';

const database = useTestDatabase();
let h: DiscordHarness;
const EPHEMERAL = 1 << 6;

beforeEach(async () => {
  h = await createDiscordHarness(database);
  await seedRankedModel(database.db, `discord:${GUILD}`, 'discord');
});
afterEach(async () => {
  await h.close();
});

describe('charts on Discord', () => {
  it('attaches the chart of /rankings and /origins as chart.png, shown in the embed under the text', async () => {
    // Loaded once, so the answers below come within the interaction window without a defer.
    await renderChart({ kind: 'bars', title: 'warm', byCountry: false, points: [{ x: 'a', series: 'a', value: 1 }] });

    for (const options of [[], [opt('view', 'timeline')], [opt('view', 'top')]]) {
      const exchange = await h.fake.interact({ guildId: GUILD, channelId: ALERTS, name: 'origins', options });
      const reply = await exchange.reply(30_000);

      expect((await exchange.callback()).type).toBe(4);
      expect(reply.files?.map((f) => f.name)).toEqual(['chart.png']);
      expect(isChartPng(reply.files![0]!.data)).toBe(true);
      expect(reply.embeds![0].image).toEqual({ url: 'attachment://chart.png' });
      expect(reply.embeds![0].description).toContain('China');
    }
    const rankings = await h.command('rankings', [opt('share', true)]);
    expect((rankings.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(isChartPng(rankings.files?.[0]?.data)).toBe(true);
    expect(JSON.stringify(rankings.embeds)).toContain('chart-lab/Chart-7B');
  });

  it('edits the chart in with the answer after a defer', async () => {
    const slowChart = defineCommand({
      name: 'slowchart',
      description: 'Takes its time, then draws',
      options: [] as const,
      async run() {
        await new Promise((r) => setTimeout(r, 2_600));
        return {
          ephemeral: false,
          title: 'Late chart',
          blocks: [{ type: 'text', text: ['China leads'] }],
          chart: { kind: 'bars', title: 'Late chart', byCountry: true, points: [{ x: 'CN', series: 'CN', value: 3 }] },
        };
      },
    });
    await h.bot.stop();
    const bot = discordBot(h.fake, database, { commands: [slowChart] });
    expect((await bot.start()).ok).toBe(true);
    try {
      const exchange = await h.fake.interact({
        guildId: GUILD,
        channelId: ALERTS,
        name: 'slowchart',
        permissions: '0',
      });

      const callback = await exchange.callback(5_000);
      const reply = await exchange.reply(30_000);

      expect(callback.type).toBe(5);
      expect(reply.files?.map((f) => f.name)).toEqual(['chart.png']);
      expect(isChartPng(reply.files![0]!.data)).toBe(true);
      expect(reply.embeds![0].image).toEqual({ url: 'attachment://chart.png' });
      expect(JSON.stringify(reply.embeds)).toContain('China leads');
    } finally {
      await bot.stop();
    }
  });
});
