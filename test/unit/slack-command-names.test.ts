import { describe, expect, it } from 'vitest';
import { inline, spellCommand } from '../../src/platforms/slack/mrkdwn.js';

describe('command references on Slack', () => {
  it('spells a command a reply names as text after /floodwatch, options included', () => {
    expect(spellCommand({ command: ['alerts', 'subscribe'] })).toBe('/floodwatch alerts subscribe');
    expect(inline(['try ', { command: ['labs', 'add'], args: 'org country' }])).toBe(
      'try `/floodwatch labs add org country`',
    );
  });

  it('leaves slashes in plain text alone: only references are commands', () => {
    expect(inline(['deepseek-ai/model and /labs written by a user'])).toBe(
      'deepseek-ai/model and /labs written by a user',
    );
  });
});
