/** Replaces what must never be written: Slack tokens, OAuth fields and the secrets the app was given. */
export type Redact = (text: string) => string;

const TOKENS = /\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+/g;
// The Web API client logs request bodies at debug level, hiding only fields named like "token".
const FIELDS = /((?:client_secret|code|refresh_token|access_token|token)"?\s*[:=]\s*"?)[^"&\s,}]+/gi;
const REDACTED = '[redacted]';

export function createRedactor(secrets: readonly (string | undefined)[] = []): Redact {
  // Short values would blank out ordinary words; every secret here is long.
  const known = [...new Set(secrets.filter((s): s is string => s !== undefined && s.length >= 8))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => {
    let out = text.replace(TOKENS, REDACTED).replace(FIELDS, `$1${REDACTED}`);
    for (const secret of known) out = out.split(secret).join(REDACTED);
    return out;
  };
}

/** An error as the logger writes it, its words redacted, without the fields a library may attach. */
export function redactedError(error: Error, redact: Redact): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: redact(error.message),
    ...(error.stack ? { stack: redact(error.stack) } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
}
