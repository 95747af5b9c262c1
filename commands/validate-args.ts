import { parseCountry, parseOrg } from '../src/labs/validate.js';
import { UserError } from '../src/shared/user-error.js';
import type { ArgValue, CommandDef, OptionDef, RawArgs } from './types.js';

function describe(option: OptionDef): string {
  return `\`${option.name}\``;
}

function asInteger(option: OptionDef & { min: number; max: number }, value: ArgValue): number {
  const n = typeof value === 'number' ? value : /^-?\d+$/.test(String(value).trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n)) throw new UserError(`${describe(option)} must be a whole number, not "${value}"`);
  if (n < option.min || n > option.max)
    throw new UserError(`${describe(option)} must be from ${option.min} to ${option.max}, not ${n}`);
  return n;
}

function asNumber(option: OptionDef & { min: number; max: number }, value: ArgValue): number {
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(n) || String(value).trim() === '')
    throw new UserError(`${describe(option)} must be a number, not "${value}"`);
  if (n < option.min || n > option.max)
    throw new UserError(`${describe(option)} must be from ${option.min} to ${option.max}, not ${n}`);
  return n;
}

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

function asBoolean(option: OptionDef, value: ArgValue): boolean {
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  throw new UserError(`${describe(option)} must be true or false, not "${value}"`);
}

// Lab names have spaces ("Mistral AI"): a list splits on commas only; country codes on spaces too.
function splitList(value: string, separators: RegExp): string[] {
  return [
    ...new Set(
      value
        .split(separators)
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

function asString(option: OptionDef & { type: 'string' }, value: ArgValue): string {
  const text = String(value).trim();
  if (text === '') throw new UserError(`${describe(option)} cannot be empty`);
  if (option.maxLength !== undefined && text.length > option.maxLength) {
    throw new UserError(`${describe(option)} is at most ${option.maxLength} characters long`);
  }
  if (option.choices && !option.choices.includes(text.toLowerCase())) {
    throw new UserError(`${describe(option)} must be one of ${option.choices.join(', ')}, not "${text}"`);
  }
  try {
    return formatted(option, text);
  } catch (error) {
    // The parsers speak of the value only; the user also needs to know which option was wrong.
    if (error instanceof UserError) throw new UserError(`${describe(option)}: ${error.message}`);
    throw error;
  }
}

function formatted(option: OptionDef & { type: 'string' }, text: string): string {
  switch (option.format) {
    case 'country':
      return parseCountry(text);
    case 'org':
      return parseOrg(text);
    case 'countries':
      return splitList(text, /[,\s]+/)
        .map(parseCountry)
        .join(',');
    case 'list':
      return splitList(text, /,/).join(',');
    default:
      return option.choices ? text.toLowerCase() : text;
  }
}

function validateOne(option: OptionDef, value: ArgValue): ArgValue {
  switch (option.type) {
    case 'integer':
      return asInteger(option, value);
    case 'number':
      return asNumber(option, value);
    case 'boolean':
      return asBoolean(option, value);
    case 'string':
      return asString(option, value);
  }
}

/**
 * Checks raw arguments (typed from Discord, text from Slack) against a command's options and fills in
 * defaults. Any mistake is a UserError naming the option; nothing runs.
 */
export function validateArgs(command: CommandDef, raw: RawArgs): RawArgs {
  const known = new Set(command.options.map((o) => o.name));
  const unknown = Object.keys(raw).filter((k) => !known.has(k) && raw[k] !== undefined);
  if (unknown.length > 0) {
    const expected = command.options.length
      ? `; it takes ${command.options.map((o) => o.name).join(', ')}`
      : '; it takes no options';
    throw new UserError(`${command.name} has no option ${unknown.map((u) => `\`${u}\``).join(', ')}${expected}`);
  }
  const args: Record<string, ArgValue | undefined> = {};
  for (const option of command.options) {
    const value = raw[option.name];
    if (value === undefined) {
      if (option.required) throw new UserError(`${command.name} needs ${describe(option)}: ${option.description}`);
      args[option.name] = option.default;
      continue;
    }
    args[option.name] = validateOne(option, value);
  }
  return args;
}
