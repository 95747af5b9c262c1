import type { Json } from './types.js';

/** Discord's nested `errors` object of a 50035 answer: `{ embeds: { 0: { description: { _errors: [...] } } } }`. */
export interface FormErrors {
  tree: Json;
  count: number;
}

export function createFormErrors(): FormErrors {
  return { tree: {}, count: 0 };
}

export function addFormError(errors: FormErrors, path: (string | number)[], code: string, message: string): void {
  let node = errors.tree;
  for (const key of path) {
    node[key] ??= {};
    node = node[key];
  }
  node._errors ??= [];
  node._errors.push({ code, message });
  errors.count += 1;
}

export function invalidFormBody(errors: FormErrors): Json {
  return { code: 50035, message: 'Invalid Form Body', errors: errors.tree };
}

export function addTooLong(errors: FormErrors, path: (string | number)[], limit: number): void {
  addFormError(errors, path, 'BASE_TYPE_MAX_LENGTH', `Must be ${limit} or fewer in length.`);
}

export function addBadLength(errors: FormErrors, path: (string | number)[], min: number, max: number): void {
  addFormError(errors, path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
}
