import { isGroup, type CommandDef, type OptionDef, type TopCommand } from '../../../commands/types.js';

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
