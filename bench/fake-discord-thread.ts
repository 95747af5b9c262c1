import { parentPort, workerData } from 'node:worker_threads';
import { startFakeDiscord } from '../test/fakes/discord/index.js';
import type { FakeDiscordOptions } from '../test/fakes/discord/index.js';

/** The fake Discord on a thread of its own, so the process under test cannot delay its clock or its answers. */
const fake = await startFakeDiscord(workerData as FakeDiscordOptions);
parentPort!.on('message', (message: string) => {
  if (message === 'report') {
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    const perChannel: Record<string, number> = {};
    for (const m of fake.messages()) perChannel[m.channel_id] = (perChannel[m.channel_id] ?? 0) + 1;
    parentPort!.postMessage({ statuses: posts.map((r) => r.status), perChannel });
  }
  if (message === 'close') void fake.close().then(() => parentPort!.postMessage('closed'));
});
parentPort!.postMessage({ apiUrl: fake.apiUrl, token: fake.token });
