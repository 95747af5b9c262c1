// Advance widths of DejaVu Sans in ems, by kind of character: close enough for ECharts to lay out
// labels and the legend without a canvas (its own guess is for a narrower font).
const NARROW = new Set("iljtfr.,:;'!|()[] ");
const WIDE = new Set('MWmw@%');

export function textWidth(text: string, font: string | undefined): { width: number } {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
  const bold = /bold|[6-9]00/.test(font ?? '') ? 1.08 : 1;
  let ems = 0;
  for (const char of text) {
    if (NARROW.has(char)) ems += 0.34;
    else if (WIDE.has(char)) ems += 0.9;
    else if (char >= 'A' && char <= 'Z') ems += 0.7;
    else ems += 0.6;
  }
  return { width: ems * size * bold };
}
