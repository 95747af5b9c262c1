import { hubRateBudget, hubRateLimited, hubRequests } from '../shared/metrics.js';
import { parseRateLimit } from '../sources/hf-hub/rate-limit.js';

/** The Hub's `fetch`, counted for `/metrics`: every answer by status, each 429, and the budget the Hub reports. */
export function countedFetch(base: typeof fetch): typeof fetch {
  return async function counted(input, init) {
    let response: Response;
    try {
      response = await base(input, init);
    } catch (error) {
      hubRequests.inc({ status: 'error' });
      throw error;
    }
    hubRequests.inc({ status: String(response.status) });
    if (response.status === 429) hubRateLimited.inc();
    const { remaining } = parseRateLimit(response.headers.get('ratelimit'));
    if (remaining !== undefined) hubRateBudget.set(remaining);
    return response;
  };
}
