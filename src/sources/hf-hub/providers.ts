/** An inference provider serving a model, as the Hub's `inferenceProviderMapping` says. */
export interface Provider {
  provider: string;
  /** `live` or `staging` on the Hub; kept as given. */
  status: string;
}

function entry(provider: unknown, value: unknown): Provider | undefined {
  if (typeof provider !== 'string' || provider === '' || typeof value !== 'object' || value === null) return undefined;
  const status = (value as { status?: unknown }).status;
  return { provider, status: typeof status === 'string' ? status : 'unknown' };
}

/**
 * Reads `inferenceProviderMapping` in either shape the Hub has answered: an object keyed by provider
 * (`{ "together": { status, providerId, task } }`) or a list of `{ provider, status, providerId, task }`.
 * Undefined when the field is absent or unreadable (nothing known), an empty list when it says none.
 */
export function parseProviders(raw: unknown): Provider[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const out: Provider[] = [];
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const found = entry((item as { provider?: unknown } | null)?.provider, item);
      if (found) out.push(found);
    }
  } else if (typeof raw === 'object') {
    for (const [provider, value] of Object.entries(raw)) {
      const found = entry(provider, value);
      if (found) out.push(found);
    }
  } else {
    return undefined;
  }
  const seen = new Set<string>();
  return out.filter((p) => !seen.has(p.provider) && seen.add(p.provider));
}
