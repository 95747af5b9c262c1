import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { labs, subscriptions, workspaceLabs } from '../../db/schema.js';
import { createPostgresServices } from '../../src/storage/create-services.js';
import { postSlashCommand } from '../fakes/slack/index.js';
import { useTestDatabase, resetDatabase } from '../helpers/test-database.js';
import {
  OTHER_TEAM_ID,
  SIGNING_SECRET,
  TEAM_ID,
  seedCatalog,
  shownText,
  startSlackHarness,
  type SlackHarness,
} from '../helpers/slack-harness.js';

const database = useTestDatabase();

/** The team's subscriptions, as /floodwatch alerts list reads them. */
const subscriptionsHere = () =>
  createPostgresServices(database.db).subscriptions.list({ workspaceId: `slack:${TEAM_ID}` });
let harness: SlackHarness;
let labIds: Awaited<ReturnType<typeof seedCatalog>>['labIds'];

beforeEach(async () => {
  await resetDatabase(database);
  harness = await startSlackHarness(database.db, { adminUserIds: ['U0LISTED'] });
  ({ labIds } = await seedCatalog(database.db, harness.clock.now()));
});
afterEach(async () => {
  await harness.close();
});

async function reply(text: string, options?: Parameters<SlackHarness['command']>[1]) {
  const answer = await harness.command(text, options);
  expect(answer.status).toBe(200);
  return { ...answer.body, shown: shownText(answer.body) } as {
    response_type: string;
    text: string;
    blocks: any[];
    shown: string;
  };
}

function usersInfoCalls(user: string): number {
  return harness.fake.calls.filter((c) => c.method === 'users.info' && c.args.user === user).length;
}

async function trackedBy(team: string): Promise<number[]> {
  const rows = await database.db
    .select({ labId: workspaceLabs.labId })
    .from(workspaceLabs)
    .where(eq(workspaceLabs.workspaceId, `slack:${team}`));
  return rows.map((r) => r.labId).sort();
}

