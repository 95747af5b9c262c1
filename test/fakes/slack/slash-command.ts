import { randomBytes } from 'node:crypto';
import { signSlackRequest } from './signing.js';

export interface SlashCommandFields {
  command: string;
  text: string;
  user_id: string;
  team_id: string;
  channel_id: string;
  response_url: string;
  token?: string;
  team_domain?: string;
  channel_name?: string;
  user_name?: string;
  trigger_id?: string;
  api_app_id?: string;
  enterprise_id?: string;
  enterprise_name?: string;
  is_enterprise_install?: boolean;
}

export interface SlashCommandReply {
  status: number;
  /** Parsed JSON when the reply is JSON, otherwise the text ('' for Bolt's empty ack). */
  body: any;
}

/** The x-www-form-urlencoded body Slack sends for a slash command, in Slack's field order. */
export function slashCommandBody(fields: SlashCommandFields): string {
  const params = new URLSearchParams();
  params.set('token', fields.token ?? 'deprecated-verification-token');
  params.set('team_id', fields.team_id);
  params.set('team_domain', fields.team_domain ?? 'floodwatch-test');
  if (fields.enterprise_id !== undefined) {
    params.set('enterprise_id', fields.enterprise_id);
    params.set('enterprise_name', fields.enterprise_name ?? 'Fake Enterprise');
  }
  params.set('channel_id', fields.channel_id);
  params.set('channel_name', fields.channel_name ?? 'general');
  params.set('user_id', fields.user_id);
  params.set('user_name', fields.user_name ?? 'tester');
  params.set('command', fields.command);
  params.set('text', fields.text);
  params.set('api_app_id', fields.api_app_id ?? 'A0FAKEAPP');
  // Slack sends this flag as the string 'true' / 'false'.
  params.set('is_enterprise_install', String(fields.is_enterprise_install ?? false));
  params.set('response_url', fields.response_url);
  params.set('trigger_id', fields.trigger_id ?? `${Date.now()}.${randomBytes(6).toString('hex')}`);
  return params.toString();
}

/** POSTs a signed slash command to a Bolt endpoint (e.g. http://127.0.0.1:PORT/slack/events). */
export async function postSlashCommand(
  url: string,
  opts: { signingSecret: string; fields: SlashCommandFields; timestamp?: number; badSignature?: boolean },
): Promise<SlashCommandReply> {
  const body = slashCommandBody(opts.fields);
  // A bad signature is a correct HMAC under the wrong secret, so only the secret differs.
  const secret = opts.badSignature ? `wrong-${opts.signingSecret}` : opts.signingSecret;
  const signature = signSlackRequest({ signingSecret: secret, body, timestamp: opts.timestamp });
  const response = await fetch(url, {
    method: 'POST',
    // Bolt only parses the exact media type; a charset suffix makes it answer 400.
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signature },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: parseMaybeJson(text) };
}

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
