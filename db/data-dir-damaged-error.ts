/** The embedded database in a data directory exists but cannot be opened: its files are damaged. */
export class DataDirDamagedError extends Error {
  constructor(
    readonly dataDir: string,
    options?: ErrorOptions,
  ) {
    super(
      `the embedded database in ${dataDir} is damaged and cannot be opened. Restore a backup of that directory, ` +
        'or move it aside to start afresh with a new database (which loses subscriptions and history)',
      options,
    );
    this.name = 'DataDirDamagedError';
  }
}
