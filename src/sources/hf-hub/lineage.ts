export const RELATIONS = ['finetune', 'quantized', 'adapter', 'merge'] as const;
export type Relation = (typeof RELATIONS)[number];

export interface Lineage {
  /** Base repos, `org/name`, first the one the relation speaks of. */
  baseModels: string[];
  relation?: Relation | undefined;
}

const REPO = /^[\w.-]+\/[\w.-]+$/;

function isRelation(value: string): value is Relation {
  return (RELATIONS as readonly string[]).includes(value);
}

/**
 * Reads base-model lineage from the Hub's tags (`base_model:<id>` and one typed
 * `base_model:<relation>:<id>`), falling back to the model card's `base_model`.
 */
export function lineageFromTags(tags: readonly string[], cardBase?: string | string[]): Lineage {
  const bases: string[] = [];
  let relation: Relation | undefined;
  let relationBase: string | undefined;
  for (const tag of tags) {
    if (!tag.startsWith('base_model:')) continue;
    const rest = tag.slice('base_model:'.length);
    const colon = rest.indexOf(':');
    const head = colon === -1 ? '' : rest.slice(0, colon);
    if (colon !== -1 && isRelation(head)) {
      const id = rest.slice(colon + 1);
      if (!REPO.test(id)) continue;
      relation ??= head;
      relationBase ??= id;
      if (!bases.includes(id)) bases.push(id);
      continue;
    }
    if (REPO.test(rest) && !bases.includes(rest)) bases.push(rest);
  }
  const fromCard = typeof cardBase === 'string' ? [cardBase] : (cardBase ?? []);
  for (const id of fromCard) if (REPO.test(id) && !bases.includes(id)) bases.push(id);
  if (relationBase) bases.sort((a, b) => Number(b === relationBase) - Number(a === relationBase));
  return { baseModels: bases, relation };
}
