import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../commands/types.js';
import type { ModelView, ReleaseView } from '../../src/platforms/release-view.js';
import { renderAlert, renderReply } from '../../src/platforms/slack/index.js';
import { validateBlocks } from '../fakes/slack/index.js';
import { shownText } from '../helpers/slack-harness.js';

const HUB = 'https://huggingface.co';

function model(repo: string, isVariant = false): ModelView {
  return {
    id: repo,
    repo,
    task: 'text-generation',
    params: 7e9,
    license: 'apache-2.0',
    gated: null,
    library: 'transformers',
    createdAt: new Date('2026-11-28T10:00:00Z'),
    firstSeenPublicAt: new Date('2026-11-28T10:05:00Z'),
    isVariant,
    relation: isVariant ? 'quantized' : null,
    baseModels: [],
  };
}

function release(overrides: Partial<ReleaseView> = {}): ReleaseView {
  return {
    id: 1,
    title: 'Qwen/Qwen3-8B',
    variantOnly: false,
    firstSeenAt: new Date('2026-11-28T10:05:00Z'),
    lab: { id: 1, name: 'Alibaba Qwen', country: 'CN' },
    models: [model('Qwen/Qwen3-8B')],
    ...overrides,
  };
}

describe('Slack Block Kit rendering', () => {
  it('keeps a huge reply within every Block Kit limit, cutting with a count', () => {
    const long = 'x'.repeat(120);
    const reply: Reply = {
      ephemeral: true,
      title: 'T'.repeat(400),
      url: `${HUB}/Qwen/Qwen3-8B`,
      blocks: [
        {
          type: 'fields',
          fields: Array.from({ length: 23 }, (_, i) => ({ name: `Field ${i}`, value: ['v'.repeat(2500)] })),
        },
        ...Array.from({ length: 40 }, () => ({
          type: 'list' as const,
          items: Array.from({ length: 30 }, (_, i) => [`${i} ${long}`]),
        })),
        { type: 'bars', rows: [{ label: 'China', value: 3, share: 0.75 }] },
        { type: 'note', text: ['n'.repeat(5000)] },
      ],
    };

    const { text, blocks } = renderReply(reply);

    expect(validateBlocks(blocks)).toEqual([]);
    expect(blocks).toHaveLength(50);
    expect(shownText({ blocks: blocks.slice(-1) })).toMatch(/^… \d+ more blocks left out$/);
    expect((blocks[0] as { text: { text: string } }).text.text).toHaveLength(150);
    expect(text.length).toBeLessThanOrEqual(3000);
  });

  it('escapes Hub and user text so nothing can mention anyone, and keeps links working', () => {
    const reply: Reply = {
      ephemeral: true,
      blocks: [
        {
          type: 'text',
          text: ['<!here> & <@U123>', { bold: '<!channel>' }, { code: '<#C1>' }, { text: 'a>b', url: `${HUB}/x|y` }],
        },
        { type: 'fields', fields: [{ name: '<!everyone>', value: ['<!subteam^S1>'] }] },
      ],
    };

    const { text, blocks } = renderReply(reply);
    const shown = shownText({ blocks });

    expect(shown).toContain(
      '&lt;!here&gt; &amp; &lt;@U123&gt;*&lt;!channel&gt;*`&lt;#C1&gt;`<https://huggingface.co/x%7Cy|a&gt;b>',
    );
    expect(shown).toContain('*&lt;!everyone&gt;*\n&lt;!subteam^S1&gt;');
    expect(`${shown}\n${text}`).not.toMatch(/<[!@#]/);
  });

  it('folds a release of many models into limits and escapes the lab name', () => {
    const models = Array.from({ length: 80 }, (_, i) => model(`Qwen/Qwen3-${i}B-${'Instruct-'.repeat(5)}`));
    const variants = Array.from({ length: 80 }, (_, i) => model(`Qwen/Qwen3-${i}B-GGUF-${'Q4_K_M-'.repeat(5)}`, true));
    const view = release({
      title: `Qwen/${'Q'.repeat(140)}`,
      lab: { id: 1, name: '<!channel> Lab', country: 'CN' },
      models: [...models, ...variants],
    });

    const { text, blocks } = renderAlert(view, HUB);
    const shown = shownText({ blocks });

    expect(validateBlocks(blocks)).toEqual([]);
    expect(shown).toContain('*Models (80)*');
    expect(shown).toMatch(/… and \d+ more/);
    expect(shown).toContain('&lt;!channel&gt; Lab');
    expect(`${shown}\n${text}`).not.toContain('<!channel>');
  });

  it('says when a release is only a variant', () => {
    const { blocks } = renderAlert(
      release({ variantOnly: true, models: [model('Qwen/Qwen3-8B-GGUF', true)], title: 'Qwen/Qwen3-8B-GGUF' }),
      HUB,
    );

    expect(shownText({ blocks })).toContain('New variant: Qwen/Qwen3-8B-GGUF');
    expect(shownText({ blocks })).toContain('*Variants (1)*');
  });
});

describe('slack-manifest.yml', () => {
  it('declares /floodwatch on the events URL with the scopes the app uses, HTTP mode by default', async () => {
    const manifest = await readFile(new URL('../../slack-manifest.yml', import.meta.url), 'utf8');

    expect(manifest).toMatch(/- command: \/floodwatch\n\s+url: https:\/\/YOUR-HOST\/slack\/events/);
    for (const scope of ['commands', 'chat:write', 'chat:write.public', 'files:write', 'users:read', 'channels:join']) {
      expect(manifest).toMatch(new RegExp(`^\\s+- ${scope.replace('.', '\\.')}\\s`, 'm'));
    }
    expect(manifest).toMatch(/^\s+socket_mode_enabled: false$/m);
  });
});
