import type { webApi } from '@slack/bolt';
import type { ChartSpec } from '../../../commands/types.js';
import { CHART_FILE_NAME, chartAltText, renderChart } from '../../charts/index.js';
import { platformErrorOf } from './slack-failure.js';

type Client = Pick<webApi.WebClient, 'filesUploadV2' | 'conversations'>;

export interface UploadChartOptions {
  /** Posts the chart in this thread instead of the channel itself. */
  threadTs?: string | undefined;
  /** A message posted with the file. */
  comment?: string | undefined;
}

/**
 * Draws the chart and shares it in a channel with the files upload API (files.getUploadURLExternal,
 * the bytes to the upload URL, files.completeUploadExternal with the channel). Sharing a file needs
 * the bot in the channel: outside a public one it joins once and tries again. Throws the client's
 * error otherwise (a private channel it was not invited to, a rate limit), for the caller to report.
 */
export async function uploadChart(
  client: Client,
  channelId: string,
  spec: ChartSpec,
  options: UploadChartOptions = {},
): Promise<{ fileId: string | undefined }> {
  const png = await renderChart(spec);
  const file = { file: png, filename: CHART_FILE_NAME, title: spec.title, alt_text: chartAltText(spec) };
  const comment = options.comment ? { initial_comment: options.comment } : {};
  const upload = () =>
    options.threadTs
      ? client.filesUploadV2({ ...file, ...comment, channel_id: channelId, thread_ts: options.threadTs })
      : client.filesUploadV2({ ...file, ...comment, channel_id: channelId });
  let result: Awaited<ReturnType<typeof upload>>;
  try {
    result = await upload();
  } catch (error) {
    if (platformErrorOf(error) !== 'not_in_channel') throw error;
    await client.conversations.join({ channel: channelId });
    result = await upload();
  }
  const completed = (result as { files?: { files?: { id?: string }[] }[] }).files?.[0]?.files?.[0];
  return { fileId: completed?.id };
}
