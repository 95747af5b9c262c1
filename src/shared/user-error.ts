/** A user's mistake: shown to them as is, changes nothing, never logged as a failure. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
