import { eq, isNotNull } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { deliveries, subscriptions } from '../../db/schema.js';
import { createConsolePlatform } from '../../src/platforms/console/console-adapter.js';
import { silentLogger } from '../../src/shared/logger.js';
import { CONSOLE_DESTINATION, LOCAL_WORKSPACE_ID } from '../../src/shared/local-workspace.js';
import { createPostgresServices } from '../../src/storage/create-services.js';
import { makeRepo } from '../fakes/hub/index.js';
import { usePollHarness, type PollHarness } from '../helpers/poll-harness.js';

const harness = usePollHarness();
let h: PollHarness;

const TITLE = 'The state of open models';
const HOUR = 3_600_000;
// The harness clock starts on Sunday 2026-11-29 08:00 UTC; Monday 09:00 in Paris is 08:00 UTC.
const MONDAY_9_PARIS = new Date('2026-11-30T08:00:00Z');

function at(hours: number) {
  return new Date(Date.UTC(2026, 0, 1) + hours * 3_600_000).toISOString();
}

function command(path: string[], args: Record<string, string>) {
  const platform = createConsolePlatform({
    services: createPostgresServices(h.database.db),
    commands: COMMANDS,
    logger: silentLogger(),
    hubUrl: 'https://huggingface.co',
    now: () => h.clock.now(),
  });
  return platform.answer({
    workspaceId: LOCAL_WORKSPACE_ID,
    channelId: CONSOLE_DESTINATION,
    userId: 'operator',
    isAdmin: true,
    path,
    args,
  });
}

const subscribeReport = (args: Record<string, string> = {}) =>
  command(['alerts', 'subscribe'], { mode: 'report', day: 'mon', hour: '9', tz: 'Europe/Paris', ...args });

function reportsPrinted(): number {
  return h.out.text().split(TITLE).length - 1;
}

/** Moves the clock to `to` (never back) and runs a dispatch round there. */
async function dispatchAt(to: Date, app = h.app) {
  h.clock.advance(to.getTime() - h.clock.now().getTime());
  await app.dispatch();
}

async function reportWeeks() {
  const rows = await h.database.db.select().from(deliveries).where(isNotNull(deliveries.reportWeek));
  return rows.map((r) => [r.reportWeek, r.state]);
}

beforeEach(async () => {
  h = harness();
  h.hub.put(
    makeRepo({ org: 'Qwen', name: 'Qwen3-8B', createdAt: at(1) }),
    makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V3', createdAt: at(2) }),
  );
  await h.app.tick(false);
  // Two live releases this week, one of them much liked.
  h.hub.put(
    makeRepo({ org: 'Qwen', name: 'Qwen3.5-9B', createdAt: at(10), likes: 120 }),
    makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V4', createdAt: at(11), likes: 900 }),
  );
  await h.app.tick(false);
  await h.app.dispatch();
});

