/** The JSON error codes the fake answers with, their usual HTTP status and Discord's wording. */
export const DISCORD_ERRORS = {
  0: { status: 401, message: '401: Unauthorized' },
  10002: { status: 404, message: 'Unknown Application' },
  10003: { status: 404, message: 'Unknown Channel' },
  10008: { status: 404, message: 'Unknown Message' },
  10015: { status: 404, message: 'Unknown Webhook' },
  10062: { status: 404, message: 'Unknown interaction' },
  40060: { status: 400, message: 'Interaction has already been acknowledged.' },
  50001: { status: 403, message: 'Missing Access' },
  50006: { status: 400, message: 'Cannot send an empty message' },
  50013: { status: 403, message: 'Missing Permissions' },
  50027: { status: 401, message: 'Invalid Webhook Token' },
  50035: { status: 400, message: 'Invalid Form Body' },
  50109: { status: 400, message: 'The request body contains invalid JSON.' },
} as const;

export type DiscordErrorCode = keyof typeof DISCORD_ERRORS;
