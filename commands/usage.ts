import type { CommandDef, OptionDef } from './types.js';

/** How a platform spells a command: Discord has one slash command per top command, Slack one `/floodwatch`. */
export type Dialect = 'discord' | 'slack' | 'console';

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

/** `/labs add org:deepseek-ai [country:CN] [name:My Lab]` or `/floodwatch labs add …`. */
export function usageLine(path: readonly string[], command: CommandDef, dialect: Dialect): string {
  const head = dialect === 'slack' ? `/floodwatch ${path.join(' ')}` : `/${path.join(' ')}`;
  return [head, ...command.options.map(optionUsage)].join(' ');
}

/** One line per option, for the usage shown after a mistake. */
export function optionLines(command: CommandDef): string[] {
  return command.options.map((o) => {
    const extra = o.default !== undefined ? ` (default ${o.default})` : o.required ? ' (required)' : '';
    return `${o.name}: ${o.description}${extra}`;
  });
}
