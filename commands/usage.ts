import { isGroup, type CommandDef, type CommandRef, type Inline, type OptionDef, type TopCommand } from './types.js';

function placeholder(option: OptionDef): string {
  if (option.type === 'string' && option.choices) return option.choices.join('|');
  if (option.type === 'boolean') return 'true|false';
  if (option.type === 'string' && option.example) return option.example;
  return option.type === 'integer' || option.type === 'number' ? `${option.min}-${option.max}` : option.name;
}

function optionUsage(option: OptionDef): string {
  const text = `${option.name}:${placeholder(option)}`;
  return option.required ? text : `[${text}]`;
}

/** Every runnable command with its path: `['labs', 'add']`, `['help']`. */
export function commandEntries(commands: readonly TopCommand[]): { path: string[]; command: CommandDef }[] {
  return commands.flatMap((c) =>
    isGroup(c) ? c.subcommands.map((s) => ({ path: [c.name, s.name], command: s })) : [{ path: [c.name], command: c }],
  );
}

/** How to call a command, as a reference each platform spells: `/labs add org:deepseek-ai [country:CN]`. */
export function usageRef(path: readonly string[], command: CommandDef): CommandRef {
  const args = command.options.map(optionUsage).join(' ');
  return args ? { command: path, args } : { command: path };
}

/** One line per option, for the usage shown after a mistake. */
export function optionLines(command: CommandDef): string[] {
  return command.options.map((o) => {
    const extra = o.default !== undefined ? ` (default ${o.default})` : o.required ? ' (required)' : '';
    return `${o.name}: ${o.description}${extra}`;
  });
}

/** The usage shown after a mistake: how to call the command, then each option. */
export function commandUsage(path: readonly string[], command: CommandDef): Inline[][] {
  return [[usageRef(path, command)], ...optionLines(command).map((line) => [line])];
}

/** One usage line per command that exists, for help after a command nobody knows. */
export function overviewUsage(commands: readonly TopCommand[]): Inline[][] {
  return commandEntries(commands).map((e) => [usageRef(e.path, e.command)]);
}
