import { randomBytes } from 'node:crypto';
import { fail } from './method-handler.js';
import { stringOrUndefined } from './request-body.js';
import type { ApiArgs, ApiResult } from './types.js';
import type { Workspace } from './workspace.js';

export const AUTHORIZE_URL = 'https://slack.com/oauth/v2/authorize';

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  appId: string;
}

/** What a user granted on the authorize page, until the app exchanges the code once. */
interface Grant {
  clientId: string;
  teamId: string;
  userId: string;
  scopes: string[];
  redirectUri: string | undefined;
  used: boolean;
}

export interface FakeOAuth {
  approve(authorizeUrl: string, options: { teamId: string; userId: string; deny?: boolean }): string;
  /** oauth.v2.access: the client's credentials and a code from approve(), once. */
  exchange(args: ApiArgs, basicAuth: { id: string; secret: string } | undefined): ApiResult;
}

/**
 * Slack's side of an OAuth v2 install: the authorize page (as a call, since no browser runs here) and
 * oauth.v2.access. A code works once, for the client and redirect URI it was issued to; the bot token
 * of a team is minted at its first install and again after it was revoked.
 */
export function createFakeOAuth(app: OAuthApp | undefined, team: (teamId: string) => Workspace | undefined): FakeOAuth {
  const grants = new Map<string, Grant>();
  let minted = 0;

  function mint(ws: Workspace): string {
    minted += 1;
    return `xoxb-${ws.bot.teamId}-${minted}-${randomBytes(8).toString('hex')}`;
  }

  return {
    approve(authorizeUrl, { teamId, userId, deny }) {
      const url = new URL(authorizeUrl);
      const params = url.searchParams;
      if (`${url.origin}${url.pathname}` !== AUTHORIZE_URL) throw new Error(`not Slack's authorize page: ${url.href}`);
      if (app === undefined || params.get('client_id') !== app.clientId) throw new Error('invalid_client_id');
      const scopes = (params.get('scope') ?? '').split(',').filter(Boolean);
      if (scopes.length === 0) throw new Error('invalid_scope: no scope requested');
      const redirectUri = params.get('redirect_uri') ?? undefined;
      if (redirectUri === undefined) throw new Error('bad_redirect_uri: the app has none configured here');
      if (team(teamId) === undefined) throw new Error(`no such team ${teamId}`);
      const target = new URL(redirectUri);
      const state = params.get('state');
      if (deny) target.searchParams.set('error', 'access_denied');
      else {
        const code = `${randomBytes(4).toString('hex')}.${randomBytes(12).toString('hex')}`;
        grants.set(code, { clientId: app.clientId, teamId, userId, scopes, redirectUri, used: false });
        target.searchParams.set('code', code);
      }
      if (state !== null) target.searchParams.set('state', state);
      return target.href;
    },
    exchange(args, basicAuth) {
      const clientId = stringOrUndefined(args.client_id) ?? basicAuth?.id;
      const secret = stringOrUndefined(args.client_secret) ?? basicAuth?.secret;
      if (app === undefined || clientId !== app.clientId) return fail('invalid_client_id');
      if (secret !== app.clientSecret) return fail('bad_client_secret');
      const grant = grants.get(stringOrUndefined(args.code) ?? '');
      if (grant === undefined || grant.used) return fail('invalid_code');
      if (stringOrUndefined(args.redirect_uri) !== grant.redirectUri) return fail('bad_redirect_uri');
      grant.used = true;
      const ws = team(grant.teamId)!;
      if (!ws.bot.token) ws.bot.token = mint(ws);
      ws.scopes = new Set(grant.scopes);
      return {
        ok: true,
        app_id: app.appId,
        authed_user: { id: grant.userId },
        scope: grant.scopes.join(','),
        token_type: 'bot',
        access_token: ws.bot.token,
        bot_user_id: ws.bot.userId,
        team: { id: ws.bot.teamId, name: ws.teamName },
        enterprise: null,
        is_enterprise_install: false,
      };
    },
  };
}
