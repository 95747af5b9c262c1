import { readSecretKeys } from '../config/secret-keys.js';
import { createSecretBox, type SecretBox } from '../shared/secret-box.js';

/** The box that seals with FLOODWATCH_SECRET_KEY and also opens what FLOODWATCH_SECRET_KEY_PREVIOUS sealed. */
export function secretBoxFromConfig(config: {
  FLOODWATCH_SECRET_KEY?: string | undefined;
  FLOODWATCH_SECRET_KEY_PREVIOUS?: string | undefined;
}): SecretBox {
  const keys = readSecretKeys(config);
  return createSecretBox({ current: keys.current, previous: keys.previous ? [keys.previous] : [] });
}
