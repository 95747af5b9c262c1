import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isChartPng } from '../helpers/png.js';
import { resetDatabase, useTestDatabase } from '../helpers/test-database.js';
import { seedCatalog, shownText, startSlackHarness, type SlackHarness } from '../helpers/slack-harness.js';

const database = useTestDatabase();
let harness: SlackHarness;

async function start() {
  await resetDatabase(database);
  harness = await startSlackHarness(database.db);
  await seedCatalog(database.db, harness.clock.now());
}

afterEach(async () => {
  await harness.close();
});

async function uploads(count: number) {
  await vi.waitFor(() => {
    if (harness.fake.uploads.length < count) throw new Error(`${harness.fake.uploads.length} of ${count} uploads`);
  }, 30_000);
  return harness.fake.uploads;
}

describe('charts on Slack', () => {
  beforeEach(() => start());

  it('keeps an answer only its asker sees as text, with a note on how to get the chart, and no upload', async () => {
    const own = await harness.command('rankings');
    const shared = await harness.command('origins share:true');

    expect(own.body.response_type).toBe('ephemeral');
    expect(shownText(own.body)).toContain('Qwen/Qwen3-8B');
    expect(shownText(own.body)).toContain('Add `share:true` to post this answer in the channel with its chart.');
    expect(shownText(shared.body)).not.toContain('share:true');
    const [only, ...more] = await uploads(1);
    expect(more).toEqual([]);
    expect(only?.title).toBe('Origins of the last 30 days by releases');
  });

  it('uploads the chart of a shared answer to its channel, after the text, as a real PNG', async () => {
    const answer = await harness.command('rankings metric:likes share:true');

    expect(answer.body.response_type).toBe('in_channel');
    expect(shownText(answer.body)).toContain('deepseek-ai/DeepSeek-R1');
    const [upload] = await uploads(1);
    expect(upload).toMatchObject({
      filename: 'chart.png',
      channel_id: 'C0ALERTS',
      title: 'Top 10 by likes',
      alt_text: 'Bar chart: Top 10 by likes. deepseek-ai/DeepSeek-R1 12000, Qwen/Qwen3-8B 900.',
    });
    expect(isChartPng(upload!.bytes)).toBe(true);
    expect(upload!.length).toBe(upload!.bytes.length);
    expect(harness.fake.calls.map((c) => c.method).filter((m) => m.startsWith('files.'))).toEqual([
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
  });

  it('joins a public channel it is not in to share the chart there', async () => {
    await harness.command('origins view:top share:true', { channel: 'C0PUBLIC' });

    const [upload] = await uploads(1);
    expect(upload?.channel_id).toBe('C0PUBLIC');
    expect(harness.fake.calls.map((c) => c.method)).toContain('conversations.join');
  });

  it('tells the asker when the chart cannot go to a private channel, and posts nothing else', async () => {
    const answer = await harness.command('rankings share:true', { channel: 'G0PRIVATE', responseId: 'private' });

    expect(answer.body.response_type).toBe('in_channel');
    const [said] = (await harness.fake.waitForResponses('private', 1, 30_000)) as {
      response_type: string;
      text: string;
    }[];
    expect(said).toEqual({
      response_type: 'ephemeral',
      text:
        'The chart could not be posted here (method_not_supported_for_channel_type); ' +
        'the answer above has the same figures.',
    });
    expect(harness.fake.uploads).toEqual([]);
  });
});
