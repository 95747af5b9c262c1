/** Workspace and destination ids of Discord: opaque to everything outside this folder. */
export function workspaceId(guildId: string): string {
  return `discord:${guildId}`;
}

export function destinationOf(guildId: string, channelId: string): string {
  return `discord:${guildId}:${channelId}`;
}

export function channelOf(destination: string): string | undefined {
  const match = /^discord:\d+:(\d+)$/.exec(destination);
  return match?.[1];
}
