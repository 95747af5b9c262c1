import { decodeSecretKey } from '../shared/secret-box.js';
import { SettingError } from './setting-error.js';

export const SECRET_KEY_VARIABLE = 'FLOODWATCH_SECRET_KEY';
export const PREVIOUS_SECRET_KEY_VARIABLE = 'FLOODWATCH_SECRET_KEY_PREVIOUS';

const FORMAT = 'must be 32 random bytes as 64 hex digits or as base64 (make one with `openssl rand -hex 32`)';

/** A key is a secret: a message says how long the value is, never what it is. */
function hidden(value: string): string {
  return `${value.trim().length} characters, not shown`;
}

function decode(variable: string, value: string): Buffer {
  const key = decodeSecretKey(value);
  if (key === undefined) throw new SettingError(variable, hidden(value), FORMAT);
  return key;
}

/**
 * The key that seals secrets at rest and, while a key is being rotated, the one it replaces. A value
 * that is not 32 bytes in hex or base64 is a SettingError naming its variable.
 */
export function readSecretKeys(env: {
  FLOODWATCH_SECRET_KEY?: string | undefined;
  FLOODWATCH_SECRET_KEY_PREVIOUS?: string | undefined;
}): { current: Buffer; previous?: Buffer } {
  const current = env.FLOODWATCH_SECRET_KEY;
  if (current === undefined)
    throw new SettingError(SECRET_KEY_VARIABLE, 'not set', `is needed to seal and open stored secrets; ${FORMAT}`);
  const key = decode(SECRET_KEY_VARIABLE, current);
  const previous = env.FLOODWATCH_SECRET_KEY_PREVIOUS;
  return previous === undefined
    ? { current: key }
    : { current: key, previous: decode(PREVIOUS_SECRET_KEY_VARIABLE, previous) };
}
