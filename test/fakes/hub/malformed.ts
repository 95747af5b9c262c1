import type { Answer } from './answer.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** A 200 whose body is the real answer cut in half: JSON content type, unparseable body. */
export function truncatedJson(answer: Answer): Answer {
  const full = answer.status === 200 && answer.json !== undefined ? JSON.stringify(answer.json) : '[]';
  return {
    status: 200,
    text: full.slice(0, Math.max(1, Math.floor(full.length / 2))),
    headers: { 'content-type': JSON_TYPE },
  };
}

function broken(item: unknown): Record<string, unknown> {
  const source = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : { id: 'broken/item' };
  const { _id: _dropped, ...rest } = source;
  return { ...rest, createdAt: 'not-a-date' };
}

/** The real answer with one item broken (no `_id`, `createdAt` not a date) among the good ones. */
export function withBrokenItem(answer: Answer): Answer {
  if (answer.status !== 200) return answer;
  if (Array.isArray(answer.json)) {
    const items: unknown[] = [...answer.json];
    const at = Math.floor(items.length / 2);
    items.splice(at, items.length > 0 ? 1 : 0, broken(items[at]));
    return { ...answer, json: items };
  }
  if (answer.json !== null && typeof answer.json === 'object') return { ...answer, json: broken(answer.json) };
  return answer;
}
