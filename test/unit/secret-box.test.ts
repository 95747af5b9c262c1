import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readSecretKeys } from '../../src/config/secret-keys.js';
import { SettingError } from '../../src/config/setting-error.js';
import { createSecretBox, decodeSecretKey, keyIdOf, SecretBoxError, sealedKeyId } from '../../src/shared/secret-box.js';

const KEY = Buffer.alloc(32, 7);
const OTHER = Buffer.alloc(32, 9);
const TOKEN = 'xoxb-1111-2222-secretsecret';

describe('secret box', () => {
  it('seals a value that opens again, names its key, and never holds the plain text', () => {
    const box = createSecretBox({ current: KEY });

    const sealed = box.seal(TOKEN, 'team:T1');

    expect(sealed).not.toContain(TOKEN);
    expect(sealed).not.toContain(KEY.toString('hex'));
    expect(sealedKeyId(sealed)).toBe(keyIdOf(KEY));
    expect(box.keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(box.open(sealed, 'team:T1')).toBe(TOKEN);
  });

  it('seals the same value differently each time', () => {
    const box = createSecretBox({ current: KEY });
    expect(box.seal(TOKEN, 'x')).not.toBe(box.seal(TOKEN, 'x'));
  });

  it('refuses a value moved to another context, changed, or sealed with a key it does not have', () => {
    const box = createSecretBox({ current: KEY });
    const sealed = box.seal(TOKEN, 'team:T1');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    const changed = [...parts.slice(0, 3), body.toString('base64url'), parts[4]].join('.');
    const shortTag = [...parts.slice(0, 4), Buffer.from(parts[4]!, 'base64url').subarray(0, 4).toString('base64url')];

    expect(() => box.open(sealed, 'team:T2')).toThrow(SecretBoxError);
    expect(() => box.open(changed, 'team:T1')).toThrow(SecretBoxError);
    expect(() => box.open(shortTag.join('.'), 'team:T1')).toThrow(SecretBoxError);
    expect(() => box.open(TOKEN, 'team:T1')).toThrow('not a sealed value');
    expect(() => createSecretBox({ current: OTHER }).open(sealed, 'team:T1')).toThrow(
      `sealed with key ${keyIdOf(KEY)}, which is not configured`,
    );
  });

  it('opens what the previous key sealed and seals only with the current one', () => {
    const old = createSecretBox({ current: KEY });
    const rotating = createSecretBox({ current: OTHER, previous: [KEY] });
    const sealed = old.seal(TOKEN, 'c');

    expect(rotating.open(sealed, 'c')).toBe(TOKEN);
    expect(sealedKeyId(rotating.seal(TOKEN, 'c'))).toBe(keyIdOf(OTHER));
  });
});

describe('secret keys from the environment', () => {
  it('reads 32 bytes as hex or base64, standard or url-safe', () => {
    const bytes = randomBytes(32);
    for (const text of [
      bytes.toString('hex'),
      bytes.toString('hex').toUpperCase(),
      bytes.toString('base64'),
      bytes.toString('base64url'),
    ])
      expect(decodeSecretKey(text)).toEqual(bytes);
  });

  it('refuses anything else with a SettingError that names the variable and never shows the value', () => {
    const short = randomBytes(16).toString('hex');
    const attempts = [
      { FLOODWATCH_SECRET_KEY: short },
      { FLOODWATCH_SECRET_KEY: 'correct horse battery staple, quite long enough!' },
      { FLOODWATCH_SECRET_KEY: randomBytes(33).toString('base64') },
      { FLOODWATCH_SECRET_KEY: randomBytes(32).toString('hex'), FLOODWATCH_SECRET_KEY_PREVIOUS: short },
    ];
    for (const env of attempts) {
      let error: unknown;
      try {
        readSecretKeys(env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SettingError);
      const setting = error as SettingError;
      expect(setting.variable).toBe(
        env.FLOODWATCH_SECRET_KEY_PREVIOUS ? 'FLOODWATCH_SECRET_KEY_PREVIOUS' : 'FLOODWATCH_SECRET_KEY',
      );
      expect(setting.message).toContain('64 hex digits or as base64');
      for (const value of Object.values(env)) expect(setting.message).not.toContain(value);
    }
  });

  it('names the variable when it is not set at all', () => {
    expect(() => readSecretKeys({})).toThrow(/^FLOODWATCH_SECRET_KEY \(not set\)/);
  });
});
