import type { Logger } from 'pino';
import { cardLine } from '../sources/hf-hub/card-line.js';
import type { HubModelDetails, HubSource } from '../sources/hf-hub/client.js';
import { readConfig } from '../sources/hf-hub/model-config.js';
import { runtimesOf } from '../sources/hf-hub/runtimes.js';
import { classify } from './classify.js';

/** About 3 s for all of a poll's extra requests: an alert goes out without a slow fact rather than late. */
export const FACTS_DEADLINE_MS = 3000;
/** Originals read per poll at most: a burst of sizes gets its first ones, the others stay unknown. */
const MAX_ORIGINALS = 8;
const FILES = ['config.json', 'README.md'] as const;
type FactFile = (typeof FILES)[number];

/** What a new model's config.json, card and tags say; unknown fields are left out. */
export interface FoundFacts {
  experts?: number | undefined;
  expertsActive?: number | undefined;
  contextLength?: number | undefined;
  cardLine?: string | undefined;
  runsOn: string[];
  /** Set when both files were read (or found missing). */
  factsAt?: Date | undefined;
}

export interface FactsDeps {
  hub: HubSource;
  logger: Logger;
  now: () => Date;
  deadlineMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** What was read of each repo's files: the text, null when the Hub has no such file, absent when unread. */
export type FactFiles = Partial<Record<FactFile, string | null>>;

/**
 * Reads config.json and the card of each repo through the Hub's rate-budgeted fetch, one request at a
 * time in the order given, all of them within one deadline. A file that fails or comes too late is
 * logged and left unread; nothing here ever throws.
 */
export async function readFactFiles(
  deps: FactsDeps,
  repos: readonly { id: string; repo: string }[],
  why: string,
): Promise<Map<string, FactFiles>> {
  const files = new Map<string, FactFiles>();
  if (repos.length === 0) return files;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), deps.deadlineMs ?? FACTS_DEADLINE_MS);
  const signal = deps.signal ? AbortSignal.any([deadline.signal, deps.signal]) : deadline.signal;
  const reads = async () => {
    for (const m of repos) {
      for (const file of FILES) {
        if (signal.aborted) return;
        try {
          const text = await deps.hub.file(m.repo, file, { signal });
          if (signal.aborted) return;
          files.set(m.id, { ...files.get(m.id), [file]: text ?? null });
        } catch (error) {
          if (signal.aborted) return;
          deps.logger.warn({ repo: m.repo, file, err: error }, `model fact unavailable; ${why}`);
        }
      }
    }
  };
  await Promise.race([reads(), aborted(signal)]);
  clearTimeout(timer);
  if (deadline.signal.aborted)
    for (const m of repos)
      for (const file of FILES)
        if (files.get(m.id)?.[file] === undefined)
          deps.logger.warn({ repo: m.repo, file }, `model fact too slow; ${why}`);
  return files;
}

/**
 * Facts about a poll's new repos: from the tags for every one, and for the originals (not variants)
 * from their config.json and model card, the alert's lead model (the largest) first, within a short
 * deadline so the alert is not held up.
 */
export async function fetchFacts(
  deps: FactsDeps,
  models: readonly HubModelDetails[],
  labOrgs: ReadonlySet<string>,
): Promise<Map<string, FoundFacts>> {
  const originals = models.filter((m) => !classify(m.repo, m.lineage, labOrgs).isVariant).slice(0, MAX_ORIGINALS);
  const files = await readFactFiles(deps, originals, 'alert goes without it');
  const now = deps.now();
  const out = new Map<string, FoundFacts>();
  for (const m of models) out.set(m.id, factsOf(m, files.get(m.id) ?? {}, now));
  return out;
}

function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The facts in what was read of a repo's files, with its tags and library; `factsAt` once both files were read. */
export function factsOf(
  m: { tags?: readonly string[] | undefined; library?: string | undefined },
  read: FactFiles,
  now: Date,
): FoundFacts {
  const config = readConfig(parseJson(read['config.json']));
  const card = read['README.md'] ?? undefined;
  return {
    ...config,
    cardLine: card === undefined ? undefined : cardLine(card),
    runsOn: runtimesOf({ tags: m.tags, library: m.library, card }),
    factsAt: read['config.json'] !== undefined && read['README.md'] !== undefined ? now : undefined,
  };
}
