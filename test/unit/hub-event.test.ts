import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { meaningOf, parseHubEvent } from '../../src/endpoints/hub-event.js';
import { makeRepo, webhookPayload } from '../fakes/hub/index.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/hub-webhooks/${name}`, import.meta.url), 'utf8'));

describe('Hub webhook events', () => {
  const repo = makeRepo({ org: 'deepseek-ai', name: 'DeepSeek-V4' });

  it('polls the org of a model repo that was created, made public or moved, and the org it moved to', () => {
    const meanings = [
      webhookPayload('create', repo),
      webhookPayload('made-public', repo),
      webhookPayload('move', repo, { movedTo: 'moonshotai/DeepSeek-V4' }),
    ].map((body) => meaningOf(parseHubEvent(body)!));

    expect(meanings).toEqual([
      { poll: ['deepseek-ai'] },
      { poll: ['deepseek-ai'] },
      { poll: ['deepseek-ai', 'moonshotai'] },
    ]);
  });

  it('ignores pushes, a repo made private, discussions and repos that are not models', () => {
    const meanings = [
      webhookPayload('content', repo),
      webhookPayload('made-private', repo),
      fixture('webhook-v3-discussion-update-space.json'),
      fixture('webhook-v3-repo-content-update-space-pr-ref.json'),
    ].map((body) => meaningOf(parseHubEvent(body)!));

    expect(meanings.every((m) => 'ignore' in m)).toBe(true);
    expect(meanings[0]).toEqual({ ignore: 'update on repo.content' });
    expect(meanings[2]).toEqual({ ignore: 'a space repo' });
  });

  it('does not read a v2 body, whose event is a plain string, or a body without a repo', () => {
    expect(parseHubEvent(fixture('webhook-v2-repo-content-update-dataset.json'))).toBeUndefined();
    expect(parseHubEvent({ event: { action: 'create', scope: 'repo' } })).toBeUndefined();
    expect(parseHubEvent([])).toBeUndefined();
  });
});