describe('/floodwatch read-only subcommands', () => {
  it('lists what exists for help and for empty text', async () => {
    const help = await reply('help');
    const empty = await reply('');

    expect(help.response_type).toBe('ephemeral');
    expect(help.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'floodwatch', emoji: true } });
    expect(help.shown).toContain('`/floodwatch labs add org:deepseek-ai [country:CN] [name:My Lab]`');
    expect(help.shown).toContain(
      '`/floodwatch rankings [metric:downloads|likes|trending|growth] [country:CN] [task:text-generation] ' +
        '[limit:1-25] [days:7|30]`',
    );
    expect(empty.shown).toBe(help.shown);
  });

  it("answers releases with the tracked labs' recent releases, newest first, linking the Hub", async () => {
    const answer = await reply('releases');

    expect(answer.response_type).toBe('ephemeral');
    expect(answer.shown).toContain('Releases in the last 7 days');
    expect(answer.shown.indexOf('Qwen/Qwen3-8B')).toBeLessThan(answer.shown.indexOf('DeepSeek-R1'));
    expect(answer.shown).toContain('<https://huggingface.co/deepseek-ai/DeepSeek-R1|deepseek-ai/DeepSeek-R1>');
    expect(answer.shown).toContain('+1 variant');
  });

  it('posts the answer in the channel when asked to share, and filters by a lab given without a name', async () => {
    const answer = await reply('releases DeepSeek share:true');

    expect(answer.response_type).toBe('in_channel');
    expect(answer.shown).toContain('(DeepSeek)');
    expect(answer.shown).toContain('DeepSeek-R1');
    expect(answer.shown).not.toContain('Qwen3-8B');
  });

  it('ranks models by the metric, country and limit given as name:value', async () => {
    const answer = await reply('rankings metric:likes country:CN limit:5');

    expect(answer.shown).toContain('Top 5 by likes (CN)');
    expect(answer.shown).toMatch(/1\. <[^>]+\|deepseek-ai\/DeepSeek-R1>.*\*12K likes\*/);
    expect(answer.shown).toMatch(/2\. <[^>]+\|Qwen\/Qwen3-8B>.*\*900 likes\*/);
    expect(answer.shown).not.toContain('GGUF');
  });

  it('shows origins as bars by country and by lab', async () => {
    const answer = await reply('origins days:30');

    expect(answer.shown).toContain('Origins of the last 30 days by releases');
    expect(answer.shown).toMatch(/`█+` 🇨🇳 China · 100\.0% \(2\)/);
    expect(answer.shown).toContain('🇨🇳 DeepSeek · 50.0% (1)');
  });

  it('details one model given positionally, with fields and lineage', async () => {
    const answer = await reply('model deepseek-ai/DeepSeek-R1');

    expect(answer.blocks[0].text.text).toBe('deepseek-ai/DeepSeek-R1');
    const fields = answer.blocks.find((b) => b.fields)?.fields.map((f: { text: string }) => f.text);
    expect(fields).toContain('*Lab*\n🇨🇳 DeepSeek (CN)');
    expect(fields).toContain('*Size*\n685B');
    expect(fields).toContain('*License*\nmit');
    expect(answer.shown).toContain('No base model: an original.');
  });

  it('reads a link the way Slack escapes it, as the URL itself', async () => {
    const answer = await reply('model <https://huggingface.co/Qwen/Qwen3-8B-GGUF|huggingface.co/Qwen/Qwen3-8B-GGUF>');

    expect(answer.blocks[0].text.text).toBe('Qwen/Qwen3-8B-GGUF');
    expect(answer.shown).toContain(
      'quantized of <https://huggingface.co/Qwen/Qwen3-8B|Qwen/Qwen3-8B> · 🇨🇳 Alibaba Qwen (CN)',
    );
  });

  it('lists the labs this team tracks and the ones it only knows of', async () => {
    const answer = await reply('labs list');

    expect(answer.shown).toMatch(
      /Tracked here \(2\)[\s\S]*Alibaba Qwen[\s\S]*DeepSeek[\s\S]*Known, not tracked \(1\)[\s\S]*Mistral AI/,
    );
  });

  it('shows each team only its own labs and subscriptions', async () => {
    await reply('alerts subscribe', { user: 'U0ADMIN' });

    const otherLabs = await reply('labs list', { team: OTHER_TEAM_ID });
    const otherAlerts = await reply('alerts list', { team: OTHER_TEAM_ID });

    expect(otherLabs.shown).toMatch(/Tracked here \(1\)[\s\S]*Mistral AI[\s\S]*Known, not tracked \(2\)/);
    expect(otherAlerts.shown).toContain('This channel has no subscriptions.');
  });

  it('acks a slow command with "working on it" and sends the answer through the response URL', async () => {
    // Slack is slow to say who is an admin: the answer misses the ack budget.
    const slowUsersInfo: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/users.info')) await new Promise((resolve) => setTimeout(resolve, 300));
      return fetch(input, init);
    };
    const slow = await startSlackHarness(database.db, { ackBudgetMs: 100, fetch: slowUsersInfo });
    try {
      const ack = await slow.command('labs add org:mistralai share:true', { user: 'U0OWNER', responseId: 'slow' });
      const [later] = (await slow.fake.waitForResponses('slow', 1)) as { response_type: string; blocks: unknown[] }[];

      expect(ack.body).toEqual({ response_type: 'ephemeral', text: 'Working on it…' });
      expect(later!.response_type).toBe('in_channel');
      expect(shownText(later!)).toContain('Now tracking 🇫🇷 Mistral AI (mistralai).');
    } finally {
      await slow.close();
    }
  });
});

