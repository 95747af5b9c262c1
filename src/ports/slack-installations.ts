/** A Slack workspace's installation of the app, its bot token in the clear (only in memory). */
export interface SlackInstallation {
  teamId: string;
  enterpriseId: string | null;
  botUserId: string;
  botId: string | null;
  scopes: string[];
  botToken: string;
  installedBy: string | null;
  installedAt: Date;
}

export interface NewSlackInstallation extends Omit<SlackInstallation, 'installedAt'> {
  /** The floodwatch workspace of the team (`slack:T…`), whose subscriptions an uninstall paused. */
  workspaceId: string;
  teamName: string | null;
  at: Date;
}

/**
 * Why a Slack workspace's subscriptions are paused while the app is not installed there. A reinstall
 * resumes exactly the subscriptions paused for this reason.
 */
export const NOT_INSTALLED_REASON =
  'floodwatch is not installed in this Slack workspace any more (uninstalled, or its token was revoked)';

/** The installations of the Slack app in OAuth mode; tokens are sealed at rest, never stored in the clear. */
export interface SlackInstallationsPort {
  /**
   * Stores the installation (a reinstall replaces it) and resumes the workspace's subscriptions that
   * an uninstall paused; alerts of the time it was not installed are dropped, not sent late.
   */
  save(installation: NewSlackInstallation): Promise<{ resumed: number }>;
  /** The team's installation with its token opened, or undefined when the app is not installed there. */
  find(teamId: string): Promise<SlackInstallation | undefined>;
  /**
   * Deletes the team's installation and pauses the workspace's subscriptions (their waiting alerts
   * are dropped), so nothing is sent there again until a reinstall. Repeating it changes nothing.
   */
  remove(input: { teamId: string; workspaceId: string; at: Date }): Promise<{ removed: boolean; paused: number }>;
}
