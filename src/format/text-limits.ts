/** Cuts text to `max` characters (UTF-16 units, the stricter count), marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Joins lines up to `max` characters, then says how many were left out. */
export function joinLines(lines: readonly string[], max: number): string {
  const out: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const more = `… and ${lines.length - i} more`;
    if (length + line.length + 1 > max - more.length - 1) {
      out.push(more);
      break;
    }
    out.push(line);
    length += line.length + 1;
  }
  return clip(out.join('\n'), max);
}
