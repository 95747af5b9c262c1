import { checkAutocompleteLimits } from './autocomplete-limits.js';
import { addFormError, createFormErrors, invalidFormBody } from './form-errors.js';
import { send, sendDiscordError, type RequestContext } from './http-io.js';
import { CALLBACK, acknowledge, interactionMessage, isLoading, type InteractionRecord } from './interactions.js';
import { checkMessageLimits, isEmptyMessage } from './message-limits.js';
import { EPHEMERAL, LOADING, patchMessage } from './message-object.js';
import type { Route, RouteParams } from './rest-route.js';
import type { FakeState } from './state.js';
import type { Json } from './types.js';

/** Callback types Discord accepts for each interaction type. */
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  2: [CALLBACK.reply, CALLBACK.defer, CALLBACK.modal],
  4: [CALLBACK.autocomplete],
};

/** The answer to `?with_response=true`: the callback and the message it made. */
function callbackResponse(record: InteractionRecord, type: number): Json {
  const message = record.original;
  return {
    interaction: {
      id: record.id,
      type: record.type,
      response_message_id: message?.id,
      response_message_loading: message ? isLoading(record) : undefined,
      response_message_ephemeral: message ? Boolean(message.flags & EPHEMERAL) : undefined,
    },
    resource: message ? { type, message } : { type },
  };
}

