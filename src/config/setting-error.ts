/**
 * A setting that passed validation but does not work at run time (a data directory that cannot be
 * created, a database that cannot be reached): printed as one line that names it, exit code 1.
 * `value` must already be free of secrets.
 */
export class SettingError extends Error {
  constructor(
    readonly variable: string,
    readonly value: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${variable} (${value}): ${reason}`, options);
    this.name = 'SettingError';
  }
}
