import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError, type Platform } from '../../src/platforms/platform.js';
import type { ReleaseView } from '../../src/platforms/release-view.js';
import { changeNotice } from '../../src/platforms/notices.js';
import { isChartPng } from '../helpers/png.js';
import { seedRankedModel } from '../helpers/seed.js';
import { useTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/** What the shared suite needs from a platform: the platform over its fake, and a way to ask it things. */
export interface PlatformUnderTest {
  platform: Platform;
  /** A destination of this platform's that the fake knows. */
  destination: string;
  /** The platform's own ids of a workspace and channel it can answer in. */
  workspaceId: string;
  channelId: string;
  /** The workspace in the database that commands asked here answer for, and its platform's name. */
  databaseWorkspace: { id: string; platform: string };
  /** How the platform writes the command `releases` when a reply names it. */
  spelled: string;
  /** Text of every message that landed in that destination, its rich parts included. */
  posted(): string[];
  /** The next post fails as if the channel were gone or forbidden; absent where no channel can fail. */
  breakChannel?(): void;
  /** The next post is rate limited for this many seconds; absent where there are no rate limits. */
  rateLimitOnce?(seconds: number): void;
  /**
   * The first `count` charts posted in answer to commands, as PNG bytes, once they are all there;
   * absent where the platform shows no pictures.
   */
  charts?(count: number): Promise<Buffer[]>;
  /** The charts that came with what was posted to `destination` (a notice's), as PNG bytes. */
  postedCharts?(): Buffer[];
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

/** A change of a released model, as the dispatcher makes it into a notice; with a chart it may not draw. */
export const NOTICE = {
  ...changeNotice(
    {
      id: 3,
      repo: 'Qwen/Qwen3-8B',
      field: 'license',
      before: 'apache-2.0',
      after: 'other',
      detectedAt: new Date('2026-11-29T07:00:00Z'),
      lab: { name: 'Alibaba Qwen', country: 'CN' },
    },
    'https://huggingface.co',
  ),
  chart: {
    kind: 'bars',
    title: 'Releases by country',
    byCountry: true,
    points: [{ x: 'CN', series: 'CN', value: 2 }],
  },
} as const;

/**
 * The behaviour every chat platform owes the rest of floodwatch: it posts an alert, maps a failure
 * to retry or pause, never posts one alert twice, and answers a command from the shared definitions.
 */
export function describePlatformContract(
  name: string,
  create: (database: TestDatabase) => Promise<PlatformUnderTest>,
  options: { channelFaults?: boolean } = {},
): void {
  const channelFaults = options.channelFaults ?? true;
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
      const { ref } = await platform.platform.postAlert(platform.destination, RELEASE, 'fw-1');

      expect(ref).toBeTruthy();
      const posted = platform.posted();
      expect(posted).toHaveLength(1);
      expect(posted[0]).toContain('deepseek-ai/DeepSeek-V4');
      expect(posted[0]).toContain('DeepSeek');
      expect(posted[0]).toContain('DeepSeek-V4-FP8');
    });

    it('posts a notice, a neutral reply, as one channel message and returns a reference', async () => {
      const { ref } = await platform.platform.postNotice(platform.destination, NOTICE, 'fw-10');

      expect(ref).toBeTruthy();
      const posted = platform.posted();
      expect(posted).toHaveLength(1);
      expect(posted[0]).toContain('Qwen/Qwen3-8B');
      expect(posted[0]).toContain('license apache-2.0 → other');
      // Where the platform shows pictures, the notice's chart comes with it, drawn.
      if (!platform.postedCharts) return;
      const charts = platform.postedCharts();
      expect(charts).toHaveLength(1);
      expect(isChartPng(charts[0]!)).toBe(true);
    });

    it.runIf(channelFaults)('asks to pause when a notice cannot go to its channel', async () => {
      platform.breakChannel!();

      const error = await platform.platform.postNotice(platform.destination, NOTICE, 'fw-11').catch((e: unknown) => e);

      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).action).toBe('pause');
      expect(platform.posted()).toHaveLength(0);
    });

    it.runIf(channelFaults)('asks to pause when the channel is gone or forbidden', async () => {
      platform.breakChannel!();

      const error = await platform.platform.postAlert(platform.destination, RELEASE, 'fw-2').catch((e: unknown) => e);

      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).action).toBe('pause');
      expect(platform.posted()).toHaveLength(0);
    });

    it.runIf(channelFaults)(
      'gets a rate-limited alert out exactly once, by waiting or by asking for a retry',
      async () => {
        platform.rateLimitOnce!(1);

        const first = await platform.platform.postAlert(platform.destination, RELEASE, 'fw-3').catch((e: unknown) => e);
        if (first instanceof DeliveryError) {
          // Asked for a retry: nothing was posted, and the wait asked for is the platform's own.
          expect(first.action).toBe('retry');
          expect(first.retryAfterMs).toBe(1000);
          expect(platform.posted()).toHaveLength(0);
          expect(await platform.platform.postAlert(platform.destination, RELEASE, 'fw-3')).toEqual({
            ref: expect.any(String),
          });
        } else {
          // Waited the limit out inside the send: the one post is the one reference.
          expect(first).toEqual({ ref: expect.any(String) });
        }

        expect(platform.posted()).toHaveLength(1);
      },
    );

    it('answers a command and a mistake from the shared definitions', async () => {
      const help = await platform.command(['help'], {});
      const mistake = await platform.command(['rankings'], { limit: '99' });

      expect(help.ephemeral).toBe(true);
      expect(help.text).toContain('rankings');
      expect(mistake.ephemeral).toBe(true);
      expect(mistake.text).toContain('must be from 1 to 25');
    });

    it('answers with its chart where the platform shows pictures, and always with the text', async () => {
      await seedRankedModel(database.db, platform.databaseWorkspace.id, platform.databaseWorkspace.platform);

      const shared = await platform.command(['rankings'], { share: 'true' });

      expect(shared.ephemeral).toBe(false);
      expect(shared.text).toContain('chart-lab/Chart-7B');
      expect(shared.text).toContain('250K downloads');
      if (!platform.charts) return;
      const [chart] = await platform.charts(1);
      expect(isChartPng(chart)).toBe(true);
    });

    it('answers through the platform interface, naming commands in its own words', async () => {
      const answer = await platform.platform.answer({
        workspaceId: platform.workspaceId,
        channelId: platform.channelId,
        userId: 'U-contract',
        isAdmin: false,
        path: ['nope'],
        args: {},
      });

      expect(answer.ephemeral).toBe(true);
      expect(answer.text).toContain('there is no command "nope"');
      expect(answer.text).toContain(platform.spelled);
      expect(answer.body).toBeTruthy();
    });
  });
}
