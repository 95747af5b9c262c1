import { z } from 'zod';

/**
 * A Hub webhook (v3) as far as floodwatch reads it; anything else in the body is ignored. `event` was a
 * plain string in v2, so such a body fails here and is answered 400.
 */
const hubEventSchema = z.object({
  event: z.object({ action: z.string(), scope: z.string() }),
  repo: z.object({ type: z.string(), name: z.string().min(1) }),
  updatedConfig: z.object({ private: z.boolean().optional() }).optional(),
  movedTo: z.object({ name: z.string().min(1) }).optional(),
});

export type HubEvent = z.infer<typeof hubEventSchema>;

/** What a webhook asks of floodwatch: poll these orgs, or nothing, and why. */
export type HubEventMeaning = { poll: string[] } | { ignore: string };

export function parseHubEvent(body: unknown): HubEvent | undefined {
  const parsed = hubEventSchema.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}

const orgOf = (name: string) => (name.includes('/') ? name.split('/')[0]! : undefined);

/**
 * A model repo created, made public or moved may be a release: poll its org (and, for a move, the org
 * it moved to). Everything else (content pushes, discussions, datasets, spaces) is not news here.
 */
export function meaningOf(event: HubEvent): HubEventMeaning {
  if (event.repo.type !== 'model') return { ignore: `a ${event.repo.type} repo` };
  const { action, scope } = event.event;
  const madePublic = action === 'update' && scope === 'repo.config' && event.updatedConfig?.private === false;
  const relevant = (action === 'create' && scope === 'repo') || action === 'move' || madePublic;
  if (!relevant) return { ignore: `${action} on ${scope}` };
  const orgs = [orgOf(event.repo.name), event.movedTo && orgOf(event.movedTo.name)].filter(
    (org): org is string => org !== undefined,
  );
  if (orgs.length === 0) return { ignore: 'a repo without an org' };
  return { poll: [...new Set(orgs)] };
}
