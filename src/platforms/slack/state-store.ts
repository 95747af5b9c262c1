import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/bolt';
import { InvalidStateError } from '@slack/oauth';

/** How long an install link works once /slack/install made it. */
export const STATE_TTL_MS = 10 * 60_000;

interface StatePayload {
  /** The install options the link was made with (scopes, redirect URI). */
  o: InstallURLOptions;
  /** When it was made, ms since the epoch. */
  t: number;
  n: string;
}

/**
 * The OAuth `state`: the install options and the time, signed with SLACK_STATE_SECRET (HMAC-SHA256).
 * A state that was changed, signed with another secret, or made more than `ttlMs` ago is refused, so
 * an install started elsewhere or long ago stores nothing. The installer also binds it to the browser
 * that started the install with a cookie. Time comes from the service's clock, not the caller's.
 */
export function createStateStore(options: { secret: string; now: () => Date; ttlMs?: number }): StateStore {
  const ttl = options.ttlMs ?? STATE_TTL_MS;
  const sign = (payload: string) => createHmac('sha256', options.secret).update(payload).digest();

  return {
    async generateStateParam(installOptions) {
      const payload: StatePayload = {
        o: installOptions,
        t: options.now().getTime(),
        n: randomBytes(12).toString('hex'),
      };
      const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${encoded}.${sign(encoded).toString('base64url')}`;
    },
    async verifyStateParam(_now, state) {
      const [encoded, signature, ...rest] = state.split('.');
      if (!encoded || !signature || rest.length > 0) throw new InvalidStateError('the state is not one of ours');
      const expected = sign(encoded);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new InvalidStateError('the state is not signed with our state secret');
      const payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as StatePayload;
      const age = options.now().getTime() - payload.t;
      // A minute of leeway for replicas whose clocks differ a little.
      if (!(age >= -60_000 && age <= ttl)) throw new InvalidStateError('the state has expired');
      return payload.o;
    },
  };
}
