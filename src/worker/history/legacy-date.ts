// The Hub imported its oldest repos on 2022-03-02 and gave them all that moment (23:29:04 or :05) as
// their creation time: such a date says nothing about when the model came out.
const IMPORT_START = Date.parse('2022-03-02T23:29:00.000Z');
const IMPORT_END = Date.parse('2022-03-02T23:30:00.000Z');

/** Whether a repo's `createdAt` is the Hub's legacy import date (or missing), so the repo is undated. */
export function isUndated(createdAt: Date | null | undefined): boolean {
  if (createdAt == null) return true;
  const t = createdAt.getTime();
  return t >= IMPORT_START && t < IMPORT_END;
}

export { LEGACY_IMPORT_DATE } from '../../shared/legacy-import-date.js';
