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
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is needed with SLACK_BOT_TOKEN unless SLACK_APP_TOKEN selects Socket Mode',
      });
    }
  });

const KEYS = [
  'HF_ENDPOINT',
  'HF_TOKEN',
  'DATA_DIR',
  'DATABASE_URL',
  'POLL_CRON',
  'RECONCILE_CRON',
  'METRICS_CRON',
  'POLL_CONCURRENCY',
  'LOG_LEVEL',
  'DISCORD_TOKEN',
  'DISCORD_GUILD_ID',
  'DISCORD_API_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_ADMIN_USER_IDS',
  'SLACK_API_URL',
  'PORT',
] as const;

export type Config = z.infer<typeof envSchema>;

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
