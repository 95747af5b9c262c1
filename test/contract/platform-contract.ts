import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError, type AlertAdapter } from '../../src/delivery/adapter.js';
import type { ReleaseView } from '../../src/queries/release-view.js';
import { useTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/** What the shared suite needs from a platform: its adapter over its fake, and a way to ask it things. */
export interface PlatformUnderTest {
  adapter: AlertAdapter;
  /** A destination of this platform's that the fake knows. */
  destination: string;
  /** Text of every message that landed in that destination, its rich parts included. */
  posted(): string[];
  /** The next post to the destination fails as if the channel were gone or forbidden. */
  breakChannel(): void;
  /** The next post is rate limited for this many seconds. */
  rateLimitOnce(seconds: number): void;
  /** Runs `/<path> name:value…` as a member and returns the visible answer. */
  command(path: string[], args: Record<string, string>): Promise<{ text: string; ephemeral: boolean }>;
  close(): Promise<void>;
}

export const RELEASE: ReleaseView = {
  id: 7,
  title: 'deepseek-ai/DeepSeek-V4',
  variantOnly: false,
  firstSeenAt: new Date('2026-11-29T07:00:00Z'),
  lab: { id: 1, name: 'DeepSeek', country: 'CN' },
  models: [
    {
      id: 'a1',
      repo: 'deepseek-ai/DeepSeek-V4',
      task: 'text-generation',
      params: 685e9,
      license: 'mit',
      gated: null,
      library: 'transformers',
      createdAt: new Date('2026-11-27T00:00:00Z'),
      firstSeenPublicAt: new Date('2026-11-29T07:00:00Z'),
      isVariant: false,
      relation: null,
      baseModels: [],
    },
    {
      id: 'a2',
      repo: 'deepseek-ai/DeepSeek-V4-FP8',
      task: 'text-generation',
      params: 685e9,
      license: 'mit',
      gated: null,
      library: 'transformers',
      createdAt: new Date('2026-11-28T00:00:00Z'),
      firstSeenPublicAt: new Date('2026-11-29T07:00:00Z'),
      isVariant: true,
      relation: 'quantized',
      baseModels: ['deepseek-ai/DeepSeek-V4'],
    },
  ],
};

/**
 * The behaviour every chat platform owes the rest of floodwatch: it posts an alert, maps a failure
 * to retry or pause, never posts one alert twice, and answers a command from the shared definitions.
 */
export function describePlatformContract(
  name: string,
  create: (database: TestDatabase) => Promise<PlatformUnderTest>,
): void {
  describe(`${name} platform contract`, () => {
    const database = useTestDatabase();
    let platform: PlatformUnderTest;

    beforeEach(async () => {
      platform = await create(database);
    });
    afterEach(async () => {
      await platform.close();
    });

    it('posts an alert naming the release, its lab and its variants, and returns a reference', async () => {
      const { ref } = await platform.adapter.postAlert(platform.destination, RELEASE, 'fw-1');

      expect(ref).toBeTruthy();
      const posted = platform.posted();
      expect(posted).toHaveLength(1);
      expect(posted[0]).toContain('deepseek-ai/DeepSeek-V4');
      expect(posted[0]).toContain('DeepSeek');
      expect(posted[0]).toContain('DeepSeek-V4-FP8');
    });

    it('asks to pause when the channel is gone or forbidden', async () => {
      platform.breakChannel();

      const error = await platform.adapter.postAlert(platform.destination, RELEASE, 'fw-2').catch((e: unknown) => e);

      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).action).toBe('pause');
      expect(platform.posted()).toHaveLength(0);
    });

    it('gets a rate-limited alert out exactly once, by waiting or by asking for a retry', async () => {
      platform.rateLimitOnce(1);

      const first = await platform.adapter.postAlert(platform.destination, RELEASE, 'fw-3').catch((e: unknown) => e);
      if (first instanceof DeliveryError) {
        expect(first.action).toBe('retry');
        expect(first.retryAfterMs).toBe(1000);
        await platform.adapter.postAlert(platform.destination, RELEASE, 'fw-3');
      }

      expect(platform.posted()).toHaveLength(1);
    });

    it('answers a command and a mistake from the shared definitions', async () => {
      const help = await platform.command(['help'], {});
      const mistake = await platform.command(['rankings'], { limit: '99' });

      expect(help.ephemeral).toBe(true);
      expect(help.text).toContain('rankings');
      expect(mistake.ephemeral).toBe(true);
      expect(mistake.text).toContain('must be from 1 to 25');
    });
  });
}
