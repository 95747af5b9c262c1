import { checkCommandLimits, checkCommandListLimits } from './command-limits.js';
import { createFormErrors, invalidFormBody } from './form-errors.js';
import { send, sendDiscordError, type RequestContext } from './http-io.js';
import type { Route, RouteParams } from './rest-route.js';
import { nextSnowflake } from './snowflake.js';
import type { FakeState } from './state.js';
import type { Json } from './types.js';

/** The command-set key for the route ('' is global), or null after answering an error. */
function scopeFor(ctx: RequestContext, params: RouteParams, state: FakeState): string | null {
  if (params.app !== state.applicationId) {
    sendDiscordError(ctx, 10002);
    return null;
  }
  if (params.guild === undefined) return '';
  // Discord answers Missing Access for a guild the application is not in.
  if (!state.guilds.some((g) => g.id === params.guild)) {
    sendDiscordError(ctx, 50001);
    return null;
  }
  return params.guild;
}

/** The stored form of a command; an existing command of the same name and type keeps its id, as on Discord. */
function storedCommand(state: FakeState, raw: Json, scope: string, existing: Json[]): Json {
  const type = raw.type ?? 1;
  const previous = existing.find((c) => c.name === raw.name && c.type === type);
  const command: Json = {
    id: previous?.id ?? nextSnowflake(),
    application_id: state.applicationId,
    version: nextSnowflake(),
    type,
    name: raw.name,
    name_localizations: raw.name_localizations ?? null,
    description: raw.description ?? '',
    description_localizations: raw.description_localizations ?? null,
    default_member_permissions: raw.default_member_permissions ?? null,
    contexts: raw.contexts ?? null,
    integration_types: raw.integration_types ?? [0],
    nsfw: raw.nsfw ?? false,
  };
  if (Array.isArray(raw.options)) command.options = raw.options;
  if (scope) command.guild_id = scope;
  else command.dm_permission = raw.dm_permission ?? true;
  return command;
}

function list(ctx: RequestContext, params: RouteParams, state: FakeState): void {
  const scope = scopeFor(ctx, params, state);
  if (scope === null) return;
  send(ctx, 200, state.commands.get(scope) ?? []);
}

/** Bulk overwrite: the body replaces the whole set, all or nothing. */
function overwrite(ctx: RequestContext, params: RouteParams, state: FakeState): void {
  const scope = scopeFor(ctx, params, state);
  if (scope === null) return;
  const errors = createFormErrors();
  checkCommandListLimits(ctx.body, errors);
  if (errors.count > 0) return send(ctx, 400, invalidFormBody(errors));
  const existing = state.commands.get(scope) ?? [];
  const commands = (ctx.body as Json[]).map((raw) => storedCommand(state, raw, scope, existing));
  state.commands.set(scope, commands);
  send(ctx, 200, commands);
}

/** Single create: upserts by name and type; 201 for a new command, 200 for a replaced one. */
function create(ctx: RequestContext, params: RouteParams, state: FakeState): void {
  const scope = scopeFor(ctx, params, state);
  if (scope === null) return;
  const errors = createFormErrors();
  checkCommandLimits(ctx.body ?? {}, errors);
  if (errors.count > 0) return send(ctx, 400, invalidFormBody(errors));
  const existing = state.commands.get(scope) ?? [];
  const command = storedCommand(state, ctx.body, scope, existing);
  const replaced = existing.some((c) => c.id === command.id);
  state.commands.set(scope, [...existing.filter((c) => c.id !== command.id), command]);
  send(ctx, replaced ? 200 : 201, command);
}

export const commandRoutes: Route[] = [
  { method: 'GET', pattern: '/applications/:app/commands', auth: true, handle: list },
  { method: 'PUT', pattern: '/applications/:app/commands', auth: true, handle: overwrite },
  { method: 'POST', pattern: '/applications/:app/commands', auth: true, handle: create },
  { method: 'GET', pattern: '/applications/:app/guilds/:guild/commands', auth: true, handle: list },
  { method: 'PUT', pattern: '/applications/:app/guilds/:guild/commands', auth: true, handle: overwrite },
  { method: 'POST', pattern: '/applications/:app/guilds/:guild/commands', auth: true, handle: create },
];