describe('weekly report', () => {
  it('is posted once at its local day and hour, with the week in numbers, and again the next week', async () => {
    const answer = await subscribeReport();

    await dispatchAt(new Date(MONDAY_9_PARIS.getTime() - 60_000));
    const early = reportsPrinted();
    await dispatchAt(MONDAY_9_PARIS);
    const printed = h.out.text().slice(h.out.text().indexOf(TITLE));
    await h.app.dispatch();
    await dispatchAt(new Date(MONDAY_9_PARIS.getTime() + 30 * HOUR));
    const thatWeek = reportsPrinted();
    await dispatchAt(new Date(MONDAY_9_PARIS.getTime() + 7 * 24 * HOUR));

    expect(answer.text).toContain('weekly report Mondays 09:00 Europe/Paris');
    expect(early).toBe(0);
    expect(thatWeek).toBe(1);
    expect(reportsPrinted()).toBe(2);
    expect(printed).toContain('2 releases in the last 7 days from 2 labs in 1 country');
    expect(printed).toMatch(/deepseek-ai\/DeepSeek-V4 · .*DeepSeek · 900 likes/);
    expect(await reportWeeks()).toEqual([
      ['2026-11-30', 'sent'],
      ['2026-12-07', 'sent'],
    ]);
  });

  it('is posted once when two dispatchers come to it at the same moment', async () => {
    await subscribeReport();
    h.clock.advance(MONDAY_9_PARIS.getTime() - h.clock.now().getTime());

    await Promise.all([h.app.dispatch(), h.replica().dispatch()]);
    await Promise.all([h.app.dispatch(), h.replica().dispatch()]);

    expect(reportsPrinted()).toBe(1);
    expect(await reportWeeks()).toEqual([['2026-11-30', 'sent']]);
  });

  it('is posted late, once, after a restart in the same week, and skipped once its week is over', async () => {
    await subscribeReport();

    // Down from Sunday to Wednesday: the restarted service sends Monday's report late.
    await dispatchAt(new Date('2026-12-02T12:00:00Z'), h.replica());
    await dispatchAt(new Date('2026-12-03T12:00:00Z'), h.replica());
    const late = reportsPrinted();
    // Down again until the Monday after next, before its hour: the week in between is over.
    await dispatchAt(new Date('2026-12-14T07:00:00Z'), h.replica());

    expect(late).toBe(1);
    expect(reportsPrinted()).toBe(1);
    expect(await reportWeeks()).toEqual([['2026-11-30', 'sent']]);
  });

  it('starts with the first week whose time comes after the subscription', async () => {
    h.clock.advance(MONDAY_9_PARIS.getTime() + HOUR - h.clock.now().getTime());
    await subscribeReport();

    await h.app.dispatch();

    expect(reportsPrinted()).toBe(0);
  });

  it('gets no release alerts', async () => {
    await h.database.db.delete(subscriptions).where(eq(subscriptions.mode, 'instant'));
    await subscribeReport();
    h.hub.put(makeRepo({ org: 'Qwen', name: 'Qwen3.5-27B', createdAt: at(20) }));
    const before = h.out.text().length;

    const tick = await h.app.tick(false);
    await h.app.dispatch();

    expect(tick.releaseIds).toHaveLength(1);
    expect(await h.database.db.select().from(deliveries)).toEqual([]);
    expect(h.out.text().length).toBe(before);
  });
});

describe('report options', () => {
  it('refuses a bad zone, day or hour, or report options without mode:report, and changes nothing', async () => {
    const before = await h.database.db.select().from(subscriptions);

    const answers = await Promise.all([
      subscribeReport({ tz: 'Mars/Olympus_Mons' }),
      subscribeReport({ tz: '+02:00' }),
      subscribeReport({ day: 'someday' }),
      subscribeReport({ hour: '24' }),
      command(['alerts', 'subscribe'], { mode: 'instant', hour: '9' }),
    ]);

    expect(answers.map((a) => a.text)).toEqual([
      expect.stringContaining('"Mars/Olympus_Mons" is not a time zone: give an IANA name such as UTC, Europe/Paris'),
      expect.stringContaining('"+02:00" is not a time zone'),
      expect.stringContaining('day must be one of mon, tue, wed, thu, fri, sat, sun, not "someday"'),
      expect.stringContaining('hour must be from 0 to 23, not 24'),
      expect.stringContaining('hour only apply to mode:report (the weekly report); nothing was changed'),
    ]);
    expect(await h.database.db.select().from(subscriptions)).toEqual(before);
  });

  it('takes a zone in any case, stores its canonical name, and lists the options', async () => {
    await subscribeReport({ tz: 'america/new_york', day: 'fri', hour: '17' });
    await command(['alerts', 'subscribe'], { changes: 'true' });

    const listed = await command(['alerts', 'list'], {});

    expect(listed.text).toContain('weekly report Fridays 17:00 America/New_York');
    expect(listed.text).toContain('instant · changes too (license, gating, withdrawn)');
  });
});
