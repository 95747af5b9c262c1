import type { Inline, Reply } from '../../commands/types.js';
import { reportReply } from '../../commands/report-reply.js';
import type { OpenModelsReport } from '../ports/reports.js';
import { flag } from '../format/flag.js';

/** A message that is not a release alert (a change, a weekly report): a neutral reply, as commands give. */
export type Notice = Reply;

/** A change of a released model as a notice shows it. */
export interface ChangeView {
  id: number;
  repo: string;
  /** license | gated | visibility */
  field: string;
  before: string | null;
  after: string | null;
  detectedAt: Date;
  lab: { name: string; country: string };
}

/** `license apache-2.0 → other`, `gated: no → manual`, `withdrawn: no longer public (made private or deleted)`. */
export function describeChange(change: Pick<ChangeView, 'field' | 'before' | 'after'>): string {
  if (change.field === 'visibility')
    return change.after === 'public'
      ? 'public again: listed on the Hub after it was withdrawn'
      : 'withdrawn: no longer public (made private or deleted)';
  const what = change.field === 'gated' ? 'gated:' : change.field;
  return `${what} ${change.before ?? '?'} → ${change.after ?? '?'}`;
}

/** One change of a released model, as a neutral reply every platform renders. */
export function changeNotice(change: ChangeView, hubUrl: string): Reply {
  const withdrawn = change.field === 'visibility' && change.after !== 'public';
  const repo: Inline = withdrawn ? { bold: change.repo } : { text: change.repo, url: `${hubUrl}/${change.repo}` };
  const lab = `${flag(change.lab.country)} ${change.lab.name}`.trim();
  return {
    ephemeral: false,
    title: 'Model changed',
    blocks: [
      { type: 'text', text: [repo, `: ${describeChange(change)}`] },
      {
        type: 'note',
        text: [`${lab} · noticed ${change.detectedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`],
      },
    ],
    data: {
      change: { ...change, detectedAt: change.detectedAt.toISOString() },
    },
  };
}

/** The weekly report of a report subscription, as posted to its channel. */
export function reportNotice(report: OpenModelsReport, hubUrl: string): Reply {
  return reportReply(report, hubUrl, { ephemeral: false });
}
