/** Workspace and destination ids of Slack: opaque to everything outside this folder. */
export function workspaceId(teamId: string): string {
  return `slack:${teamId}`;
}

export function destinationOf(teamId: string, channelId: string): string {
  return `slack:${teamId}:${channelId}`;
}

export function channelOf(destination: string): string | undefined {
  const match = /^slack:[A-Z0-9]+:([A-Z0-9]+)$/.exec(destination);
  return match?.[1];
}

export function teamOf(destination: string): string | undefined {
  const match = /^slack:([A-Z0-9]+):[A-Z0-9]+$/.exec(destination);
  return match?.[1];
}
