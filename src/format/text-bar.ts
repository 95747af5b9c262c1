const BAR_WIDTH = 12;

/** A share (0 to 1) drawn with text, the same on every platform: `████░░░░░░░░`. */
export function textBar(share: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, share)) * BAR_WIDTH);
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
}

/** One bar row, worded the same on every platform: `████░░░░ label · 41.7% (5)`; the label is already escaped. */
export function barLine(row: { share: number; value: number }, label: string): string {
  return `\`${textBar(row.share)}\` ${label} · ${(row.share * 100).toFixed(1)}% (${row.value.toLocaleString('en-US')})`;
}