describe('/floodwatch admin subcommands', () => {
  it('lets an admin track and untrack a lab, announcing it in the channel', async () => {
    const added = await reply('labs add org:mistralai');
    const afterAdd = await trackedBy(TEAM_ID);
    const removed = await reply('labs remove mistralai');

    expect(added.response_type).toBe('in_channel');
    expect(added.shown).toContain('Now tracking 🇫🇷 Mistral AI (mistralai).');
    expect(afterAdd).toContain(labIds.mistral);
    expect(removed.shown).toContain('Stopped tracking Mistral AI (mistralai).');
    expect(await trackedBy(TEAM_ID)).not.toContain(labIds.mistral);
  });

  it('adds a lab new to the catalog with a name in smart quotes', async () => {
    const answer = await reply('labs add moonshotai CN name:\u201cMoonshot AI\u201d', { user: 'U0OWNER' });

    expect(answer.shown).toContain('Now tracking 🇨🇳 Moonshot AI (moonshotai), new to the catalog.');
    expect(await database.db.select().from(labs).where(eq(labs.name, 'Moonshot AI'))).toHaveLength(1);
  });

  it('subscribes the channel, lists and unsubscribes it', async () => {
    const subscribed = await reply('alerts subscribe labs:DeepSeek,Qwen mode:daily');
    const listed = await reply('alerts list');
    const [row] = await database.db.select().from(subscriptions);
    const removed = await reply(`alerts unsubscribe ${row!.id}`);

    expect(subscribed.response_type).toBe('in_channel');
    expect(subscribed.shown).toContain(`Subscribed this channel (#${row!.id}): labs DeepSeek, Alibaba Qwen · daily.`);
    expect(row).toMatchObject({
      workspaceId: `slack:${TEAM_ID}`,
      destination: `slack:${TEAM_ID}:C0ALERTS`,
      platform: 'slack',
      createdBy: 'U0ADMIN',
      mode: 'daily',
    });
    expect(listed.shown).toContain(`*#${row!.id}* labs DeepSeek, Alibaba Qwen · daily`);
    expect(removed.shown).toContain(`Removed subscription #${row!.id}.`);
    expect(await subscriptionsHere()).toHaveLength(0);
  });

  it('keeps the subscriptions of other channels apart', async () => {
    await reply('alerts subscribe', { channel: 'C0PUBLIC' });

    const here = await reply('alerts list', { channel: 'C0ALERTS' });
    const rows = await database.db
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.destination, `slack:${TEAM_ID}:C0PUBLIC`));

    expect(here.shown).toContain('This channel has no subscriptions.');
    expect(rows).toHaveLength(1);
  });

  it('refuses a member who is not an admin and changes nothing', async () => {
    const track = await reply('labs add org:mistralai', { user: 'U0MEMBER' });
    const subscribe = await reply('alerts subscribe', { user: 'U0MEMBER' });

    expect(track.response_type).toBe('ephemeral');
    expect(track.shown).toContain('Only workspace admins can do that');
    expect(subscribe.shown).toContain('Only workspace admins can do that');
    expect(await trackedBy(TEAM_ID)).toEqual([labIds.deepseek, labIds.qwen].sort());
    expect(await subscriptionsHere()).toHaveLength(0);
  });

  it('treats a user on SLACK_ADMIN_USER_IDS as an admin without asking Slack', async () => {
    const answer = await reply('labs add org:mistralai', { user: 'U0LISTED' });

    expect(answer.shown).toContain('Now tracking');
    expect(usersInfoCalls('U0LISTED')).toBe(0);
  });

  it('asks Slack once for two admin commands of the same user', async () => {
    await reply('labs add org:mistralai', { user: 'U0OWNER' });
    await reply('labs remove org:mistralai', { user: 'U0OWNER' });
    await reply('releases', { user: 'U0MEMBER' });

    expect(usersInfoCalls('U0OWNER')).toBe(1);
    expect(usersInfoCalls('U0MEMBER')).toBe(0);
  });

  it('asks again once the cached answer is ten minutes old', async () => {
    await reply('labs add org:mistralai', { user: 'U0MEMBER' });
    harness.fake.setUser({ id: 'U0MEMBER', name: 'bob', is_admin: true });
    const cached = await reply('labs add org:mistralai', { user: 'U0MEMBER' });
    harness.clock.advance(10 * 60_000 + 1);
    const fresh = await reply('labs add org:mistralai', { user: 'U0MEMBER' });

    expect(cached.shown).toContain('Only workspace admins');
    expect(fresh.shown).toContain('Now tracking');
    expect(usersInfoCalls('U0MEMBER')).toBe(2);
  });
});

