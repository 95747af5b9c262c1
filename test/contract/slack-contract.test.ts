import { vi } from 'vitest';
import { shownText, startSlackHarness, TEAM_ID } from '../helpers/slack-harness.js';
import { describePlatformContract } from './platform-contract.js';

describePlatformContract('Slack', async (database) => {
  const h = await startSlackHarness(database.db);
  return {
    platform: h.slack,
    destination: `slack:${TEAM_ID}:C0ALERTS`,
    workspaceId: TEAM_ID,
    channelId: 'C0ALERTS',
    databaseWorkspace: { id: `slack:${TEAM_ID}`, platform: 'slack' },
    spelled: '/floodwatch releases',
    posted: () => h.fake.messages('C0ALERTS').map((m) => `${m.text}\n${shownText({ blocks: m.blocks as unknown[] })}`),
    breakChannel: () => h.fake.setChannel({ id: 'C0ALERTS', name: 'model-alerts', member: true, is_archived: true }),
    rateLimitOnce: (seconds) => h.fake.rateLimitNext('chat.postMessage', { retryAfterSeconds: seconds }),
    async command(path, args) {
      const text = [...path, ...Object.entries(args).map(([name, value]) => `${name}:${value}`)].join(' ');
      const reply = await h.command(text);
      const body = reply.body as { response_type?: string; text?: string; blocks?: unknown[] };
      return { text: `${body.text ?? ''}\n${shownText(body)}`, ephemeral: body.response_type !== 'in_channel' };
    },
    // The chart is uploaded after the answer is acknowledged.
    async charts(count) {
      await vi.waitFor(() => {
        if (h.fake.uploads.length < count) throw new Error(`${h.fake.uploads.length} of ${count} charts uploaded`);
      }, 30_000);
      return h.fake.uploads.slice(0, count).map((u) => u.bytes);
    },
    postedCharts: () => h.fake.uploads.filter((u) => u.channel_id === 'C0ALERTS').map((u) => u.bytes),
    close: () => h.close(),
  };
});
