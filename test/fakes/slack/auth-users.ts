import { fail } from './method-handler.js';
import type { ApiArgs, ApiResult } from './types.js';
import type { Workspace } from './workspace.js';

export function authTest(ws: Workspace): ApiResult {
  return {
    ok: true,
    url: `https://${ws.bot.teamDomain}.slack.com/`,
    team: ws.bot.teamDomain,
    user: ws.bot.userName,
    team_id: ws.bot.teamId,
    user_id: ws.bot.userId,
    bot_id: ws.bot.botId,
    is_enterprise_install: false,
  };
}

export function usersInfo(ws: Workspace, args: ApiArgs): ApiResult {
  const id = args.user;
  if (typeof id !== 'string' || id === '') return fail('user_not_found');
  // The bot can look itself up too; it is not in the users list tests pass in.
  if (id === ws.bot.userId) {
    return {
      ok: true,
      user: {
        id,
        team_id: ws.bot.teamId,
        name: ws.bot.userName,
        deleted: false,
        is_admin: false,
        is_owner: false,
        is_primary_owner: false,
        is_bot: true,
      },
    };
  }
  const user = ws.users.get(id);
  if (!user) return fail('user_not_found');
  return {
    ok: true,
    user: {
      id: user.id,
      team_id: ws.bot.teamId,
      name: user.name ?? user.id.toLowerCase(),
      deleted: Boolean(user.deleted),
      is_admin: Boolean(user.is_admin),
      is_owner: Boolean(user.is_owner),
      is_primary_owner: Boolean(user.is_primary_owner),
      is_bot: Boolean(user.is_bot),
    },
  };
}
