/** The Hub did not give a usable answer this time: a warning and a later retry, never a bug. */
export class HubUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: 'rate-limited' | 'status' | 'timeout' | 'network' | 'malformed',
    readonly details: { status?: number; url?: string; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'HubUnavailableError';
  }
}

interface MaybeHubApiError {
  name?: unknown;
  statusCode?: unknown;
  url?: unknown;
}

/** Maps what the Hub client can throw to HubUnavailableError; anything else is returned as is. */
export function toHubError(error: unknown): unknown {
  if (error instanceof HubUnavailableError) return error;
  const e = error as MaybeHubApiError;
  if (e && typeof e === 'object' && typeof e.statusCode === 'number') {
    const url = typeof e.url === 'string' ? e.url : undefined;
    return new HubUnavailableError(`hub answered ${e.statusCode}`, e.statusCode === 429 ? 'rate-limited' : 'status', {
      status: e.statusCode,
      ...(url ? { url } : {}),
    });
  }
  if (error instanceof SyntaxError) return new HubUnavailableError('hub sent malformed JSON', 'malformed');
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new HubUnavailableError('hub request timed out', 'timeout');
  }
  if (error instanceof TypeError && /fetch failed|terminated|socket/i.test(error.message)) {
    return new HubUnavailableError(`hub unreachable: ${error.message}`, 'network');
  }
  return error;
}
