import { isGroup, type CommandDef, type Inline, type TopCommand } from './types.js';
import { commandEntries, commandUsage, overviewUsage, usageRef } from './usage.js';

/** A command found in the text, with its raw text arguments; validateArgs checks and coerces them. */
export interface ParsedText {
  readonly ok: true;
  readonly path: readonly string[];
  readonly command: CommandDef;
  readonly args: Readonly<Record<string, string>>;
  /** How to call this command, shown after a mistake. */
  readonly usage: readonly (readonly Inline[])[];
}

export interface ParseTextFailure {
  readonly ok: false;
  readonly error: string;
  /** The command's usage, or every command when the text named none that exists. */
  readonly usage: readonly (readonly Inline[])[];
}

interface Token {
  /** Set for `name:value`; absent for a value on its own. */
  readonly name?: string;
  readonly value: string;
  readonly quoted: boolean;
}

class TextError extends Error {}

// Chat clients turn "…" into smart quotes as people type, so every double-quote form opens and closes.
const QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e', '\u201f', '\u2033']);
// `name:` before a value; `https://…` is a value with a colon in it, not an option called https.
const NAME = /^([a-z][a-z0-9_]*):(?!\/\/)/i;
const SPACE = /\s/;

function readQuoted(text: string, start: number): { value: string; end: number } {
  for (let i = start + 1; i < text.length; i++) {
    if (QUOTES.has(text[i]!)) return { value: text.slice(start + 1, i), end: i + 1 };
  }
  throw new TextError(`a quote opened at "${text.slice(start, start + 20)}" is never closed`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (SPACE.test(text[i]!)) {
      i++;
      continue;
    }
    const named = NAME.exec(text.slice(i));
    if (named) i += named[0].length;
    let value = '';
    let quoted = false;
    // Quoted and bare pieces glued together make one value, as in a shell: name:"My Lab"s → My Labs.
    while (i < text.length && !SPACE.test(text[i]!)) {
      if (QUOTES.has(text[i]!)) {
        const piece = readQuoted(text, i);
        value += piece.value;
        i = piece.end;
        quoted = true;
      } else {
        value += text[i];
        i++;
      }
    }
    tokens.push({ ...(named ? { name: named[1]!.toLowerCase() } : {}), value, quoted });
  }
  return tokens;
}

/**
 * Values without a name fill the options not named, required ones first, then the optional ones, each
 * group in the order the command declares them: `labs add deepseek-ai CN` is org then country.
 */
function assignArgs(path: readonly string[], command: CommandDef, tokens: readonly Token[]): Record<string, string> {
  const args: Record<string, string> = {};
  const loose: string[] = [];
  for (const token of tokens) {
    if (token.name === undefined) {
      loose.push(token.value);
      continue;
    }
    if (Object.hasOwn(args, token.name)) throw new TextError(`\`${token.name}\` is given twice; give it once`);
    args[token.name] = token.value;
  }
  const open = [...command.options.filter((o) => o.required), ...command.options.filter((o) => !o.required)].filter(
    (o) => !Object.hasOwn(args, o.name),
  );
  if (loose.length > open.length) {
    const extra = loose[open.length]!;
    if (command.options.length === 0) throw new TextError(`${path.join(' ')} takes no values, not "${extra}"`);
    throw new TextError(
      `"${extra}" is one value too many: every option of ${path.join(' ')} is already given; ` +
        'name the options as name:value',
    );
  }
  loose.forEach((value, index) => {
    args[open[index]!.name] = value;
  });
  return args;
}

function resolve(
  commands: readonly TopCommand[],
  tokens: readonly Token[],
): { path: string[]; command: CommandDef; rest: readonly Token[] } | ParseTextFailure {
  const [first, ...rest] = tokens;
  const overview = overviewUsage(commands);
  if (first === undefined) {
    const help = commands.find((c): c is CommandDef => !isGroup(c) && c.name === 'help');
    if (help) return { path: [help.name], command: help, rest: [] };
    return { ok: false, error: 'say which command to run', usage: overview };
  }
  if (first.name !== undefined || first.quoted)
    return { ok: false, error: 'start with a command, then its options', usage: overview };
  const top = commands.find((c) => c.name === first.value.toLowerCase());
  if (top === undefined)
    return { ok: false, error: `there is no command "${first.value}"; these exist:`, usage: overview };
  if (!isGroup(top)) return { path: [top.name], command: top, rest };
  const names = top.subcommands.map((s) => s.name).join(', ');
  const groupUsage = commandEntries([top]).map((e) => [usageRef(e.path, e.command)]);
  const [second, ...more] = rest;
  if (second === undefined || second.name !== undefined || second.quoted) {
    return { ok: false, error: `${top.name} needs a subcommand: ${names}`, usage: groupUsage };
  }
  const sub = top.subcommands.find((s) => s.name === second.value.toLowerCase());
  if (sub === undefined)
    return { ok: false, error: `${top.name} has no subcommand "${second.value}"; it has ${names}`, usage: groupUsage };
  return { path: [top.name, sub.name], command: sub, rest: more };
}

/**
 * Reads `<command> [subcommand] [options]` text (Slack's `/floodwatch …`, the CLI's `run …`) against the
 * command registry: `name:value` pairs
 * (values quoted with straight or smart double quotes when they hold spaces) and values without a
 * name (see assignArgs). Empty text is `help`. Only the shape is checked here: option names and
 * values are validated by validateArgs when the command runs, with the messages every platform shows.
 */
export function parseCommandText(text: string, commands: readonly TopCommand[]): ParsedText | ParseTextFailure {
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch (error) {
    if (error instanceof TextError) return { ok: false, error: error.message, usage: overviewUsage(commands) };
    throw error;
  }
  const found = resolve(commands, tokens);
  if ('ok' in found) return found;
  const usage = commandUsage(found.path, found.command);
  try {
    return {
      ok: true,
      path: found.path,
      command: found.command,
      args: assignArgs(found.path, found.command, found.rest),
      usage,
    };
  } catch (error) {
    if (error instanceof TextError) return { ok: false, error: error.message, usage };
    throw error;
  }
}
