import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database.js';
import { deliveries, labs, releases, slackInstallations, subscriptions, workspaces } from '../../db/schema.js';
import { NOT_INSTALLED_REASON } from '../../src/ports/slack-installations.js';
import { createSecretBox, keyIdOf } from '../../src/shared/secret-box.js';
import { createPostgresSlackInstallations, resealSecrets } from '../../src/storage/slack-installations.js';
import { createTestDatabase, resetDatabase, useTestDatabase } from '../helpers/test-database.js';
import { runCli } from '../helpers/run-cli.js';

const KEY_A = Buffer.alloc(32, 1);
const KEY_B = Buffer.alloc(32, 2);
const KEY_C = Buffer.alloc(32, 3);
const AT = new Date('2026-11-29T08:00:00Z');
const WS = 'slack:T0ONE';

const database = useTestDatabase();
beforeEach(async () => {
  await resetDatabase(database);
});

function installation(teamId: string, botToken: string) {
  return {
    teamId,
    workspaceId: `slack:${teamId}`,
    teamName: `Team ${teamId}`,
    enterpriseId: null,
    botUserId: `U${teamId}BOT`,
    botId: `B${teamId}`,
    scopes: ['commands', 'chat:write'],
    botToken,
    installedBy: 'U0ADMIN',
    at: AT,
  };
}

/** A subscription of the workspace with one alert waiting, optionally paused for `reason`. */
async function subscriptionWithAlert(reason?: string) {
  const db = database.db;
  await db.insert(workspaces).values({ id: WS, platform: 'slack' }).onConflictDoNothing();
  const [lab] = await db
    .insert(labs)
    .values({ name: `Lab ${Math.random()}`, country: 'CN' })
    .returning({ id: labs.id });
  const [sub] = await db
    .insert(subscriptions)
    .values({
      workspaceId: WS,
      platform: 'slack',
      destination: `${WS}:C${Math.floor(Math.random() * 1e6)}`,
      ...(reason ? { pausedAt: AT, pauseReason: reason } : {}),
    })
    .returning({ id: subscriptions.id });
  const [release] = await db
    .insert(releases)
    .values({ labId: lab!.id, title: 'org/model', firstSeenAt: AT })
    .returning({ id: releases.id });
  await db.insert(deliveries).values({ subscriptionId: sub!.id, releaseId: release!.id });
  return { subscriptionId: sub!.id, releaseId: release!.id, labId: lab!.id };
}

async function stateOf(subscriptionId: number) {
  const [sub] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, subscriptionId));
  const rows = await database.db.select().from(deliveries).where(eq(deliveries.subscriptionId, subscriptionId));
  return { pauseReason: sub!.pauseReason, deliveries: rows.map((d) => d.state) };
}

describe('Slack installations on the database', () => {
  it('stores the bot token sealed under the key id and opens it again', async () => {
    const store = createPostgresSlackInstallations(database.db, createSecretBox({ current: KEY_A }));

    await store.save(installation('T0ONE', 'xoxb-one-secret'));

    const [row] = await database.db.select().from(slackInstallations);
    expect(JSON.stringify(row)).not.toContain('xoxb-one-secret');
    expect(row).toMatchObject({ teamId: 'T0ONE', keyId: keyIdOf(KEY_A), scopes: ['commands', 'chat:write'] });
    expect(await store.find('T0ONE')).toMatchObject({ botToken: 'xoxb-one-secret', botUserId: 'UT0ONEBOT' });
    expect(await store.find('T0NONE')).toBeUndefined();
    const [workspace] = await database.db.select().from(workspaces).where(eq(workspaces.id, WS));
    expect(workspace).toMatchObject({ platform: 'slack', name: 'Team T0ONE' });
  });

  it('does not open a token copied into another team’s row', async () => {
    const store = createPostgresSlackInstallations(database.db, createSecretBox({ current: KEY_A }));
    await store.save(installation('T0ONE', 'xoxb-one-secret'));
    await store.save(installation('T0TWO', 'xoxb-two-secret'));
    const [one] = await database.db.select().from(slackInstallations).where(eq(slackInstallations.teamId, 'T0ONE'));
    await database.db
      .update(slackInstallations)
      .set({ botToken: one!.botToken })
      .where(eq(slackInstallations.teamId, 'T0TWO'));

    await expect(store.find('T0TWO')).rejects.toThrow(/bot token of Slack team T0TWO cannot be opened/);
  });

  it('pauses the subscriptions on removal, drops their waiting alerts, and resumes them on reinstall', async () => {
    const store = createPostgresSlackInstallations(database.db, createSecretBox({ current: KEY_A }));
    await store.save(installation('T0ONE', 'xoxb-one-secret'));
    const active = await subscriptionWithAlert();
    const archived = await subscriptionWithAlert('the channel is archived');

    expect(await store.remove({ teamId: 'T0ONE', workspaceId: WS, at: AT })).toEqual({ removed: true, paused: 1 });
    expect(await store.remove({ teamId: 'T0ONE', workspaceId: WS, at: AT })).toEqual({ removed: false, paused: 0 });

    expect(await store.find('T0ONE')).toBeUndefined();
    expect(await stateOf(active.subscriptionId)).toEqual({
      pauseReason: NOT_INSTALLED_REASON,
      deliveries: ['failed'],
    });
    expect(await stateOf(archived.subscriptionId)).toEqual({
      pauseReason: 'the channel is archived',
      deliveries: ['pending'],
    });

    // A release while it is not installed waits nowhere: the reinstall drops it.
    const [later] = await database.db
      .insert(releases)
      .values({ labId: active.labId, title: 'org/later', firstSeenAt: AT })
      .returning({ id: releases.id });
    await database.db.insert(deliveries).values({ subscriptionId: active.subscriptionId, releaseId: later!.id });

    expect(await store.save(installation('T0ONE', 'xoxb-one-new'))).toEqual({ resumed: 1 });
    expect(await stateOf(active.subscriptionId)).toEqual({ pauseReason: null, deliveries: ['failed', 'failed'] });
    expect(await stateOf(archived.subscriptionId)).toMatchObject({ pauseReason: 'the channel is archived' });
    expect((await store.find('T0ONE'))?.botToken).toBe('xoxb-one-new');
  });

  it('re-seals with the new key, opening the old one, and a second run changes nothing', async () => {
    await createPostgresSlackInstallations(database.db, createSecretBox({ current: KEY_A })).save(
      installation('T0ONE', 'xoxb-one-secret'),
    );
    const rotating = createSecretBox({ current: KEY_B, previous: [KEY_A] });
    await createPostgresSlackInstallations(database.db, rotating).save(installation('T0TWO', 'xoxb-two-secret'));

    expect(await resealSecrets(database.db, rotating)).toEqual({ total: 2, resealed: 1, current: 1, unreadable: [] });
    const before = await database.db.select().from(slackInstallations);
    expect(await resealSecrets(database.db, rotating)).toEqual({ total: 2, resealed: 0, current: 2, unreadable: [] });
    expect(await database.db.select().from(slackInstallations)).toEqual(before);

    const onlyNew = createPostgresSlackInstallations(database.db, createSecretBox({ current: KEY_B }));
    expect((await onlyNew.find('T0ONE'))?.botToken).toBe('xoxb-one-secret');
    expect((await onlyNew.find('T0TWO'))?.botToken).toBe('xoxb-two-secret');
    expect(before.map((r) => r.keyId)).toEqual([keyIdOf(KEY_B), keyIdOf(KEY_B)]);
  });
});

