/** The console's own workspace: the CLI and stdout alerts act for it. */
export const LOCAL_WORKSPACE_ID = 'local';

/** The console's one destination: the local workspace's alerts print to stdout. */
export const CONSOLE_DESTINATION = 'console:stdout';
