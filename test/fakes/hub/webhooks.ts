import type { FakeRepo } from './types.js';

export type WebhookKind = 'create' | 'made-public' | 'made-private' | 'content' | 'move';

/**
 * A Hub webhook (v3) body about a model repo, shaped like the Hub's (see test/fixtures/hub-webhooks):
 * a create, a visibility change, a push, or a move to `movedTo`.
 */
export function webhookPayload(kind: WebhookKind, repo: FakeRepo, options: { movedTo?: string } = {}) {
  const event =
    kind === 'create' || kind === 'move'
      ? { action: kind, scope: 'repo' }
      : kind === 'content'
        ? { action: 'update', scope: 'repo.content' }
        : { action: 'update', scope: 'repo.config' };
  return {
    event,
    repo: {
      type: 'model',
      name: repo.id,
      id: repo._id,
      private: kind === 'made-private' || (kind !== 'made-public' && repo.private === true),
      url: { web: `https://huggingface.co/${repo.id}`, api: `https://huggingface.co/api/models/${repo.id}` },
      owner: { id: '6273f303f6d63a28483fde12' },
      ...(repo.sha ? { headSha: repo.sha } : {}),
    },
    ...(kind === 'made-public' ? { updatedConfig: { private: false } } : {}),
    ...(kind === 'made-private' ? { updatedConfig: { private: true } } : {}),
    ...(kind === 'move'
      ? { movedTo: { name: options.movedTo ?? repo.id, owner: { id: '6273f303f6d63a28483fde12' } } }
      : {}),
    webhook: { id: '656a05348c99518820a4dd54', version: 3 },
  };
}

/** POSTs a body to a webhook URL as the Hub does: JSON, the secret verbatim in `X-Webhook-Secret`. */
export async function postWebhook(url: string, body: unknown, secret: string | undefined) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-webhook-secret': secret }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> };
}
