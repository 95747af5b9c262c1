import { eq } from 'drizzle-orm';
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveries, slackInstallations, subscriptions } from '../../db/schema.js';
import { NOT_INSTALLED_REASON } from '../../src/ports/slack-installations.js';
import { createSecretBox } from '../../src/shared/secret-box.js';
import { resealSecrets } from '../../src/storage/slack-installations.js';
import { newRelease, shownText } from '../helpers/slack-harness.js';
import {
  ALERTS_A,
  ALERTS_B,
  SECRET_KEY,
  TEAM_A,
  TEAM_B,
  seedTwoLabs,
  startOAuthHarness,
  type OAuthHarness,
} from '../helpers/slack-oauth-harness.js';
import { resetDatabase, useTestDatabase } from '../helpers/test-database.js';

const database = useTestDatabase();
const harnesses: OAuthHarness[] = [];
let labIds: { deepseek: number; mistral: number };

beforeEach(async () => {
  await resetDatabase(database);
  labIds = await seedTwoLabs(database.db);
});
afterEach(async () => {
  for (const harness of harnesses.splice(0).reverse()) await harness.close();
});

async function start(options: Parameters<typeof startOAuthHarness>[1] = {}): Promise<OAuthHarness> {
  const harness = await startOAuthHarness(database.db, options);
  harnesses.push(harness);
  return harness;
}

/** Installs the app in `team`, which tracks `org` and subscribes its alerts channel. */
async function installAndSubscribe(harness: OAuthHarness, team: string, org: string): Promise<void> {
  expect((await harness.install(team)).status).toBe(200);
  expect(shownText((await harness.command(`labs add ${org}`, { team })).body)).toContain('Now tracking');
  expect(shownText((await harness.command('alerts subscribe', { team })).body)).toContain('Subscribed this channel');
}

function postsTo(harness: OAuthHarness, channel: string) {
  return harness.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);
}

async function subscriptionOf(team: string) {
  const [row] = await database.db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.workspaceId, `slack:${team}`));
  return row!;
}

async function installed(team: string): Promise<boolean> {
  const rows = await database.db.select().from(slackInstallations).where(eq(slackInstallations.teamId, team));
  return rows.length > 0;
}

