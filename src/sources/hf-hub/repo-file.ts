import { HubUnavailableError, toHubError } from './errors.js';

const DEFAULT_MAX_BYTES = 256 * 1024;

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  const bytes = Buffer.concat(chunks).subarray(0, maxBytes);
  // A cut in the middle of a character drops that character, nothing else.
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/\uFFFD$/, '');
}

/**
 * `GET {hub}/{repo}/resolve/main/{path}` through the injected fetch: the text of a file, at most
 * `maxBytes` of it; undefined for a missing repo or file and for one the caller may not read (a gated
 * repo answers 401 or 403). Any other failure is a HubUnavailableError.
 */
export async function readRepoFile(
  options: {
    hubUrl: string;
    accessToken?: string | undefined;
    fetch: typeof fetch;
    signal?: AbortSignal | undefined;
    maxBytes?: number | undefined;
  },
  repo: string,
  path: string,
): Promise<string | undefined> {
  const repoPath = repo.split('/').map(encodeURIComponent).join('/');
  const url = `${options.hubUrl.replace(/\/$/, '')}/${repoPath}/resolve/main/${path}`;
  try {
    const response = await options.fetch(url, {
      ...(options.accessToken ? { headers: { Authorization: `Bearer ${options.accessToken}` } } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if ([401, 403, 404].includes(response.status)) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new HubUnavailableError(
        `hub answered ${response.status}`,
        response.status === 429 ? 'rate-limited' : 'status',
        {
          status: response.status,
          url,
        },
      );
    }
    return await readCapped(response, options.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (error) {
    throw toHubError(error);
  }
}
