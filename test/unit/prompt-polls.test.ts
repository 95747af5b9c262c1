import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/shared/logger.js';
import { createPromptPolls } from '../../src/worker/prompt-polls.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}

describe('prompt polls', () => {
  it('turns a burst of requests for one org into one poll, and keeps orgs apart', async () => {
    const polled: string[] = [];
    const polls = createPromptPolls({ logger: silentLogger(), delayMs: 20, poll: async (org) => polled.push(org) });

    for (let i = 0; i < 5; i++) polls.request('deepseek-ai');
    polls.request('DeepSeek-AI');
    polls.request('Qwen');
    await until(() => polled.length >= 2);
    await polls.stop();

    expect(polled.sort()).toEqual(['Qwen', 'deepseek-ai']);
  });

  it('polls once more after a poll that was under way when the next requests came', async () => {
    const polled: string[] = [];
    const first = deferred();
    const polls = createPromptPolls({
      logger: silentLogger(),
      delayMs: 10,
      poll: async (org) => {
        polled.push(org);
        if (polled.length === 1) await first.promise;
      },
    });

    polls.request('Qwen');
    await until(() => polled.length === 1);
    polls.request('Qwen');
    polls.request('Qwen');
    first.resolve();
    await until(() => polled.length === 2);
    await polls.stop();

    expect(polled).toEqual(['Qwen', 'Qwen']);
  });

  it('drops waiting polls on stop and takes no more requests', async () => {
    const polled: string[] = [];
    const polls = createPromptPolls({ logger: silentLogger(), delayMs: 10, poll: async (org) => polled.push(org) });

    polls.request('Qwen');
    await polls.stop();
    polls.request('moonshotai');
    // Well past the delay: a timer left behind would have polled by now.
    await new Promise((r) => setTimeout(r, 100));

    expect(polled).toEqual([]);
  });
});