describe('/floodwatch mistakes', () => {
  it("explains a value out of range with the subcommand's usage", async () => {
    const answer = await reply('rankings limit:99');

    expect(answer.response_type).toBe('ephemeral');
    expect(answer.blocks[0].text.text).toBe('`limit` must be from 1 to 25, not 99');
    expect(answer.shown).toContain(
      '/floodwatch rankings [metric:downloads|likes|trending|growth] [country:CN] [task:text-generation] ' +
        '[limit:1-25] [days:7|30]',
    );
    expect(answer.shown).toContain('limit: How many (1-25) (default 10)');
  });

  it('names an unknown option, a repeated one, a missing subcommand and an unknown one', async () => {
    const unknown = await reply('rankings colour:red');
    const twice = await reply('rankings limit:5 limit:6');
    const group = await reply('labs');
    const nothing = await reply('frobnicate');

    expect(unknown.blocks[0].text.text).toBe(
      'rankings has no option `colour`; it takes metric, country, task, limit, days, share',
    );
    expect(twice.blocks[0].text.text).toBe('`limit` is given twice; give it once');
    expect(group.blocks[0].text.text).toBe('labs needs a subcommand: list, add, remove');
    expect(group.shown).toContain('/floodwatch labs remove org:deepseek-ai');
    expect(nothing.blocks[0].text.text).toBe('there is no command "frobnicate"; these exist:');
    expect(nothing.shown).toContain('/floodwatch alerts list');
  });

  it('refuses a missing required option and a bad country with the same words as everywhere', async () => {
    const missing = await reply('model');
    const country = await reply('labs add org:newlab country:XX');

    expect(missing.blocks[0].text.text).toBe('model needs `id`: The Hub repo, e.g. deepseek-ai/DeepSeek-R1');
    expect(country.blocks[0].text.text).toContain('"XX" is not an ISO 3166-1 alpha-2 country code');
    expect(await database.db.select().from(labs).where(eq(labs.name, 'newlab'))).toHaveLength(0);
  });

  it('escapes text echoed back so it can never mention anyone', async () => {
    // Slack sends < and > as entities; the reply must escape them again.
    const answer = await reply('model &lt;!channel&gt;');

    expect(answer.blocks[0].text.text).toBe(
      '"&lt;!channel&gt;" is not a Hub repo id (org/name, e.g. deepseek-ai/DeepSeek-R1)',
    );
    expect(answer.text).not.toContain('<!channel>');
    expect(answer.blocks[0].text.verbatim).toBe(true);
  });
});

describe('/slack/events request signatures', () => {
  function signed(overrides: { badSignature?: boolean; timestamp?: number }) {
    return postSlashCommand(harness.eventsUrl, {
      signingSecret: SIGNING_SECRET,
      fields: {
        command: '/floodwatch',
        text: 'labs add org:mistralai',
        user_id: 'U0ADMIN',
        team_id: TEAM_ID,
        channel_id: 'C0ALERTS',
        response_url: harness.fake.responseUrl('forged'),
      },
      ...overrides,
    });
  }

  it('refuses a bad signature with 401 and runs nothing', async () => {
    const answer = await signed({ badSignature: true });

    expect(answer.status).toBe(401);
    expect(await trackedBy(TEAM_ID)).not.toContain(labIds.mistral);
    expect(harness.fake.calls.filter((c) => c.method === 'users.info')).toHaveLength(0);
  });

  it('refuses a correctly signed request older than five minutes with 401', async () => {
    const answer = await signed({ timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });

    expect(answer.status).toBe(401);
    expect(await trackedBy(TEAM_ID)).not.toContain(labIds.mistral);
    expect(harness.fake.responses('forged')).toEqual([]);
  });
});
