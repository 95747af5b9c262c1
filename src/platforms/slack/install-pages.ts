import type { ServerResponse } from 'node:http';

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}' +
  'a.button{display:inline-block;padding:.6rem 1.2rem;background:#4a154b;color:#fff;border-radius:6px;' +
  'text-decoration:none;font-weight:600}code{background:#f4f4f4;padding:.1rem .3rem;border-radius:3px}';

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function page(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>` +
    `<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`
  );
}

/** GET /slack/install: what floodwatch does, and the "Add to Slack" link (with its signed state). */
export function installPage(authorizeUrl: string): string {
  return page(
    'Add floodwatch to Slack',
    '<p>floodwatch posts one alert per new open-weight model release into the channels you choose, and ' +
      'answers <code>/floodwatch</code> with recent releases, rankings and origins.</p>' +
      `<p><a class="button" href="${escapeHtml(authorizeUrl)}">Add to Slack</a></p>` +
      '<p>The link works for 10 minutes, in this browser.</p>',
  );
}

/** After a successful install: what to do next. */
export function installedPage(teamName: string | undefined): string {
  const where = teamName ? ` in ${escapeHtml(teamName)}` : '';
  return page(
    'floodwatch is installed',
    `<p>floodwatch is installed${where}.</p>` +
      '<p>Next, in the channel that should get alerts, run <code>/floodwatch alerts subscribe</code> ' +
      '(workspace admins and owners). <code>/floodwatch help</code> lists every command.</p>',
  );
}

export type InstallFailure = 'expired' | 'cancelled' | 'unsupported' | 'failed';

const FAILURES: Record<InstallFailure, { status: number; title: string; text: string }> = {
  expired: {
    status: 400,
    title: 'This install link does not work any more',
    text: 'It expired, was used already, or was started in another browser. Nothing was installed.',
  },
  cancelled: {
    status: 400,
    title: 'Installation cancelled',
    text: 'floodwatch was not installed.',
  },
  unsupported: {
    status: 400,
    title: 'floodwatch cannot be installed this way',
    text: 'Install it to one workspace at a time; org-wide installs are not supported.',
  },
  failed: {
    status: 502,
    title: 'floodwatch could not be installed',
    text: 'Slack did not complete the installation, or it could not be stored. Nothing was installed.',
  },
};

/** The failure page: what happened in words, never the error's details. */
export function sendFailurePage(res: ServerResponse, failure: InstallFailure, installUrl: string): void {
  const { status, title, text } = FAILURES[failure];
  const retry =
    failure === 'unsupported' ? '' : `<p><a class="button" href="${escapeHtml(installUrl)}">Start again</a></p>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page(title, `<p>${escapeHtml(text)}</p>${retry}`));
}

export function sendPage(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}
