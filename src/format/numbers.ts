/** A parameter count as people say it: 685B, 1.5B, 135M, 1T. */
export function formatParams(params: number | null | undefined): string | undefined {
  if (params == null || params <= 0) return undefined;
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, unit] of units) {
    if (params < size) continue;
    const value = params / size;
    return `${value >= 100 ? Math.round(value) : Number(value.toPrecision(value >= 10 ? 3 : 2))}${unit}`;
  }
  return String(params);
}

/** A count with thin grouping: 1.2M, 45.3K, 812. */
export function formatCount(n: number): string {
  if (n >= 1e6) return `${Number((n / 1e6).toFixed(1))}M`;
  if (n >= 1e3) return `${Number((n / 1e3).toFixed(1))}K`;
  return String(n);
}

/** `2026-11-29 08:04 UTC`. */
export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
