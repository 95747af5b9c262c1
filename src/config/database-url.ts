const SCHEME = /^postgres(ql)?:\/\//;
// Read by the driver from the query string; none of them belongs in a message.
const SECRET_PARAMS = ['user', 'password', 'sslpassword'];

/** What is wrong with a DATABASE_URL, in words that never repeat its credentials; undefined if nothing. */
export function databaseUrlProblem(value: string): string | undefined {
  if (!SCHEME.test(value)) return 'must be a postgres:// or postgresql:// URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a valid URL';
  }
  // No host means the driver's default; a host starting with "/" (percent-encoded) a socket directory.
  if (url.hostname === '' || url.hostname.toLowerCase().startsWith('%2f')) return undefined;
  // postgres: URLs keep any host as it is written; parsing it as http checks it is a host name.
  try {
    new URL(`http://${url.host}`);
    return undefined;
  } catch {
    return `has a host name that is not valid ("${url.hostname}")`;
  }
}

/** A DATABASE_URL fit to print: without its user name and password. */
export function withoutCredentials(value: string): string {
  try {
    const url = new URL(value);
    url.username = '';
    url.password = '';
    for (const param of SECRET_PARAMS) if (url.searchParams.has(param)) url.searchParams.delete(param);
    return url.href;
  } catch {
    return 'a URL that cannot be read';
  }
}
