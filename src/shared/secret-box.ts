import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (a bot token in the database): AES-256-GCM, a fresh 12-byte nonce per value, and
 * the id of the key that sealed it, so a value sealed with an older key can still be opened while
 * a key is rotated. `context` is bound to the value as associated data (e.g. the row it belongs to),
 * so a sealed value copied into another row does not open there.
 *
 * Format: `fw1.<key id>.<nonce>.<ciphertext>.<tag>`, each part after the key id base64url.
 */
export interface SecretBox {
  /** The id of the key new values are sealed with. */
  readonly keyId: string;
  seal(plain: string, context: string): string;
  /** Throws SecretBoxError when the value is not ours, was sealed with a key not given, or was changed. */
  open(sealed: string, context: string): string;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export const SECRET_KEY_BYTES = 32;
const VERSION = 'fw1';
const NONCE_BYTES = 12;
// Checked on opening too: a shortened tag would be easier to forge.
const TAG_BYTES = 16;

/** 8 hex digits that name a key without revealing it (a labelled SHA-256, never the key itself). */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('floodwatch secret key id\0').update(key).digest('hex').slice(0, 8);
}

/** 32 bytes written as 64 hex digits or as base64 (standard or url-safe, padding optional); otherwise undefined. */
export function decodeSecretKey(text: string): Buffer | undefined {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return undefined;
  const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === SECRET_KEY_BYTES ? bytes : undefined;
}

/** The key id a sealed value names, or undefined when it is not a sealed value. */
export function sealedKeyId(sealed: string): string | undefined {
  const parts = sealed.split('.');
  return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
}

/** Seals with `current`; opens what `current` or any of `previous` sealed. */
export function createSecretBox(keys: { current: Buffer; previous?: readonly Buffer[] }): SecretBox {
  for (const key of [keys.current, ...(keys.previous ?? [])])
    if (key.length !== SECRET_KEY_BYTES) throw new SecretBoxError(`a secret key must be ${SECRET_KEY_BYTES} bytes`);
  const byId = new Map([keys.current, ...(keys.previous ?? [])].map((key) => [keyIdOf(key), key]));
  const keyId = keyIdOf(keys.current);
  return {
    keyId,
    seal(plain, context) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keys.current, nonce);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, keyId, nonce.toString('base64url'), body.toString('base64url'), tag.toString('base64url')].join(
        '.',
      );
    },
    open(sealed, context) {
      const parts = sealed.split('.');
      if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError('not a sealed value');
      const [, id, nonce, body, tag] = parts as [string, string, string, string, string];
      const key = byId.get(id);
      if (key === undefined) throw new SecretBoxError(`sealed with key ${id}, which is not configured`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError(`a value sealed with key ${id} does not open: it was changed, or belongs elsewhere`);
      }
    },
  };
}
