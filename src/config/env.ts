import { z } from 'zod';
import { validate as isValidCron } from 'node-cron';
import { databaseUrlProblem } from './database-url.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const optionalUrl = optional.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
  message: 'must be an http(s) URL',
});

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The public base of the service: https, or http for a local test; no query, no trailing slash. */
const publicUrl = optional
  .refine(
    (v) => {
      if (v === undefined) return true;
      if (!URL.canParse(v)) return false;
      const url = new URL(v);
      const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
      return secure && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
    },
    { message: 'must be the https URL that reaches PORT (http only for localhost), without a query' },
  )
  .transform((v) => v?.replace(/\/+$/, ''));

const cron = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => isValidCron(v), { message: 'is not a valid cron expression (5 fields, or 6 with seconds)' });

const envSchema = z
  .object({
    HF_ENDPOINT: z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .default('https://huggingface.co')
      .transform((v) => v.replace(/\/+$/, '')),
    HF_TOKEN: optional.refine((v) => v === undefined || v.startsWith('hf_'), { message: 'must start with hf_' }),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    DATABASE_URL: optional.superRefine((v, ctx) => {
      const problem = v === undefined ? undefined : databaseUrlProblem(v);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    }),
    POLL_CRON: cron('*/2 * * * *'),
    RECONCILE_CRON: cron('17 * * * *'),
    METRICS_CRON: cron('41 */3 * * *'),
    POLL_CONCURRENCY: z.coerce
      .number({ message: 'must be a whole number from 1 to 32' })
      .int({ message: 'must be a whole number from 1 to 32' })
      .min(1, { message: 'must be a whole number from 1 to 32' })
      .max(32, { message: 'must be a whole number from 1 to 32' })
      .default(12),
    METRICS_RETENTION_DAYS: z.coerce
      .number({ message: 'must be a whole number of days' })
      .int({ message: 'must be a whole number of days' })
      .min(31, { message: 'must be at least 31 (growth looks 30 days back)' })
      .max(3650, { message: 'must be at most 3650' })
      .default(400),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    DISCORD_TOKEN: optional,
    DISCORD_GUILD_ID: optional.refine((v) => v === undefined || /^\d{17,20}$/.test(v), {
      message: 'must be a Discord server id (17 to 20 digits)',
    }),
    DISCORD_API_URL: optionalUrl,
    SLACK_BOT_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xoxb-'), {
      message: 'must be a bot token (xoxb-…)',
    }),
    SLACK_SIGNING_SECRET: optional,
    SLACK_APP_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xapp-'), {
      message: 'must be an app-level token (xapp-…)',
    }),
    SLACK_ADMIN_USER_IDS: optional.transform((v) => (v ? v.split(/[,\s]+/).filter(Boolean) : [])),
    SLACK_API_URL: optionalUrl,
    SLACK_CLIENT_ID: optional,
    SLACK_CLIENT_SECRET: optional,
    SLACK_STATE_SECRET: optional.refine((v) => v === undefined || v.length >= 16, {
      message: 'must be at least 16 characters (make one with `openssl rand -hex 32`)',
    }),
    PUBLIC_URL: publicUrl,
    // Checked when used (src/config/secret-keys.ts): a bad key is a SettingError that names it.
    FLOODWATCH_SECRET_KEY: optional,
    FLOODWATCH_SECRET_KEY_PREVIOUS: optional,
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HF_WEBHOOK_SECRET: optional,
    DELIVERY_RETENTION_DAYS: z.coerce
      .number({ message: 'must be a whole number of days' })
      .int({ message: 'must be a whole number of days' })
      .min(0, { message: 'must be 0 (keep forever) or more days' })
      .max(3650, { message: 'must be at most 3650 days' })
      .default(30),
    DELIVERY_LEASE_SECONDS: z.coerce
      .number({ message: 'must be a whole number of seconds' })
      .int({ message: 'must be a whole number of seconds' })
      .min(10, { message: 'must be at least 10 seconds' })
      .max(3600, { message: 'must be at most 3600 seconds' })
      .default(120),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is needed with SLACK_BOT_TOKEN unless SLACK_APP_TOKEN selects Socket Mode',
      });
    }
    checkOAuth(env, ctx);
  });

