import { describe, expect, it } from 'vitest';
import type { Reply } from '../../commands/types.js';
import { renderReplyWithChart, restMessage } from '../../src/platforms/discord/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { captureStream } from '../helpers/capture.js';
import { isChartPng } from '../helpers/png.js';

const REPLY: Reply = {
  ephemeral: true,
  title: 'Origins of the last 30 days by releases',
  blocks: [{ type: 'text', text: ['China leads'] }],
  chart: { kind: 'bars', title: 'Origins', byCountry: true, points: [{ x: 'CN', series: 'CN', value: 3 }] },
};

describe('a Discord reply with its chart', () => {
  it('attaches the chart and names it in the channel message body for REST', async () => {
    const rendered = await renderReplyWithChart(REPLY, createLogger('silent'));
    const message = restMessage(rendered);

    expect(isChartPng(rendered.files[0]?.data)).toBe(true);
    expect(message.body).toMatchObject({
      allowed_mentions: { parse: [] },
      attachments: [{ id: 0, filename: 'chart.png', description: 'Bar chart: Origins. China 3.' }],
      embeds: [{ title: REPLY.title, image: { url: 'attachment://chart.png' } }],
    });
    expect(message.files).toEqual([{ name: 'chart.png', data: rendered.files[0]!.data, contentType: 'image/png' }]);
  });

  it('answers with the text alone, and logs why, when the chart cannot be drawn', async () => {
    const log = captureStream();
    const broken: Reply = { ...REPLY, chart: { ...REPLY.chart!, points: [] } };

    const rendered = await renderReplyWithChart(broken, createLogger('info', log));

    expect(rendered.files).toEqual([]);
    expect(rendered.embeds[0]?.image).toBeUndefined();
    expect(rendered.embeds[0]?.description).toContain('China leads');
    expect(log.text()).toContain('chart could not be drawn; answering without it');
  });
});
