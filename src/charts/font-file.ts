import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The one font charts are drawn with, shipped in assets/fonts with its licence, so every machine draws alike. */
export const FONT_FAMILY = 'DejaVu Sans';

// From the sources (src/charts/); up from the bundle in dist/ or from one of its chunks.
const candidates = ['../../assets/fonts', '../assets/fonts'].map((dir) =>
  fileURLToPath(new URL(`${dir}/DejaVuSans.ttf`, import.meta.url)),
);

export function fontFile(): string {
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`the chart font is missing (looked for ${candidates.join(', ')})`);
  return found;
}