describe('floodwatch secrets rotate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fw-secrets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = runCli;

  it(
    're-seals every token, prints the count, is idempotent, and refuses a key it cannot use',
    { timeout: 120_000 },
    async () => {
      const own = process.env.FW_TEST_DB === 'postgres' ? await createTestDatabase() : undefined;
      const base = { LOG_LEVEL: 'silent', DATA_DIR: join(dir, 'data'), ...(own?.url ? { DATABASE_URL: own.url } : {}) };
      const open = () => openDatabase({ databaseUrl: own?.url, dataDir: base.DATA_DIR });
      const seeded = await open();
      const store = createPostgresSlackInstallations(seeded.db, createSecretBox({ current: KEY_A }));
      await store.save(installation('T0ONE', 'xoxb-one-secret'));
      await store.save(installation('T0TWO', 'xoxb-two-secret'));
      await seeded.close();
      const hex = (key: Buffer) => key.toString('hex');
      const rotate = {
        ...base,
        FLOODWATCH_SECRET_KEY: hex(KEY_B),
        FLOODWATCH_SECRET_KEY_PREVIOUS: KEY_A.toString('base64'),
      };

      const first = await cli(rotate, 'secrets', 'rotate');
      const second = await cli(rotate, 'secrets', 'rotate');
      const wrongKey = await cli({ ...base, FLOODWATCH_SECRET_KEY: hex(KEY_C) }, 'secrets', 'rotate');
      const badKey = await cli({ ...base, FLOODWATCH_SECRET_KEY: 'not-a-key-at-all' }, 'secrets', 'rotate');
      const usage = await cli(base, 'secrets', 'spin');

      expect(first).toMatchObject({
        code: 0,
        out: `re-sealed 2 of 2 stored secrets with key ${keyIdOf(KEY_B)} (0 already used it)\n`,
      });
      expect(second).toMatchObject({
        code: 0,
        out: `re-sealed 0 of 2 stored secrets with key ${keyIdOf(KEY_B)} (2 already used it)\n`,
      });
      expect(wrongKey.code).toBe(1);
      expect(wrongKey.err).toContain(`2 stored secrets sealed with key ${keyIdOf(KEY_B)} could not be opened`);
      expect(wrongKey.err).toContain('set FLOODWATCH_SECRET_KEY_PREVIOUS to it');
      expect(badKey.code).toBe(1);
      expect(badKey.err).toBe(
        'floodwatch secrets: FLOODWATCH_SECRET_KEY (16 characters, not shown): must be 32 random bytes as 64 hex ' +
          'digits or as base64 (make one with `openssl rand -hex 32`)\n',
      );
      expect(usage.code).toBe(2);
      // The refusal above names the key the tokens are sealed with now: the new one.
      await own?.close();
    },
  );
});
