import type { Logger } from 'pino';
import type { Services } from '../src/ports/services.js';

interface OptionBase {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
}

export interface StringOption extends OptionBase {
  readonly type: 'string';
  readonly choices?: readonly string[];
  /** Suggestions come from the database as the user types. */
  readonly autocomplete?: 'lab' | 'org' | 'model';
  readonly maxLength?: number;
  readonly default?: string;
  /** Checked and normalised centrally: a country code, a Hub org, or comma-separated lists of them. */
  readonly format?: 'country' | 'org' | 'countries' | 'list';
  /** A placeholder for usage text, e.g. `CN`. */
  readonly example?: string;
}

export interface IntegerOption extends OptionBase {
  readonly type: 'integer';
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}

export interface NumberOption extends OptionBase {
  readonly type: 'number';
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}

export interface BooleanOption extends OptionBase {
  readonly type: 'boolean';
  readonly default?: boolean;
}

export type OptionDef = StringOption | IntegerOption | NumberOption | BooleanOption;

type ValueOf<O> = O extends { type: 'integer' | 'number' } ? number : O extends { type: 'boolean' } ? boolean : string;
type Known<O> = O extends { required: true } ? true : O extends { default: unknown } ? true : false;

/** The validated arguments of a command, typed from its option definitions. */
export type ArgsOf<Opts extends readonly OptionDef[]> = {
  [O in Opts[number] as O['name']]: Known<O> extends true ? ValueOf<O> : ValueOf<O> | undefined;
};

export type ArgValue = string | number | boolean;
export type RawArgs = Readonly<Record<string, ArgValue | undefined>>;

/** Who asked, where, platform-neutral. `destination` is opaque outside its platform. */
export interface Invocation {
  workspace: { id: string; platform: string };
  channel: { id: string; destination: string };
  user: { id: string; isAdmin: boolean };
  /** Validated and defaulted arguments. */
  args: RawArgs;
}

export interface CommandContext {
  services: Services;
  /** Every command there is: replies name other commands, and each platform spells those names its own way. */
  commands: readonly TopCommand[];
  now: () => Date;
  hubUrl: string;
  logger: Logger;
}

/** A command named in a reply (`/alerts list`), with option placeholders; each platform spells it. */
export interface CommandRef {
  readonly command: readonly string[];
  readonly args?: string;
}

export type Inline =
  | string
  | { readonly text: string; readonly url: string }
  | { readonly bold: string }
  | { readonly code: string }
  | CommandRef;

export type ReplyBlock =
  | { readonly type: 'text'; readonly text: readonly Inline[] }
  | { readonly type: 'list'; readonly items: readonly (readonly Inline[])[] }
  | {
      readonly type: 'fields';
      readonly fields: readonly { readonly name: string; readonly value: readonly Inline[] }[];
    }
  | {
      readonly type: 'bars';
      readonly rows: readonly { readonly label: string; readonly value: number; readonly share: number }[];
    }
  | { readonly type: 'note'; readonly text: readonly Inline[] };

/**
 * A chart of a reply's numbers, platform-neutral: one bar per `x`, split into stacked parts by `series`
 * when there are several. A series that is a country (`byCountry`) keeps one fixed colour everywhere.
 */
export interface ChartSpec {
  readonly kind: 'bars' | 'stacked-bars';
  readonly title: string;
  readonly xTitle?: string;
  readonly yTitle?: string;
  /** Series are ISO country codes, coloured by country. */
  readonly byCountry: boolean;
  /** In the order to draw them: x values keep their first appearance. */
  readonly points: readonly { readonly x: string; readonly series: string; readonly value: number }[];
}

/** What a command answers, platform-neutral; each platform lays it out its own way. */
export interface Reply {
  /** Only the asker sees an ephemeral reply. */
  readonly ephemeral: boolean;
  /** Set on a refusal (bad input, not allowed, a failure): the CLI exits 2 on one. */
  readonly error?: boolean;
  readonly title?: string;
  readonly url?: string;
  readonly blocks: readonly ReplyBlock[];
  /**
   * The numbers behind the blocks, as plain JSON-ready data (`run … --json` prints them; a chart can be
   * drawn from them). Platforms show the blocks and may ignore this.
   */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Drawn as a picture where the platform can show one; the blocks always stay, for text-only clients. */
  readonly chart?: ChartSpec;
}

export interface CommandDef<Opts extends readonly OptionDef[] = readonly OptionDef[]> {
  readonly name: string;
  readonly description: string;
  /** Only workspace admins may run it; checked at run time on every platform. */
  readonly admin?: boolean;
  readonly options: Opts;
  /** Whether the answer goes to the channel (true) or only to the asker. */
  readonly public?: boolean;
  run(ctx: CommandContext, invocation: Invocation & { args: ArgsOf<Opts> }): Promise<Reply>;
}

/** A top-level command: either runs itself, or groups subcommands (`/labs list`). */
export type CommandGroup = {
  readonly name: string;
  readonly description: string;
  readonly subcommands: readonly CommandDef[];
};
export type TopCommand = CommandDef | CommandGroup;

export function isGroup(command: TopCommand): command is CommandGroup {
  return 'subcommands' in command;
}

/** Keeps the option names literal so `run` sees typed arguments. */
export function defineCommand<const Opts extends readonly OptionDef[]>(def: CommandDef<Opts>): CommandDef {
  return def as unknown as CommandDef;
}
