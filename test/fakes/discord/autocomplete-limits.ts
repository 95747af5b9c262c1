import { addBadLength, addFormError, addTooLong, type FormErrors } from './form-errors.js';
import type { Json } from './types.js';

export const AUTOCOMPLETE_LIMITS = { choices: 25, name: 100, value: 100 };

function length(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}

/** Checks the `data` of a type 8 callback: at most 25 choices, names 1–100, string values up to 100. */
export function checkAutocompleteLimits(data: Json, errors: FormErrors): void {
  const choices = data.choices;
  if (!Array.isArray(choices)) {
    addFormError(errors, ['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  const { choices: maxChoices } = AUTOCOMPLETE_LIMITS;
  if (choices.length > maxChoices) addTooLong(errors, ['data', 'choices'], maxChoices);
  choices.forEach((choice: Json, index: number) => {
    const nameSize = length(choice?.name);
    if (nameSize < 1 || nameSize > AUTOCOMPLETE_LIMITS.name) {
      addBadLength(errors, ['data', 'choices', index, 'name'], 1, AUTOCOMPLETE_LIMITS.name);
    }
    if (length(choice?.value) > AUTOCOMPLETE_LIMITS.value) {
      addTooLong(errors, ['data', 'choices', index, 'value'], AUTOCOMPLETE_LIMITS.value);
    }
  });
}
