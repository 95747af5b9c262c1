import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

// A value that starts with a dash and a digit is a negative number, never an option of ours.
const NEGATIVE_NUMBER = /^-\.?\d/;

function optionTakingValue(arg: string, options: Options): string | undefined {
  const name = arg.startsWith('--')
    ? arg.slice(2)
    : Object.keys(options).find((key) => `-${options[key]!.short}` === arg);
  return name !== undefined && options[name]?.type === 'string' ? name : undefined;
}

/** parseArgs reads "--days -1" as two options; "--days=-1" is what is meant. */
function attachNegativeValues(args: string[], options: Options): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return [...joined, ...args.slice(i)];
    const name = optionTakingValue(arg, options);
    const next = args[i + 1];
    if (name !== undefined && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      joined.push(`--${name}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** Strict parsing: an unknown flag or a missing value is a UsageError for that command. */
export function parseCommand<T extends Options>(args: string[], options: T, topic: string, maxPositionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({ args: attachNegativeValues(args, options), options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''), topic);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`unexpected argument "${parsed.positionals[maxPositionals]}"`, topic);
  }
  return parsed;
}

export function parseDays(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const days = Number(value);
  if (!/^\d+$/.test(value) || days < 1 || days > 365)
    throw new UsageError(`--days must be a whole number from 1 to 365, not "${value}"`, 'releases');
  return days;
}
