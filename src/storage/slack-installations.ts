import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../../db/database.js';
import { deliveries, slackInstallations, subscriptions, workspaces } from '../../db/schema.js';
import {
  NOT_INSTALLED_REASON,
  type NewSlackInstallation,
  type SlackInstallation,
  type SlackInstallationsPort,
} from '../ports/slack-installations.js';
import { SecretBoxError, sealedKeyId, type SecretBox } from '../shared/secret-box.js';

const DROPPED = 'not sent: floodwatch was not installed in the Slack workspace then';

/** What a sealed bot token is bound to: its own row, so it cannot be moved to another team's. */
export function tokenContext(teamId: string): string {
  return `slack_installations.bot_token:${teamId}`;
}

/** The workspace's subscriptions that an uninstall paused. */
async function pausedByUninstall(tx: Transaction, workspaceId: string): Promise<number[]> {
  const rows = await tx
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.workspaceId, workspaceId), eq(subscriptions.pauseReason, NOT_INSTALLED_REASON)));
  return rows.map((r) => r.id);
}

/** Alerts waiting for a workspace without the app are dropped: a reinstall starts afresh, not with a backlog. */
async function dropWaiting(tx: Transaction, subscriptionIds: readonly number[]): Promise<void> {
  if (subscriptionIds.length === 0) return;
  await tx
    .update(deliveries)
    .set({ state: 'failed', lastError: DROPPED, leaseUntil: null, leaseOwner: null })
    .where(and(inArray(deliveries.subscriptionId, [...subscriptionIds]), eq(deliveries.state, 'pending')));
}

async function save(db: Database, box: SecretBox, input: NewSlackInstallation): Promise<{ resumed: number }> {
  const botToken = box.seal(input.botToken, tokenContext(input.teamId));
  const row = {
    enterpriseId: input.enterpriseId,
    botUserId: input.botUserId,
    botId: input.botId,
    scopes: input.scopes,
    botToken,
    keyId: box.keyId,
    installedBy: input.installedBy,
    updatedAt: input.at,
  };
  return db.transaction(async (tx) => {
    await tx
      .insert(workspaces)
      .values({ id: input.workspaceId, platform: 'slack', name: input.teamName })
      .onConflictDoUpdate({ target: workspaces.id, set: { name: sql`coalesce(excluded.name, ${workspaces.name})` } });
    await tx
      .insert(slackInstallations)
      .values({ teamId: input.teamId, installedAt: input.at, ...row })
      .onConflictDoUpdate({ target: slackInstallations.teamId, set: row });
    const paused = await pausedByUninstall(tx, input.workspaceId);
    await dropWaiting(tx, paused);
    if (paused.length > 0)
      await tx
        .update(subscriptions)
        .set({ pausedAt: null, pauseReason: null })
        .where(inArray(subscriptions.id, paused));
    return { resumed: paused.length };
  });
}

async function find(db: Database, box: SecretBox, teamId: string): Promise<SlackInstallation | undefined> {
  const [row] = await db.select().from(slackInstallations).where(eq(slackInstallations.teamId, teamId));
  if (row === undefined) return undefined;
  let botToken: string;
  try {
    botToken = box.open(row.botToken, tokenContext(teamId));
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    throw new SecretBoxError(
      `the bot token of Slack team ${teamId} cannot be opened (${error.message}); ` +
        'set FLOODWATCH_SECRET_KEY_PREVIOUS to the key it was sealed with, then run `floodwatch secrets rotate`',
    );
  }
  return {
    teamId: row.teamId,
    enterpriseId: row.enterpriseId,
    botUserId: row.botUserId,
    botId: row.botId,
    scopes: row.scopes,
    botToken,
    installedBy: row.installedBy,
    installedAt: row.installedAt,
  };
}

async function remove(
  db: Database,
  input: { teamId: string; workspaceId: string; at: Date },
): Promise<{ removed: boolean; paused: number }> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(slackInstallations)
      .where(eq(slackInstallations.teamId, input.teamId))
      .returning({ teamId: slackInstallations.teamId });
    const paused = await tx
      .update(subscriptions)
      .set({ pausedAt: input.at, pauseReason: NOT_INSTALLED_REASON })
      .where(and(eq(subscriptions.workspaceId, input.workspaceId), isNull(subscriptions.pausedAt)))
      .returning({ id: subscriptions.id });
    await dropWaiting(tx, await pausedByUninstall(tx, input.workspaceId));
    return { removed: removed.length > 0, paused: paused.length };
  });
}

/** The Slack installations on the database, each bot token sealed with `box`. */
export function createPostgresSlackInstallations(db: Database, box: SecretBox): SlackInstallationsPort {
  return {
    save: (input) => save(db, box, input),
    find: (teamId) => find(db, box, teamId),
    remove: (input) => remove(db, input),
  };
}

export interface ResealResult {
  total: number;
  /** Sealed again with the current key now. */
  resealed: number;
  /** Already sealed with the current key: left as they were. */
  current: number;
  /** Sealed with a key that was not given: left as they were. */
  unreadable: { teamId: string; keyId: string }[];
}

/**
 * Seals every stored secret again with the box's current key (opening it with the current or previous
 * one). Idempotent: a value already under the current key is left alone. A row changed meanwhile (a
 * reinstall) is not overwritten: it was sealed with the current key anyway.
 */
export async function resealSecrets(db: Database, box: SecretBox): Promise<ResealResult> {
  const rows = await db
    .select({ teamId: slackInstallations.teamId, botToken: slackInstallations.botToken })
    .from(slackInstallations);
  const result: ResealResult = { total: rows.length, resealed: 0, current: 0, unreadable: [] };
  for (const row of rows) {
    const keyId = sealedKeyId(row.botToken) ?? 'unknown';
    if (keyId === box.keyId) {
      result.current += 1;
      continue;
    }
    let plain: string;
    try {
      plain = box.open(row.botToken, tokenContext(row.teamId));
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      result.unreadable.push({ teamId: row.teamId, keyId });
      continue;
    }
    const updated = await db
      .update(slackInstallations)
      .set({ botToken: box.seal(plain, tokenContext(row.teamId)), keyId: box.keyId })
      .where(and(eq(slackInstallations.teamId, row.teamId), eq(slackInstallations.botToken, row.botToken)))
      .returning({ teamId: slackInstallations.teamId });
    if (updated.length > 0) result.resealed += 1;
    else result.current += 1;
  }
  return result;
}
