import { isGroup, type CommandDef, type OptionDef, type TopCommand } from './types.js';

/** The command an interaction names, with its path (`['labs', 'add']`). */
export function findCommand(
  commands: readonly TopCommand[],
  name: string,
  subcommand: string | null,
): { command: CommandDef; path: string[] } | undefined {
  const top = commands.find((c) => c.name === name);
  if (!top) return undefined;
  if (!isGroup(top)) return { command: top, path: [top.name] };
  const sub = top.subcommands.find((s) => s.name === subcommand);
  return sub ? { command: sub, path: [top.name, sub.name] } : undefined;
}

export function findOption(command: CommandDef, name: string): OptionDef | undefined {
  return command.options.find((o) => o.name === name);
}

/** The command at a path such as `['labs', 'add']` or `['help']`. */
export function findByPath(
  commands: readonly TopCommand[],
  path: readonly string[],
): { command: CommandDef; path: string[] } | undefined {
  const [name, subcommand] = path;
  if (name === undefined || path.length > 2) return undefined;
  const found = findCommand(commands, name, subcommand ?? null);
  return found && found.path.length === path.length ? found : undefined;
}
