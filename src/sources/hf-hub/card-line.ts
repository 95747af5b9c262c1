/** The longest card line kept: one sentence, a sane length for an alert. */
export const CARD_LINE_MAX = 220;
const MIN_WORDS = 4;

function stripFrontMatter(text: string): string {
  const match = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---[^\n]*(?:\r?\n|$)/.exec(text);
  return match ? text.slice(match[0].length) : text;
}

/** Inline markdown and HTML reduced to their words. */
function plainInline(line: string): string {
  return line
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '') // images
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links keep their text
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]*>/g, '') // inline HTML
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(?<![\w*])[*_](\S[^*_]*?)[*_](?![\w*])/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A line that is no prose: heading, table row, quote, list item, rule, HTML, or only links, badges and images. */
function isNoise(line: string): boolean {
  if (/^(#{1,6}\s|\||>|[-*+]\s|\d+[.)]\s|<|={3,}|-{3,}|\*{3,}|_{3,}|\[!)/.test(line)) return true;
  const withoutLinks = line
    .replace(/\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)/g, '')
    .replace(/!?\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/[\s|·•,:;-]+/g, '');
  if (withoutLinks === '') return true;
  // A line in bold alone acts as a heading.
  return /^(\*\*|__)[^*_]+\1:?$/.test(line);
}

/** The paragraphs of prose, HTML blocks and code fences skipped. */
function proseParagraphs(body: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let fence = false;
  let htmlComment = false;
  const flush = () => {
    if (current.length > 0) paragraphs.push(current.join(' '));
    current = [];
  };
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (/^(```|~~~)/.test(line)) {
      fence = !fence;
      flush();
      continue;
    }
    if (fence) continue;
    if (htmlComment || line.startsWith('<!--')) {
      htmlComment = !line.includes('-->');
      flush();
      continue;
    }
    if (line === '' || isNoise(line)) {
      flush();
      continue;
    }
    current.push(line);
  }
  flush();
  return paragraphs;
}

/** The paragraph's first sentence: up to a full stop followed by a capital, or the end. */
function firstSentence(text: string): string {
  const cjk = /^[\s\S]*?[。！？]/.exec(text);
  const latin = /^[\s\S]*?[.!?](?=\s+["'([]?[A-Z0-9])/.exec(text);
  const ends = [cjk?.[0], latin?.[0]].filter((s): s is string => s !== undefined);
  return ends.sort((a, b) => a.length - b.length)[0] ?? text;
}

function clipWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

/**
 * The first prose sentence of a model card (its README.md), past the YAML front matter, headings,
 * badges, images, HTML, tables, lists and link-only lines, clipped to one sentence of at most
 * CARD_LINE_MAX characters. Undefined when the card has no prose.
 */
export function cardLine(card: string): string | undefined {
  for (const paragraph of proseParagraphs(stripFrontMatter(card))) {
    const text = plainInline(paragraph);
    if (!/\p{L}/u.test(text)) continue;
    const sentence = firstSentence(text).trim();
    const words = sentence.split(/\s+/).length;
    if (words < MIN_WORDS && !/[\u3400-\u9fff]/.test(sentence)) continue;
    return clipWords(sentence, CARD_LINE_MAX);
  }
  return undefined;
}
