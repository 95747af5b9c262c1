import { ALERTS, createDiscordHarness, GUILD, opt } from '../helpers/discord-harness.js';
import { describePlatformContract } from './platform-contract.js';

describePlatformContract('Discord', async (database) => {
  const h = await createDiscordHarness(database);
  return {
    platform: h.bot,
    destination: `discord:${GUILD}:${ALERTS}`,
    workspaceId: GUILD,
    channelId: ALERTS,
    spelled: '/releases',
    posted: () => h.fake.messages(ALERTS).map((m) => JSON.stringify({ content: m.content, embeds: m.embeds })),
    breakChannel: () => h.fake.channelFault(ALERTS, { code: 50001 }),
    rateLimitOnce: (seconds) => h.fake.rateLimitNext(/\/channels\/\d+\/messages/, { retryAfterSeconds: seconds }),
    async command(path, args) {
      const options = Object.entries(args).map(([name, value]) =>
        opt(name, /^\d+$/.test(value) ? Number(value) : value),
      );
      const [name, subcommand] = path;
      const reply = await h.command(name!, subcommand ? [{ type: 1, name: subcommand, options }] : options);
      return { text: JSON.stringify(reply.embeds), ephemeral: ((reply.flags ?? 0) & 64) === 64 };
    },
    close: () => h.close(),
  };
});
