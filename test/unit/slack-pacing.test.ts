import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/platforms/platform.js';
import { createSlackAlertAdapter, SLACK_PACE } from '../../src/platforms/slack/alert-adapter.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { PacerRate } from '../../src/shared/pacer.js';
import { RELEASE } from '../contract/platform-contract.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/index.js';
import { createTestClock } from '../helpers/test-clock.js';

const TOKEN = 'xoxb-pacing';
let fake: FakeSlack;

beforeEach(async () => {
  fake = await startFakeSlack({
    botToken: TOKEN,
    teamId: 'T0PACE',
    channels: ['C0ONE', 'C0TWO', 'C0THREE'].map((id) => ({ id, name: id.toLowerCase(), member: true })),
  });
});

afterEach(async () => {
  await fake.close();
});

function adapter(
  clock: ReturnType<typeof createTestClock>,
  pace: Partial<Record<keyof typeof SLACK_PACE, PacerRate>> = {},
) {
  const client = new webApi.WebClient(TOKEN, {
    slackApiUrl: fake.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
  return createSlackAlertAdapter({
    client,
    hubUrl: 'https://huggingface.co',
    logger: silentLogger(),
    clock,
    pace: { ...SLACK_PACE, ...pace },
  });
}

describe('Slack alert pacing', () => {
  it('posts to one channel at most once a second, and to other channels without waiting for it', async () => {
    const clock = createTestClock();
    const slack = adapter(clock);

    await slack.postAlert('slack:T0PACE:C0ONE', RELEASE, 'k1');
    await slack.postAlert('slack:T0PACE:C0TWO', RELEASE, 'k2');
    const beforeSecond = [...clock.slept];
    await slack.postAlert('slack:T0PACE:C0ONE', RELEASE, 'k3');

    expect(beforeSecond).toEqual([]);
    expect(clock.slept.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(1_000);
    expect(fake.messages('C0ONE')).toHaveLength(2);
  });

  it('reschedules a send when the workspace is busy longer than a few seconds, without posting it', async () => {
    const clock = createTestClock();
    const slack = adapter(clock, { postMessage: { intervalMs: 60_000, burst: 1 } });
    await slack.postAlert('slack:T0PACE:C0ONE', RELEASE, 'k1');

    const busy = slack.postAlert('slack:T0PACE:C0TWO', RELEASE, 'k2');

    await expect(busy).rejects.toBeInstanceOf(DeliveryError);
    await expect(busy).rejects.toMatchObject({ action: 'retry', retryAfterMs: 3_000 });
    expect(fake.messages('C0TWO')).toEqual([]);
  });
});