function callback(ctx: RequestContext, params: RouteParams, state: FakeState): void {
  const record = state.interactions.get(params.id ?? '');
  if (!record || record.token !== params.token) return sendDiscordError(ctx, 10062);
  if (record.callback.settled) return sendDiscordError(ctx, 40060);
  // Past the window Discord has already shown "The application did not respond" and forgotten the interaction.
  if (Date.now() - record.createdAt > state.settings.interactionTimeoutMs) return sendDiscordError(ctx, 10062);
  const body: Json = ctx.body ?? {};
  const data: Json = body.data ?? {};
  const errors = createFormErrors();
  const allowed = ALLOWED_CALLBACKS[record.type] ?? [];
  if (!allowed.includes(body.type)) {
    addFormError(errors, ['type'], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
    return send(ctx, 400, invalidFormBody(errors));
  }
  if (body.type === CALLBACK.reply) checkMessageLimits(data, errors, ['data']);
  if (body.type === CALLBACK.autocomplete) checkAutocompleteLimits(data, errors);
  if (errors.count > 0) return send(ctx, 400, invalidFormBody(errors));
  if (body.type === CALLBACK.reply && isEmptyMessage(data, ctx.files.length)) return sendDiscordError(ctx, 50006);
  acknowledge(state, record, { type: body.type, data: body.data }, ctx.files);
  if (ctx.query.get('with_response') === 'true') return send(ctx, 200, callbackResponse(record, body.type));
  send(ctx, 204);
}

/** The interaction behind a webhook route, or undefined after answering an error. */
function webhookInteraction(ctx: RequestContext, params: RouteParams, state: FakeState): InteractionRecord | undefined {
  const record = [...state.interactions.values()].find((r) => r.token === params.token);
  // Until the first callback there is no webhook to talk to; autocomplete never gets one.
  if (params.app !== state.applicationId || !record || !record.callback.settled || record.type === 4) {
    sendDiscordError(ctx, 10015);
    return undefined;
  }
  if (Date.now() - record.createdAt > state.settings.interactionTokenLifetimeMs) {
    sendDiscordError(ctx, 50027);
    return undefined;
  }
  return record;
}

/** Stored messages carry the `allowed_mentions` the client sent; Discord does not echo it. */
function publicMessage(message: Json): Json {
  const copy = { ...message };
  delete copy.allowed_mentions;
  return copy;
}

function findMessage(record: InteractionRecord, id: string): Json | undefined {
  if (id === '@original') return record.original;
  return record.followUps.find((m) => m.id === id);
}

function storeMessage(record: InteractionRecord, id: string, message: Json | undefined): void {
  if (id === '@original') {
    record.original = message;
    return;
  }
  const index = record.followUps.findIndex((m) => m.id === id);
  if (message === undefined) record.followUps.splice(index, 1);
  else record.followUps[index] = message;
}

function getWebhookMessage(ctx: RequestContext, params: RouteParams, state: FakeState): void {
  const record = webhookInteraction(ctx, params, state);
  if (!record) return;
  const message = findMessage(record, params.message ?? '');
  if (!message) return sendDiscordError(ctx, 10008);
  send(ctx, 200, publicMessage(message));
}

function editWebhookMessage(ctx: RequestContext, params: RouteParams, state: FakeState): void {
  const record = webhookInteraction(ctx, params, state);
  if (!record) return;
  const id = params.message ?? '';
  const message = findMessage(record, id);
  if (!message) return sendDiscordError(ctx, 10008);
  const body: Json = ctx.body ?? {};
  const errors = createFormErrors();
  checkMessageLimits(body, errors);
  if (errors.count > 0) return send(ctx, 400, invalidFormBody(errors));
  const wasLoading = id === '@original' && isLoading(record);
  const edited = patchMessage(message, body, ctx.files);
  edited.flags &= ~LOADING;
  if (isEmptyMessage(edited, edited.attachments.length)) return sendDiscordError(ctx, 50006);
  if ('allowed_mentions' in body) edited.allowed_mentions = body.allowed_mentions;
  storeMessage(record, id, edited);
  // The edit that replaces the "thinking…" placeholder is the reply users see.
  if (wasLoading) record.visible.resolve({ ...body, files: ctx.files });
  send(ctx, 200, publicMessage(edited));
}

function deleteWebhookMessage(ctx: RequestContext, params: RouteParams, state: FakeState): void {
  const record = webhookInteraction(ctx, params, state);
  if (!record) return;
  const id = params.message ?? '';
  if (!findMessage(record, id)) return sendDiscordError(ctx, 10008);
  storeMessage(record, id, undefined);
  send(ctx, 204);
}

function followUp(ctx: RequestContext, params: RouteParams, state: FakeState): void {
  const record = webhookInteraction(ctx, params, state);
  if (!record) return;
  const body: Json = ctx.body ?? {};
  const errors = createFormErrors();
  checkMessageLimits(body, errors);
  if (errors.count > 0) return send(ctx, 400, invalidFormBody(errors));
  if (isEmptyMessage(body, ctx.files.length)) return sendDiscordError(ctx, 50006);
  const replacesPlaceholder = isLoading(record);
  const flags = replacesPlaceholder ? (record.original?.flags ?? 0) & EPHEMERAL : 0;
  const message = interactionMessage(state, record, { ...body, flags: (body.flags ?? 0) | flags }, ctx.files);
  if ('allowed_mentions' in body) message.allowed_mentions = body.allowed_mentions;
  record.followUps.push(message);
  // After a defer, the first follow-up takes the place of the "thinking…" message and keeps its ephemerality.
  if (replacesPlaceholder) {
    record.original = message;
    record.visible.resolve({ ...body, files: ctx.files });
  }
  if (ctx.query.get('wait') === 'true') return send(ctx, 200, publicMessage(message));
  send(ctx, 204);
}

export const interactionRoutes: Route[] = [
  { method: 'POST', pattern: '/interactions/:id/:token/callback', auth: false, handle: callback },
  { method: 'POST', pattern: '/webhooks/:app/:token', auth: false, handle: followUp },
  { method: 'GET', pattern: '/webhooks/:app/:token/messages/:message', auth: false, handle: getWebhookMessage },
  { method: 'PATCH', pattern: '/webhooks/:app/:token/messages/:message', auth: false, handle: editWebhookMessage },
  { method: 'DELETE', pattern: '/webhooks/:app/:token/messages/:message', auth: false, handle: deleteWebhookMessage },
];
