import { reportReply } from './report-reply.js';
import { defineCommand } from './types.js';

export const reportCommand = defineCommand({
  name: 'report',
  description: 'The state of open models: releases by country and lab, and the most liked new models',
  options: [
    { type: 'integer', name: 'days', description: 'How many days back (1-90)', min: 1, max: 90, default: 7 },
  ] as const,
  async run(ctx, { workspace, args }) {
    const report = await ctx.services.reports.openModels({
      workspaceId: workspace.id,
      now: ctx.now(),
      days: args.days,
    });
    return reportReply(report, ctx.hubUrl, { ephemeral: true });
  },
});
