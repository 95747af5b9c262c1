const BAR_WIDTH = 12;

/** A share (0 to 1) drawn with text, the same on every platform: `████░░░░░░░░`. */
export function textBar(share: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, share)) * BAR_WIDTH);
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
}
