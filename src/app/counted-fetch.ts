import { hubRateLimited, hubRequests } from '../shared/metrics.js';

/** The Hub's `fetch`, counted for `/metrics`: every answer by status, and each 429. */
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
    return response;
  };
}
