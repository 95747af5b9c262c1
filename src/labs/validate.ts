import { countryName } from '../format/flag.js';
import { UserError } from '../shared/user-error.js';

const ORG = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?$/;

/** A Hub org or user name, as the Hub allows them. */
export function parseOrg(input: string): string {
  const org = input
    .trim()
    .replace(/^https?:\/\/huggingface\.co\//, '')
    .replace(/\/+$/, '');
  if (!ORG.test(org) || /[-._]{2}/.test(org)) {
    throw new UserError(
      `"${input}" is not a Hugging Face org name (letters, digits, "-", "_" and "." only, e.g. deepseek-ai)`,
    );
  }
  return org;
}

/** An ISO 3166-1 alpha-2 country code, upper-cased. */
export function parseCountry(input: string): string {
  const code = input.trim().toUpperCase();
  if (countryName(code) === undefined) {
    throw new UserError(`"${input}" is not an ISO 3166-1 alpha-2 country code (e.g. CN, US, FR)`);
  }
  return code;
}

export function parseLabName(input: string): string {
  const name = input.trim().replace(/\s+/g, ' ');
  if (name.length < 1 || name.length > 80) throw new UserError('a lab name must be 1 to 80 characters long');
  return name;
}
