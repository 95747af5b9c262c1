/**
 * Block Kit and message limits the fake enforces, with Slack-style error details
 * (`<problem> [json-pointer:/blocks/0/text/text]`). Lengths count UTF-16 code units, the stricter
 * reading, so text that passes here also passes Slack.
 */

export const MAX_TEXT_LENGTH = 40_000;
export const MAX_BLOCKS = 50;
export const MAX_HEADER_TEXT = 150;
export const MAX_SECTION_TEXT = 3_000;
export const MAX_SECTION_FIELDS = 10;
export const MAX_SECTION_FIELD_TEXT = 2_000;
export const MAX_CONTEXT_ELEMENTS = 10;
export const MAX_ACTIONS_ELEMENTS = 25;
export const MAX_BUTTON_TEXT = 75;
export const MAX_BUTTON_VALUE = 2_000;
export const MAX_URL = 3_000;
export const MAX_ALT_TEXT = 2_000;
export const MAX_BLOCK_ID = 255;
export const MAX_ACTION_ID = 255;
export const MAX_MARKDOWN_BLOCK_TEXT = 12_000;
export const MAX_TABLE_ROWS = 100;

const KNOWN_BLOCK_TYPES = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'table',
  'video',
]);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns Slack-style problem strings; an empty list means the blocks are acceptable. */
export function validateBlocks(blocks: unknown): string[] {
  const errors: string[] = [];
  if (!Array.isArray(blocks)) return ['must be an array [json-pointer:/blocks]'];
  if (blocks.length > MAX_BLOCKS) errors.push(`no more than ${MAX_BLOCKS} items allowed [json-pointer:/blocks]`);

  const blockIds = new Set<string>();
  let tables = 0;
  blocks.forEach((block, index) => {
    const at = `/blocks/${index}`;
    if (!isObject(block)) {
      errors.push(`must be an object [json-pointer:${at}]`);
      return;
    }
    if (typeof block.block_id === 'string') {
      checkLength(block.block_id, MAX_BLOCK_ID, `${at}/block_id`, errors);
      if (blockIds.has(block.block_id)) errors.push(`duplicate block_id [json-pointer:${at}/block_id]`);
      blockIds.add(block.block_id);
    }
    if (block.type === 'table') tables += 1;
    validateBlock(block, at, errors);
  });
  if (tables > 1) errors.push('only one table block is allowed per message [json-pointer:/blocks]');
  return errors;
}

function validateBlock(block: Json, at: string, errors: string[]): void {
  const type = block.type;
  if (typeof type !== 'string' || !KNOWN_BLOCK_TYPES.has(type)) {
    errors.push(`unsupported block type ${JSON.stringify(type)} [json-pointer:${at}/type]`);
    return;
  }
  switch (type) {
    case 'header':
      checkTextObject(block.text, `${at}/text`, MAX_HEADER_TEXT, errors, { plainOnly: true, required: true });
      return;
    case 'section':
      validateSection(block, at, errors);
      return;
    case 'context':
      validateElements(block.elements, `${at}/elements`, MAX_CONTEXT_ELEMENTS, errors);
      return;
    case 'actions':
      validateElements(block.elements, `${at}/elements`, MAX_ACTIONS_ELEMENTS, errors);
      return;
    case 'image':
      validateImage(block, at, errors);
      if (block.title !== undefined)
        checkTextObject(block.title, `${at}/title`, MAX_ALT_TEXT, errors, { plainOnly: true });
      return;
    case 'markdown':
      if (typeof block.text !== 'string') errors.push(`must provide a string [json-pointer:${at}/text]`);
      else checkLength(block.text, MAX_MARKDOWN_BLOCK_TEXT, `${at}/text`, errors);
      return;
    case 'table':
      if (!Array.isArray(block.rows)) errors.push(`must provide an array [json-pointer:${at}/rows]`);
      else if (block.rows.length > MAX_TABLE_ROWS) {
        errors.push(`no more than ${MAX_TABLE_ROWS} items allowed [json-pointer:${at}/rows]`);
      }
      return;
    default:
      // divider, rich_text, input, file, video: accepted as given.
      return;
  }
}

