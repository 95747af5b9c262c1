import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchDue } from '../../src/delivery/dispatcher.js';
import { silentLogger } from '../../src/shared/logger.js';
import { useTestDatabase, resetDatabase } from '../helpers/test-database.js';
import { seedCatalog, shownText, startSlackHarness, type SlackHarness } from '../helpers/slack-harness.js';

const database = useTestDatabase();
let slack: SlackHarness;

const HOUR = 3_600_000;

beforeEach(async () => {
  await resetDatabase(database);
  slack = await startSlackHarness(database.db);
  await seedCatalog(database.db, slack.clock.now());
});
afterEach(async () => {
  await slack.close();
});

function dispatch() {
  return dispatchDue({
    db: database.db,
    adapters: [slack.slack],
    logger: silentLogger(),
    now: () => slack.clock.now(),
  });
}

describe('weekly report on Slack', () => {
  it('is posted to the channel once at its local time, as Block Kit', async () => {
    // The harness clock starts on Sunday 2026-11-29 08:00 UTC: Sunday 18:00 in Tokyo is 09:00 UTC.
    const answer = await slack.command('alerts subscribe mode:report day:sun hour:18 tz:Asia/Tokyo', {
      channel: 'C0ALERTS',
    });
    await dispatch();
    const early = slack.fake.messages('C0ALERTS').length;

    slack.clock.advance(HOUR);
    await dispatch();
    slack.clock.advance(HOUR);
    await dispatch();

    expect(shownText(answer.body)).toContain('weekly report Sundays 18:00 Asia/Tokyo');
    expect(early).toBe(0);
    const posted = slack.fake.messages('C0ALERTS');
    expect(posted).toHaveLength(1);
    const text = shownText({ blocks: posted[0]!.blocks as unknown[] });
    expect(text).toContain('The state of open models');
    expect(text).toContain('2 releases in the last 7 days from 2 labs in 1 country');
    expect(text).toContain('China');
  });
});
