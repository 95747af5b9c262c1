import { addBadLength, addFormError, addTooLong, type FormErrors } from './form-errors.js';
import type { Json } from './types.js';

export const COMMAND_LIMITS = {
  commands: 100,
  name: 32,
  description: 100,
  options: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  totalCharacters: 4000,
};

// Discord's documented pattern for chat-input command and option names.
const NAME_PATTERN = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;
const CHAT_INPUT = 1;

type Path = (string | number)[];

function length(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}

function checkChatInputName(name: unknown, errors: FormErrors, path: Path): void {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    addFormError(errors, path, 'APPLICATION_COMMAND_INVALID_NAME', `Command name must match ${NAME_PATTERN}`);
    return;
  }
  // Letters that have a lowercase form must use it.
  if (name !== name.toLowerCase()) {
    addFormError(errors, path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name must be lowercase');
  }
}

function checkDescription(description: unknown, errors: FormErrors, path: Path): void {
  const size = length(description);
  if (size < 1 || size > COMMAND_LIMITS.description) addBadLength(errors, path, 1, COMMAND_LIMITS.description);
}

function checkChoices(option: Json, errors: FormErrors, path: Path): void {
  if (!Array.isArray(option.choices)) return;
  if (option.choices.length > COMMAND_LIMITS.choices) addTooLong(errors, [...path, 'choices'], COMMAND_LIMITS.choices);
  if (option.autocomplete && option.choices.length > 0) {
    const message = 'Autocomplete cannot be set with choices';
    addFormError(errors, [...path, 'autocomplete'], 'APPLICATION_COMMAND_OPTION_INVALID', message);
  }
  option.choices.forEach((choice: Json, index: number) => {
    const nameSize = length(choice?.name);
    if (nameSize < 1 || nameSize > COMMAND_LIMITS.choiceName) {
      addBadLength(errors, [...path, 'choices', index, 'name'], 1, COMMAND_LIMITS.choiceName);
    }
    if (length(choice?.value) > COMMAND_LIMITS.choiceValue) {
      addTooLong(errors, [...path, 'choices', index, 'value'], COMMAND_LIMITS.choiceValue);
    }
  });
}

function checkOptionList(options: unknown, parentType: number | undefined, errors: FormErrors, path: Path): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    addFormError(errors, path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  if (options.length > COMMAND_LIMITS.options) addTooLong(errors, path, COMMAND_LIMITS.options);
  const nested = options.filter((o: Json) => o?.type === SUBCOMMAND || o?.type === SUBCOMMAND_GROUP).length;
  const badNesting = (message: string) =>
    addFormError(errors, path, 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', message);
  if (nested > 0 && nested < options.length) badNesting('Subcommands cannot be mixed with other options');
  if (parentType === SUBCOMMAND && nested > 0) badNesting('Subcommands cannot contain subcommands');
  if (parentType === SUBCOMMAND_GROUP && options.some((o: Json) => o?.type !== SUBCOMMAND)) {
    badNesting('Subcommand groups may only contain subcommands');
  }
  const seen = new Set<string>();
  let optionalSeen = false;
  options.forEach((option: Json, index: number) => {
    const here = [...path, index];
    if (typeof option?.type !== 'number' || option.type < 1 || option.type > 11) {
      addFormError(errors, [...here, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of 1 to 11.');
    }
    checkChatInputName(option?.name, errors, [...here, 'name']);
    checkDescription(option?.description, errors, [...here, 'description']);
    if (seen.has(option?.name)) {
      addFormError(errors, [...here, 'name'], 'APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME', 'Names must be unique');
    }
    seen.add(option?.name);
    const isNested = option?.type === SUBCOMMAND || option?.type === SUBCOMMAND_GROUP;
    if (!isNested && option?.required && optionalSeen) {
      addFormError(
        errors,
        [...here, 'required'],
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    }
    if (!isNested && !option?.required) optionalSeen = true;
    checkChoices(option ?? {}, errors, here);
    checkOptionList(option?.options, option?.type, errors, [...here, 'options']);
  });
}

/** Characters Discord counts toward a command's 4000 limit: names, descriptions, choice names and values. */
function commandSize(node: Json): number {
  const own = length(node.name) + length(node.description);
  const choices: Json[] = Array.isArray(node.choices) ? node.choices : [];
  const options: Json[] = Array.isArray(node.options) ? node.options : [];
  return (
    own +
    choices.reduce((sum, c) => sum + length(c?.name) + length(String(c?.value ?? '')), 0) +
    options.reduce((sum, o) => sum + commandSize(o ?? {}), 0)
  );
}

/** Validates one command (`path` [] for a single create) and adds violations to `errors`. */
export function checkCommandLimits(command: Json, errors: FormErrors, path: Path = []): void {
  const type = command.type ?? CHAT_INPUT;
  if (type === CHAT_INPUT) {
    checkChatInputName(command.name, errors, [...path, 'name']);
    checkDescription(command.description, errors, [...path, 'description']);
  } else {
    // User and message commands: free-form names, no description.
    const size = length(command.name);
    if (size < 1 || size > COMMAND_LIMITS.name) addBadLength(errors, [...path, 'name'], 1, COMMAND_LIMITS.name);
    if (length(command.description) > 0) {
      addFormError(errors, [...path, 'description'], 'APPLICATION_COMMAND_INVALID_DESCRIPTION', 'Must be empty');
    }
  }
  const permissions = command.default_member_permissions;
  if (permissions !== undefined && permissions !== null && !/^\d+$/.test(String(permissions))) {
    addFormError(errors, [...path, 'default_member_permissions'], 'NUMBER_TYPE_COERCE', 'Value is not int.');
  }
  checkOptionList(command.options, undefined, errors, [...path, 'options']);
  if (commandSize(command) > COMMAND_LIMITS.totalCharacters) {
    const message = `Command exceeds maximum size (${COMMAND_LIMITS.totalCharacters})`;
    addFormError(errors, path, 'APPLICATION_COMMAND_TOO_LARGE', message);
  }
}

/** Validates a bulk PUT body: the list itself, each command, and unique names per command type. */
export function checkCommandListLimits(commands: unknown, errors: FormErrors): void {
  if (!Array.isArray(commands)) {
    addFormError(errors, [], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  if (commands.length > COMMAND_LIMITS.commands) addTooLong(errors, [], COMMAND_LIMITS.commands);
  const seen = new Set<string>();
  commands.forEach((command: Json, index: number) => {
    checkCommandLimits(command ?? {}, errors, [index]);
    const key = `${command?.type ?? CHAT_INPUT}:${command?.name}`;
    if (seen.has(key)) {
      const message = 'Application command names must be unique';
      addFormError(errors, [index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', message);
    }
    seen.add(key);
  });
}
