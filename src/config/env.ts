import { z } from 'zod';
import { validate as isValidCron } from 'node-cron';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const cron = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => isValidCron(v), { message: 'is not a valid cron expression (5 fields, or 6 with seconds)' });

const envSchema = z.object({
  HF_ENDPOINT: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .default('https://huggingface.co')
    .transform((v) => v.replace(/\/+$/, '')),
  HF_TOKEN: optional.refine((v) => v === undefined || v.startsWith('hf_'), { message: 'must start with hf_' }),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: optional.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'must be a postgres:// or postgresql:// URL',
  }),
  POLL_CRON: cron('*/2 * * * *'),
  RECONCILE_CRON: cron('17 * * * *'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the whole configuration once; every problem is reported together, secret values never. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const blankToUndefined = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const result = envSchema.safeParse(blankToUndefined);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
}