describe('Slack OAuth with several workspaces', () => {
  it('keeps two workspaces apart: each sees its own labs and subscriptions and gets its own alerts', async () => {
    const harness = await start();
    await installAndSubscribe(harness, TEAM_A, 'deepseek-ai');
    await installAndSubscribe(harness, TEAM_B, 'mistralai');
    await newRelease(database.db, labIds.deepseek, 'deepseek-ai/DeepSeek-V4', harness.clock.now());
    await newRelease(database.db, labIds.mistral, 'mistralai/Mistral-Large-3', harness.clock.now());

    const listA = shownText((await harness.command('alerts list', { team: TEAM_A, user: 'U0MEMBER' })).body);
    const listB = shownText((await harness.command('alerts list', { team: TEAM_B, user: 'U0MEMBER' })).body);
    const result = await harness.dispatch();

    expect(listA).toContain(`#${(await subscriptionOf(TEAM_A)).id}`);
    expect(listA).not.toContain(`#${(await subscriptionOf(TEAM_B)).id}`);
    expect(listB).not.toContain(`#${(await subscriptionOf(TEAM_A)).id}`);
    expect(result).toMatchObject({ sent: 2, paused: 0, retried: 0 });
    expect(
      harness.fake
        .team(TEAM_A)
        .messages(ALERTS_A)
        .map((m) => m.text),
    ).toEqual([expect.stringContaining('DeepSeek-V4')]);
    expect(
      harness.fake
        .team(TEAM_B)
        .messages(ALERTS_B)
        .map((m) => m.text),
    ).toEqual([expect.stringContaining('Mistral-Large-3')]);
    expect(postsTo(harness, ALERTS_A)).toMatchObject([{ teamId: TEAM_A, token: harness.fake.team(TEAM_A).botToken }]);
    expect(postsTo(harness, ALERTS_B)).toMatchObject([{ teamId: TEAM_B, token: harness.fake.team(TEAM_B).botToken }]);
  });

  it('sends nothing more to a workspace that uninstalls in the middle of a round, and serves the other', async () => {
    const slack: { fake?: OAuthHarness['fake'] } = {};
    let uninstalledMidway = false;
    // Slack removes the app from Alpha right after Alpha's first alert of the round went out.
    const midway: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!uninstalledMidway && String(init?.body ?? '').includes(`channel=${ALERTS_A}`)) {
        uninstalledMidway = true;
        await slack.fake!.uninstall(TEAM_A);
      }
      return response;
    };
    const harness = await start({ fetch: midway });
    slack.fake = harness.fake;
    await installAndSubscribe(harness, TEAM_A, 'deepseek-ai');
    await installAndSubscribe(harness, TEAM_B, 'mistralai');
    await newRelease(database.db, labIds.deepseek, 'deepseek-ai/DeepSeek-V4', harness.clock.now());
    await newRelease(database.db, labIds.deepseek, 'deepseek-ai/DeepSeek-V4-Lite', harness.clock.now());
    await newRelease(database.db, labIds.mistral, 'mistralai/Mistral-Large-3', harness.clock.now());

    await harness.dispatch();
    await expect.poll(() => installed(TEAM_A)).toBe(false);
    const again = await harness.dispatch();
    const fromAlpha = await harness.command('alerts list', { team: TEAM_A });
    const fromBeta = await harness.command('alerts list', { team: TEAM_B, user: 'U0MEMBER' });

    expect(uninstalledMidway).toBe(true);
    expect(harness.fake.team(TEAM_A).messages(ALERTS_A)).toHaveLength(1);
    expect(harness.fake.team(TEAM_B).messages(ALERTS_B)).toHaveLength(1);
    expect(again.sent).toBe(0);
    expect(await subscriptionOf(TEAM_A)).toMatchObject({ pauseReason: NOT_INSTALLED_REASON });
    expect(await subscriptionOf(TEAM_B)).toMatchObject({ pausedAt: null });
    expect(fromAlpha).toEqual({ status: 200, body: '' });
    expect(shownText(fromBeta.body)).toContain('every tracked lab');
    expect(await installed(TEAM_B)).toBe(true);
  });

  it('forgets a workspace whose bot token was revoked, and sends it nothing', async () => {
    const harness = await start();
    await installAndSubscribe(harness, TEAM_B, 'mistralai');
    const token = harness.fake.team(TEAM_B).botToken;

    await new WebClient(token, { slackApiUrl: harness.fake.apiUrl }).auth.revoke();
    const [event] = await harness.fake.eventsSettled();
    await expect.poll(() => installed(TEAM_B)).toBe(false);
    await newRelease(database.db, labIds.mistral, 'mistralai/Mistral-Large-3', harness.clock.now());
    const result = await harness.dispatch();

    expect(event).toMatchObject({ type: 'tokens_revoked', status: 200 });
    expect(await subscriptionOf(TEAM_B)).toMatchObject({ pauseReason: NOT_INSTALLED_REASON });
    expect(result.sent).toBe(0);
    expect(postsTo(harness, ALERTS_B)).toEqual([]);
  });

  it('resumes the subscriptions on reinstall with the new token, without the alerts of the time between', async () => {
    const harness = await start();
    await installAndSubscribe(harness, TEAM_A, 'deepseek-ai');
    const oldToken = harness.fake.team(TEAM_A).botToken;
    await harness.fake.uninstall(TEAM_A);
    await expect.poll(() => installed(TEAM_A)).toBe(false);
    const missed = await newRelease(database.db, labIds.deepseek, 'deepseek-ai/DeepSeek-V4', harness.clock.now());

    const reinstall = await harness.install(TEAM_A);
    await newRelease(database.db, labIds.deepseek, 'deepseek-ai/DeepSeek-V5', harness.clock.now());
    const result = await harness.dispatch();

    expect(reinstall.status).toBe(200);
    expect(harness.fake.team(TEAM_A).botToken).not.toBe(oldToken);
    expect(await subscriptionOf(TEAM_A)).toMatchObject({ pausedAt: null, pauseReason: null });
    expect(result.sent).toBe(1);
    expect(
      harness.fake
        .team(TEAM_A)
        .messages(ALERTS_A)
        .map((m) => m.text),
    ).toEqual([expect.stringContaining('DeepSeek-V5')]);
    expect(postsTo(harness, ALERTS_A)[0]!.token).toBe(harness.fake.team(TEAM_A).botToken);
    const [dropped] = await database.db.select().from(deliveries).where(eq(deliveries.releaseId, missed));
    expect(dropped).toMatchObject({ state: 'failed' });
  });

  it('keeps serving a workspace after its token was re-sealed with a new key', async () => {
    const first = await start();
    await installAndSubscribe(first, TEAM_A, 'deepseek-ai');
    const newKey = Buffer.alloc(32, 0x42);

    await resealSecrets(database.db, createSecretBox({ current: newKey, previous: [SECRET_KEY] }));
    const second = await start({ keys: { current: newKey }, fake: first.fake });
    const answer = await second.command('alerts list', { team: TEAM_A });
    await newRelease(database.db, labIds.deepseek, 'deepseek-ai/DeepSeek-V4', second.clock.now());
    const result = await second.dispatch();

    expect(shownText(answer.body)).toContain('every tracked lab');
    expect(result.sent).toBe(1);
    expect(second.fake.team(TEAM_A).messages(ALERTS_A)).toHaveLength(1);
  });
});
