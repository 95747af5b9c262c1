import { createHmac } from 'node:crypto';

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** Signs a raw request body the way Slack does: v0=hex(HMAC-SHA256(secret, "v0:<ts>:<body>")). */
export function signSlackRequest(opts: {
  signingSecret: string;
  body: string;
  timestamp?: number;
}): SlackSignatureHeaders {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const digest = createHmac('sha256', opts.signingSecret).update(`v0:${timestamp}:${opts.body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestamp) };
}