function validateSection(block: Json, at: string, errors: string[]): void {
  if (block.text === undefined && block.fields === undefined) {
    errors.push(`must provide either text or fields [json-pointer:${at}]`);
  }
  if (block.text !== undefined) checkTextObject(block.text, `${at}/text`, MAX_SECTION_TEXT, errors, { required: true });
  if (block.fields !== undefined) {
    if (!Array.isArray(block.fields)) {
      errors.push(`must provide an array [json-pointer:${at}/fields]`);
    } else {
      if (block.fields.length > MAX_SECTION_FIELDS) {
        errors.push(`no more than ${MAX_SECTION_FIELDS} items allowed [json-pointer:${at}/fields]`);
      }
      block.fields.forEach((field, i) =>
        checkTextObject(field, `${at}/fields/${i}`, MAX_SECTION_FIELD_TEXT, errors, { required: true }),
      );
    }
  }
  if (block.accessory !== undefined) validateElement(block.accessory, `${at}/accessory`, errors);
}

function validateElements(elements: unknown, at: string, max: number, errors: string[]): void {
  if (!Array.isArray(elements) || elements.length === 0) {
    errors.push(`must provide a non-empty array [json-pointer:${at}]`);
    return;
  }
  if (elements.length > max) errors.push(`no more than ${max} items allowed [json-pointer:${at}]`);
  elements.forEach((element, i) => validateElement(element, `${at}/${i}`, errors));
}

function validateElement(element: unknown, at: string, errors: string[]): void {
  if (!isObject(element)) {
    errors.push(`must be an object [json-pointer:${at}]`);
    return;
  }
  if (element.type === 'plain_text' || element.type === 'mrkdwn') {
    checkTextObject(element, at, MAX_SECTION_TEXT, errors, { required: true });
    return;
  }
  if (element.type === 'image') {
    validateImage(element, at, errors);
    return;
  }
  if (typeof element.action_id === 'string') checkLength(element.action_id, MAX_ACTION_ID, `${at}/action_id`, errors);
  if (element.type !== 'button') return;
  checkTextObject(element.text, `${at}/text`, MAX_BUTTON_TEXT, errors, { plainOnly: true, required: true });
  if (element.url !== undefined) checkString(element.url, MAX_URL, `${at}/url`, errors);
  if (element.value !== undefined) checkString(element.value, MAX_BUTTON_VALUE, `${at}/value`, errors);
  if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
    errors.push(`must be one of primary, danger [json-pointer:${at}/style]`);
  }
}

function validateImage(image: Json, at: string, errors: string[]): void {
  if (image.image_url === undefined && image.slack_file === undefined) {
    errors.push(`must provide image_url or slack_file [json-pointer:${at}]`);
  }
  if (image.image_url !== undefined) checkString(image.image_url, MAX_URL, `${at}/image_url`, errors);
  checkString(image.alt_text, MAX_ALT_TEXT, `${at}/alt_text`, errors);
}

function checkTextObject(
  value: unknown,
  at: string,
  max: number,
  errors: string[],
  opts: { plainOnly?: boolean; required?: boolean } = {},
): void {
  if (value === undefined) {
    if (opts.required) errors.push(`must provide an object [json-pointer:${at}]`);
    return;
  }
  if (!isObject(value)) {
    errors.push(`must provide an object [json-pointer:${at}]`);
    return;
  }
  const allowed = opts.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof value.type !== 'string' || !allowed.includes(value.type)) {
    errors.push(`must be one of ${allowed.join(', ')} [json-pointer:${at}/type]`);
  }
  checkString(value.text, max, `${at}/text`, errors);
}

function checkString(value: unknown, max: number, at: string, errors: string[]): void {
  if (typeof value !== 'string' || value.length === 0) {
    errors.push(`must provide a non-empty string [json-pointer:${at}]`);
    return;
  }
  checkLength(value, max, at, errors);
}

function checkLength(value: string, max: number, at: string, errors: string[]): void {
  if (value.length > max) errors.push(`must be less than ${max + 1} characters [json-pointer:${at}]`);
}
