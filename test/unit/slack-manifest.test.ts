import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES, REDIRECT_PATH } from '../../src/platforms/slack/index.js';

const manifest = readFileSync(new URL('../../slack-manifest.yml', import.meta.url), 'utf8');

/** The `- item` lines right under `key:` (comments after an item dropped). */
function listUnder(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  expect(start).toBeGreaterThan(-1);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s*- ([^#\s]+)/.exec(line);
    if (item) items.push(item[1]!);
    else if (line.trim() && !line.trim().startsWith('#')) break;
  }
  return items;
}

describe('slack-manifest.yml', () => {
  it('asks for the scopes the OAuth install asks for', () => {
    expect(listUnder('bot')).toEqual([...BOT_SCOPES]);
  });

  it('has the OAuth redirect URL and subscribes to the uninstall events', () => {
    expect(listUnder('redirect_urls')).toEqual([`https://YOUR-HOST${REDIRECT_PATH}`]);
    expect(listUnder('bot_events')).toEqual(['app_uninstalled', 'tokens_revoked']);
    expect(manifest).toContain('request_url: https://YOUR-HOST/slack/events');
  });
});
