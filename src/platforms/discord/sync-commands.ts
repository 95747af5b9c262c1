import { createHash } from 'node:crypto';
import { Routes, type REST } from 'discord.js';
import type { TopCommand } from '../../../commands/types.js';
import type { SettingsPort } from '../../ports/settings.js';
import { discordCommands } from './command-json.js';

export interface SyncResult {
  applicationId: string;
  scope: string;
  count: number;
  changed: boolean;
}

/**
 * Registers the command set with one bulk PUT: to one server when `guildId` is given (applies at
 * once), else globally. With `onlyIfChanged`, a set already registered (same hash) is left alone.
 */
export async function syncCommands(options: {
  rest: REST;
  settings: SettingsPort;
  commands: readonly TopCommand[];
  guildId?: string | undefined;
  onlyIfChanged?: boolean;
}): Promise<SyncResult> {
  const app = (await options.rest.get(Routes.currentApplication())) as { id: string };
  const body = discordCommands(options.commands);
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const scope = options.guildId ? `guild ${options.guildId}` : 'global';
  const key = `discord.commands.${app.id}.${options.guildId ?? 'global'}`;
  const stored = await options.settings.get(key);
  if (options.onlyIfChanged && stored === hash)
    return { applicationId: app.id, scope, count: body.length, changed: false };
  const route = options.guildId
    ? Routes.applicationGuildCommands(app.id, options.guildId)
    : Routes.applicationCommands(app.id);
  await options.rest.put(route, { body });
  await options.settings.put(key, hash);
  return { applicationId: app.id, scope, count: body.length, changed: true };
}
