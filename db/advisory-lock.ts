import type pg from 'pg';
import type { HeldLock } from './database.js';

/** How often the holder shows the server it is alive, and how long the server waits before it gives up on it. */
const HEARTBEAT_MS = 5_000;
const IDLE_LIMIT = '20s';

/**
 * Takes a session advisory lock on a connection of its own, without waiting. The lock ends with its
 * connection: a killed holder's socket closes at once, and a frozen or cut-off holder stops its
 * heartbeat, so the server ends its session after `idle_session_timeout` and the lock passes on.
 */
export async function tryAdvisoryLock(pool: pg.Pool, key: number): Promise<HeldLock | undefined> {
  const client = await pool.connect();
  let ok = false;
  try {
    // Older servers lack the setting; the socket's closing still frees the lock of a killed holder.
    await client.query(`set idle_session_timeout = '${IDLE_LIMIT}'`).catch(() => undefined);
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [key]);
    ok = rows[0]?.locked === true;
  } finally {
    if (!ok) client.release();
  }
  if (!ok) return undefined;
  let lost = false;
  const onError = () => (lost = true);
  client.on('error', onError);
  const heartbeat = setInterval(() => {
    client.query('select 1').catch(() => (lost = true));
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    get lost() {
      return lost;
    },
    async release() {
      clearInterval(heartbeat);
      client.off('error', onError);
      if (lost) {
        client.release(true);
        return;
      }
      try {
        await client.query('select pg_advisory_unlock($1)', [key]);
        await client.query('set idle_session_timeout = 0').catch(() => undefined);
        client.release();
      } catch (error) {
        // A connection in doubt is closed, which frees the lock just the same.
        client.release(error instanceof Error ? error : true);
      }
    },
  };
}
