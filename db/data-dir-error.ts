/**
 * The data directory cannot be used as it is. `reason` reads after the directory's name
 * ("is a file, not a directory"), so a caller can put the setting's name in front of it instead.
 */
export class DataDirError extends Error {
  constructor(
    readonly dataDir: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`the data directory ${dataDir} ${reason}`, options);
    this.name = 'DataDirError';
  }
}
