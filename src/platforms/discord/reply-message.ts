import type { Logger } from 'pino';
import type { Reply } from '../../../commands/types.js';
import { chartAltText, renderChart } from '../../charts/index.js';
import { renderReply, type DiscordReply } from './render-reply.js';

/**
 * Renders a reply with its chart drawn and attached. A chart that cannot be drawn is logged and left
 * out: the text says the same, so the answer still goes.
 */
export async function renderReplyWithChart(reply: Reply, logger: Logger): Promise<DiscordReply> {
  if (!reply.chart) return renderReply(reply);
  try {
    return renderReply(reply, { png: await renderChart(reply.chart), altText: chartAltText(reply.chart) });
  } catch (error) {
    logger.warn({ err: error, chart: reply.chart.title }, 'chart could not be drawn; answering without it');
    return renderReply(reply);
  }
}

/** The options of an interaction reply or edit (discord.js), files included; nobody is pinged. */
export function interactionMessage(body: DiscordReply) {
  return {
    embeds: body.embeds,
    files: body.files.map((f) => ({ attachment: f.data, name: f.name, description: f.description })),
    allowedMentions: { parse: [] },
  };
}

/**
 * A channel message for Discord's REST (`rest.post(Routes.channelMessages(id), restMessage(body))`):
 * the JSON body, with each file named in `attachments`, and the files as multipart parts.
 */
export function restMessage(body: DiscordReply, extra: Record<string, unknown> = {}) {
  return {
    body: {
      ...extra,
      embeds: body.embeds,
      allowed_mentions: { parse: [] },
      ...(body.files.length
        ? { attachments: body.files.map((f, id) => ({ id, filename: f.name, description: f.description })) }
        : {}),
    },
    files: body.files.map((f) => ({ name: f.name, data: f.data, contentType: 'image/png' })),
  };
}
