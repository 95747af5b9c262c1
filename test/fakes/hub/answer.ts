/** What a route decided to send, before faults, rate-limit headers and serialization. */
export interface Answer {
  status: number;
  /** Serialized as JSON when present. */
  json?: unknown;
  /** Sent as text/plain when `json` is absent. */
  text?: string;
  headers?: Record<string, string>;
}

export function jsonAnswer(status: number, json: unknown, headers?: Record<string, string>): Answer {
  return headers ? { status, json, headers } : { status, json };
}

/** The Hub's error shape: `{ error }`, with the message (and a code when it has one) in headers too. */
export function hubError(status: number, message: string, code?: string): Answer {
  const headers: Record<string, string> = { 'X-Error-Message': message };
  if (code !== undefined) headers['X-Error-Code'] = code;
  return { status, json: { error: message }, headers };
}

export function notFoundRoute(): Answer {
  return hubError(404, "Sorry, we can't find the page you are looking for.");
}
