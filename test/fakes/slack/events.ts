import { randomBytes } from 'node:crypto';
import { signSlackRequest } from './signing.js';
import type { EventDelivery } from './types.js';

/** POSTs one signed Events API request (`event_callback`) from a team to the app, as Slack does. */
export async function postEvent(options: {
  url: string;
  signingSecret: string;
  teamId: string;
  appId: string;
  event: Record<string, unknown>;
}): Promise<EventDelivery> {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: options.teamId,
    api_app_id: options.appId,
    event: { ...options.event, event_ts: `${now}.000100` },
    type: 'event_callback',
    event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: now,
  });
  const response = await fetch(options.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signSlackRequest({ signingSecret: options.signingSecret, body }),
    },
    body,
  });
  return {
    type: String(options.event.type),
    teamId: options.teamId,
    status: response.status,
    body: await response.text(),
  };
}