const OAUTH_NEEDS = {
  SLACK_CLIENT_ID: 'Client ID, under Basic Information',
  SLACK_CLIENT_SECRET: 'Client Secret, under Basic Information',
  SLACK_STATE_SECRET: 'signs the install link; make one with `openssl rand -hex 32`',
  SLACK_SIGNING_SECRET: 'verifies the requests Slack sends',
  PUBLIC_URL: 'the https address that reaches PORT; the redirect URL is PUBLIC_URL/slack/oauth_redirect',
  FLOODWATCH_SECRET_KEY: 'bot tokens are stored encrypted with it; make one with `openssl rand -hex 32`',
} as const;

interface OAuthSettings {
  SLACK_BOT_TOKEN?: string | undefined;
  SLACK_APP_TOKEN?: string | undefined;
  SLACK_CLIENT_ID?: string | undefined;
  SLACK_CLIENT_SECRET?: string | undefined;
  SLACK_STATE_SECRET?: string | undefined;
  SLACK_SIGNING_SECRET?: string | undefined;
  PUBLIC_URL?: string | undefined;
  FLOODWATCH_SECRET_KEY?: string | undefined;
}

/** OAuth mode (many workspaces) is chosen by any of its three Slack settings, and then needs all it uses. */
function checkOAuth(env: OAuthSettings, ctx: z.RefinementCtx): void {
  if (!env.SLACK_CLIENT_ID && !env.SLACK_CLIENT_SECRET && !env.SLACK_STATE_SECRET) return;
  for (const [name, why] of Object.entries(OAUTH_NEEDS)) {
    if (!env[name as keyof OAuthSettings])
      ctx.addIssue({ code: 'custom', path: [name], message: `is needed in Slack OAuth mode (${why})` });
  }
  if (env.SLACK_BOT_TOKEN)
    ctx.addIssue({
      code: 'custom',
      path: ['SLACK_BOT_TOKEN'],
      message: 'cannot be set with SLACK_CLIENT_ID: one workspace (SLACK_BOT_TOKEN) or OAuth for many, not both',
    });
  if (env.SLACK_APP_TOKEN)
    ctx.addIssue({
      code: 'custom',
      path: ['SLACK_APP_TOKEN'],
      message: 'cannot be set with SLACK_CLIENT_ID: OAuth mode receives Slack over HTTP at PUBLIC_URL',
    });
}

const KEYS = [
  'HF_ENDPOINT',
  'HF_TOKEN',
  'DATA_DIR',
  'DATABASE_URL',
  'POLL_CRON',
  'RECONCILE_CRON',
  'METRICS_CRON',
  'POLL_CONCURRENCY',
  'METRICS_RETENTION_DAYS',
  'LOG_LEVEL',
  'DISCORD_TOKEN',
  'DISCORD_GUILD_ID',
  'DISCORD_API_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_ADMIN_USER_IDS',
  'SLACK_API_URL',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'PUBLIC_URL',
  'FLOODWATCH_SECRET_KEY',
  'FLOODWATCH_SECRET_KEY_PREVIOUS',
  'PORT',
  'HF_WEBHOOK_SECRET',
  'DELIVERY_RETENTION_DAYS',
  'DELIVERY_LEASE_SECONDS',
] as const;

export type Config = z.infer<typeof envSchema>;

/** How the Slack app runs: one workspace with a bot token, many installed with OAuth, or not at all. */
export function slackMode(config: Config): 'single' | 'oauth' | undefined {
  if (config.SLACK_CLIENT_ID) return 'oauth';
  return config.SLACK_BOT_TOKEN ? 'single' : undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the whole configuration once; every problem is reported together, secret values never. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const blankToUndefined = Object.fromEntries(KEYS.map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const result = envSchema.safeParse(blankToUndefined);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
}
