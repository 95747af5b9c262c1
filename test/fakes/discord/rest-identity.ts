import { send } from './http-io.js';
import type { Route } from './rest-route.js';

/** Routes that tell the bot who it is and where the gateway lives. */
export const identityRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/gateway/bot',
    auth: true,
    handle(ctx, _params, state) {
      send(ctx, 200, {
        url: state.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    },
  },
  {
    method: 'GET',
    pattern: '/gateway',
    auth: false,
    handle(ctx, _params, state) {
      send(ctx, 200, { url: state.gatewayUrl });
    },
  },
  {
    method: 'GET',
    pattern: '/users/@me',
    auth: true,
    handle(ctx, _params, state) {
      send(ctx, 200, state.botUser);
    },
  },
  {
    method: 'GET',
    pattern: '/applications/@me',
    auth: true,
    handle(ctx, _params, state) {
      send(ctx, 200, {
        id: state.applicationId,
        name: state.botUser.username,
        icon: null,
        description: '',
        bot_public: false,
        bot_require_code_grant: false,
        bot: state.botUser,
        flags: 0,
        team: null,
        owner: { id: '1000000000000000099', username: 'owner', discriminator: '0', global_name: null, avatar: null },
        verify_key: '0'.repeat(64),
        install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
        integration_types_config: { '0': {} },
      });
    },
  },
];
