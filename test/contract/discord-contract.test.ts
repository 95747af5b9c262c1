import { ALERTS, createDiscordHarness, GUILD, opt } from '../helpers/discord-harness.js';
import { describePlatformContract } from './platform-contract.js';

describePlatformContract('Discord', async (database) => {
  const h = await createDiscordHarness(database);
  const files: Buffer[] = [];
  return {
    platform: h.bot,
    destination: `discord:${GUILD}:${ALERTS}`,
    workspaceId: GUILD,
    channelId: ALERTS,
    databaseWorkspace: { id: `discord:${GUILD}`, platform: 'discord' },
    spelled: '/releases',
    posted: () => h.fake.messages(ALERTS).map((m) => JSON.stringify({ content: m.content, embeds: m.embeds })),
    breakChannel: () => h.fake.channelFault(ALERTS, { code: 50001 }),
    rateLimitOnce: (seconds) => h.fake.rateLimitNext(/\/channels\/\d+\/messages/, { retryAfterSeconds: seconds }),
    async command(path, args) {
      const typed = (value: string) =>
        /^\d+$/.test(value) ? Number(value) : value === 'true' || value === 'false' ? value === 'true' : value;
      const options = Object.entries(args).map(([name, value]) => opt(name, typed(value)));
      const [name, subcommand] = path;
      const reply = await h.command(name!, subcommand ? [{ type: 1, name: subcommand, options }] : options);
      files.push(...(reply.files ?? []).map((f) => f.data));
      return { text: JSON.stringify(reply.embeds), ephemeral: ((reply.flags ?? 0) & 64) === 64 };
    },
    // The reply is visible with its files, so they are all there once command() resolved.
    charts: async (count) => files.slice(0, count),
    postedCharts: () =>
      h.fake.requests
        .filter((r) => r.method === 'POST' && r.path === `/channels/${ALERTS}/messages` && r.status === 200)
        .flatMap((r) => r.files.map((f) => f.data)),
    close: () => h.close(),
  };
});
