interface ConnectFailure {
  code?: string;
  message?: string;
  address?: string;
  port?: number;
  hostname?: string;
  errors?: ConnectFailure[];
}

function where(failure: ConnectFailure): string {
  const first = failure.address === undefined ? failure.errors?.[0] : failure;
  if (first?.address === undefined) return 'that address';
  return first.port === undefined ? first.address : `${first.address}:${first.port}`;
}

function describe(failure: ConnectFailure): string {
  switch (failure.code) {
    case 'ECONNREFUSED':
      return `nothing accepts connections at ${where(failure)} (connection refused); is PostgreSQL running there?`;
    case 'ENOENT':
      return `no PostgreSQL listens on the socket ${where(failure)}`;
    case 'ENOTFOUND':
      return `the host ${failure.hostname} cannot be found`;
    case 'EAI_AGAIN':
      return `the host ${failure.hostname} cannot be looked up right now (name resolution failed)`;
    case 'ETIMEDOUT':
      return `the connection to ${where(failure)} timed out`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where(failure)} cannot be reached from here (no route)`;
    case '28000':
    case '28P01':
      return `the server refused the login: ${failure.message}`;
    default:
      // The server's own words (database "x" does not exist, too many connections...), or the driver's.
      return failure.message ?? String(failure);
  }
}

/** PostgreSQL could not be reached, or refused the connection; `reason` says why in words. */
export class DatabaseConnectError extends Error {
  readonly reason: string;

  constructor(failure: unknown) {
    const reason = describe((failure ?? {}) as ConnectFailure);
    super(`cannot connect to PostgreSQL: ${reason}`, { cause: failure });
    this.name = 'DatabaseConnectError';
    this.reason = reason;
  }
}
