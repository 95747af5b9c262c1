import { describe, expect, it } from 'vitest';
import { inline, slackCommandNames } from '../../src/platforms/slack/mrkdwn.js';

describe('slackCommandNames', () => {
  it('spells the shared commands as subcommands of /floodwatch and leaves other slashes alone', () => {
    expect(slackCommandNames('try /labs list, then /alerts subscribe')).toBe(
      'try /floodwatch labs list, then /floodwatch alerts subscribe',
    );
    expect(slackCommandNames('/floodwatch releases')).toBe('/floodwatch releases');
    expect(slackCommandNames('deepseek-ai/model and a/labs path')).toBe('deepseek-ai/model and a/labs path');
    expect(inline([{ code: '/labs add org country' }])).toBe('`/floodwatch labs add org country`');
  });
});
