import type { Position } from './order.js';

interface CursorBody {
  sort: string;
  value: number | string;
  _id: string;
}

/**
 * An opaque cursor holding the sort value and `_id` of the last item sent, so the next page starts
 * right after it even if repos were added or removed above it meanwhile.
 */
export function encodeCursor(sort: string, last: Position): string {
  const body: CursorBody = { sort, value: last.value, _id: last._id };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** The position a cursor points after, or undefined when it is not one of ours for this sort. */
export function decodeCursor(cursor: string, sort: string): Position | undefined {
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
    const valueOk = typeof body.value === 'number' || typeof body.value === 'string';
    if (body.sort !== sort || !valueOk || typeof body._id !== 'string') return undefined;
    return { value: body.value as number | string, _id: body._id };
  } catch {
    return undefined;
  }
}
