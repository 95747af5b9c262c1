import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext, RawArgs, Reply } from '../../commands/types.js';
import type { Services } from '../../src/ports/services.js';
import { subscriptions } from '../../db/schema.js';
import {
  capturingLogger,
  CHANNEL,
  commandContext,
  commandPaths,
  daysAgo,
  findCommand,
  GUILD,
  replyText,
  runAs,
  seedWorld,
  snapshotDatabase,
} from '../helpers/command-world.js';
import { useTestDatabase } from '../helpers/test-database.js';

const database = useTestDatabase();
let ctx: CommandContext;
let log: ReturnType<typeof capturingLogger>;
let seeded: Awaited<ReturnType<typeof snapshotDatabase>>;

// Nothing here may change the database, so the file seeds once and compares every test against that.
beforeAll(async () => {
  await seedWorld(database.db);
  await database.db.insert(subscriptions).values({
    workspaceId: GUILD.id,
    platform: GUILD.platform,
    destination: CHANNEL.destination,
    pausedAt: daysAgo(1),
    pauseReason: 'Missing Access',
  });
  seeded = await snapshotDatabase(database.db);
  log = capturingLogger();
  ctx = commandContext(database.db, log.logger);
});

/** The option names a reply's message shows as code, which is how a mistake names its option. */
function namedOptions(reply: Reply): string[] {
  const [first] = reply.blocks;
  if (first?.type !== 'text') return [];
  return first.text.flatMap((part) => (typeof part === 'object' && 'code' in part ? [part.code] : []));
}

const LONG = (n: number) => 'x'.repeat(n);

// [command, arguments, the option the reply must name]. Admin commands run as an admin, so only the input is wrong.
const BAD_INPUT: [string, RawArgs, string][] = [
  ['releases', { lab: '  ' }, 'lab'],
  ['releases', { country: 'ZZ' }, 'country'],
  ['releases', { country: 'EU' }, 'country'],
  ['releases', { days: 0 }, 'days'],
  ['releases', { days: 91 }, 'days'],
  ['releases', { days: 'a week' }, 'days'],
  ['releases', { days: '7.5' }, 'days'],
  ['releases', { days: 2.5 }, 'days'],
  ['releases', { variants: 'maybe' }, 'variants'],
  ['releases', { share: 'please' }, 'share'],
  ['rankings', { metric: 'views' }, 'metric'],
  ['rankings', { country: 'EU' }, 'country'],
  ['rankings', { task: LONG(61) }, 'task'],
  ['rankings', { limit: 0 }, 'limit'],
  ['rankings', { limit: '26' }, 'limit'],
  ['rankings', { limit: 'ten' }, 'limit'],
  ['rankings', { share: 2 }, 'share'],
  ['rankings', { metric: 'growth', days: '14' }, 'days'],
  ['rankings', { metric: 'likes', days: '7' }, 'days'],
  ['origins', { days: 366 }, 'days'],
  ['origins', { days: '-1' }, 'days'],
  ['origins', { days: 'thirty' }, 'days'],
  ['origins', { metric: 'stars' }, 'metric'],
  ['origins', { share: 'nope' }, 'share'],
  ['origins', { view: 'pie' }, 'view'],
  ['origins', { since: '2025-13' }, 'since'],
  ['origins', { since: '2099-01' }, 'since'],
  ['origins', { view: 'timeline', since: '2019-01' }, 'since'],
  ['origins', { view: 'top', metric: 'releases' }, 'metric'],
  ['origins', { view: 'share', metric: 'trending' }, 'metric'],
  ['origins', { view: 'top', limit: 51 }, 'limit'],
  ['model', {}, 'id'],
  ['model', { id: LONG(201) }, 'id'],
  ['model', { id: 'deepseek-ai/DeepSeek-V4', share: 'y' }, 'share'],
  ['labs list', { country: 'ZZ' }, 'country'],
  ['labs list', { share: 'sure' }, 'share'],
  ['labs add', {}, 'org'],
  ['labs add', { org: 'deepseek ai' }, 'org'],
  ['labs add', { org: 'bad--org' }, 'org'],
  ['labs add', { org: 'moonshotai', country: 'ZZ' }, 'country'],
  ['labs add', { org: 'moonshotai', country: 'EU' }, 'country'],
  ['labs add', { org: 'moonshotai', country: 'CN', name: LONG(81) }, 'name'],
  ['labs add', { org: 'moonshotai', country: 'CN', name: ' ' }, 'name'],
  ['labs add', { org: 'moonshotai', country: 'CN', share: 'maybe' }, 'share'],
  ['labs remove', {}, 'org'],
  ['labs remove', { org: 'deepseek-ai/DeepSeek-V4' }, 'org'],
  ['labs remove', { org: 'Qwen', share: 'perhaps' }, 'share'],
  ['alerts subscribe', { labs: LONG(501) }, 'labs'],
  ['alerts subscribe', { countries: 'CN,ZZ' }, 'countries'],
  ['alerts subscribe', { countries: 'EU' }, 'countries'],
  ['alerts subscribe', { tasks: LONG(301) }, 'tasks'],
  ['alerts subscribe', { min_params_b: -1 }, 'min_params_b'],
  ['alerts subscribe', { min_params_b: '100001' }, 'min_params_b'],
  ['alerts subscribe', { min_params_b: 'big' }, 'min_params_b'],
  ['alerts subscribe', { min_params_b: 'Infinity' }, 'min_params_b'],
  ['alerts subscribe', { variants: 'sometimes' }, 'variants'],
  ['alerts subscribe', { mode: 'hourly' }, 'mode'],
  ['alerts subscribe', { share: 'always' }, 'share'],
  ['alerts subscribe', { changes: 'perhaps' }, 'changes'],
  ['alerts subscribe', { mode: 'report', day: 'someday' }, 'day'],
  ['alerts subscribe', { mode: 'report', hour: 24 }, 'hour'],
  ['alerts subscribe', { mode: 'report', tz: 'Mars/Olympus_Mons' }, 'tz'],
  ['alerts subscribe', { mode: 'instant', tz: 'Europe/Paris' }, 'tz'],
  ['alerts unsubscribe', { id: 0 }, 'id'],
  ['alerts unsubscribe', { id: '2147483648' }, 'id'],
  ['alerts unsubscribe', { id: 'abc' }, 'id'],
  ['alerts unsubscribe', { id: 1.5 }, 'id'],
  ['alerts unsubscribe', { share: 'never mind' }, 'share'],
  ['alerts list', { share: 'x' }, 'share'],
  ['help', { share: 'loud' }, 'share'],
  ['report', { days: 0 }, 'days'],
  ['report', { days: '91' }, 'days'],
  ['report', { share: 'yes please' }, 'share'],
];

describe('bad input', () => {
  it.each(BAD_INPUT)('/%s %j is refused, naming the option, and changes nothing', async (path, args, option) => {
    const reply = await runAs(ctx, path, args, { admin: true });

    expect(reply.ephemeral).toBe(true);
    expect(namedOptions(reply)).toContain(option);
    expect(await snapshotDatabase(database.db)).toEqual(seeded);
    expect(log.entries()).toEqual([]);
  });

  it('covers every option of every command in the registry', () => {
    const covered = new Set(BAD_INPUT.map(([path, , option]) => `${path} ${option}`));

    const missing = commandPaths()
      .flatMap((path) =>
        [...findCommand(path).options.map((o) => o.name), 'share'].map((option) => `${path} ${option}`),
      )
      .filter((key) => !covered.has(key));

    expect(missing).toEqual([]);
  });

  it('says what a bad value should have been', async () => {
    const range = await runAs(ctx, 'releases', { days: 91 });
    const text = await runAs(ctx, 'rankings', { limit: 'ten' });
    const choice = await runAs(ctx, 'origins', { metric: 'stars' });
    const country = await runAs(ctx, 'labs list', { country: 'EU' });
    const required = await runAs(ctx, 'model', {});

    expect(replyText(range)).toBe('days must be from 1 to 90, not 91');
    expect(replyText(text)).toBe('limit must be a whole number, not "ten"');
    expect(replyText(choice)).toBe('metric must be one of releases, downloads, likes, trending, not "stars"');
    expect(replyText(country)).toBe('country: "EU" is not an ISO 3166-1 alpha-2 country code (e.g. CN, US, FR)');
    expect(replyText(required)).toBe('model needs id: The Hub repo, e.g. deepseek-ai/DeepSeek-R1');
  });

  it.each(commandPaths())('/%s refuses an option it does not have and lists the ones it takes', async (path) => {
    const reply = await runAs(ctx, path, { colour: 'blue' }, { admin: true });

    expect(reply.ephemeral).toBe(true);
    expect(namedOptions(reply)).toEqual(['colour']);
    expect(replyText(reply)).toMatch(/; it takes .*share$/);
    expect(await snapshotDatabase(database.db)).toEqual(seeded);
  });
});

describe('admin-only commands', () => {
  it.each([
    ['labs add', { org: 'facebook' }],
    ['labs add', { org: 'moonshotai', country: 'CN' }],
    ['labs remove', { org: 'Qwen' }],
    ['alerts subscribe', { labs: 'DeepSeek' }],
    ['alerts unsubscribe', {}],
  ] as [string, RawArgs][])('/%s %j refuses a member and changes nothing', async (path, args) => {
    const reply = await runAs(ctx, path, args, { admin: false });

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toBe(
      'Only workspace admins can do that (Manage Server on Discord; an admin or owner on Slack).',
    );
    expect(await snapshotDatabase(database.db)).toEqual(seeded);
  });
});

describe('a command that crashes', () => {
  const APOLOGY = 'Sorry, something went wrong on our side. The error was logged; please try again in a moment.';

  it('answers with the generic apology and logs the error with its stack', async () => {
    const crashing = capturingLogger();
    const broken = new Proxy({} as Services, {
      get() {
        throw new Error('connection reset by peer');
      },
    });

    const reply = await runAs({ ...ctx, services: broken, logger: crashing.logger }, 'rankings', { metric: 'likes' });

    expect(reply).toEqual({ ephemeral: true, error: true, blocks: [{ type: 'text', text: [APOLOGY] }] });
    expect(crashing.entries()).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'command crashed',
        command: 'rankings',
        workspace: GUILD.id,
        err: expect.objectContaining({
          message: 'connection reset by peer',
          stack: expect.stringContaining('Error: connection reset by peer'),
        }),
      }),
    ]);
  });

  it('keeps the apology private even when asked to share, whatever part of the command failed', async () => {
    const crashing = capturingLogger();
    const clockless: CommandContext = {
      ...ctx,
      logger: crashing.logger,
      now: () => {
        throw new TypeError('clock unavailable');
      },
    };

    const reply = await runAs(clockless, 'origins', { share: true });

    expect(reply.ephemeral).toBe(true);
    expect(replyText(reply)).toBe(APOLOGY);
    expect(crashing.entries()).toEqual([
      expect.objectContaining({
        msg: 'command crashed',
        command: 'origins',
        err: expect.objectContaining({ type: 'TypeError', message: 'clock unavailable' }),
      }),
    ]);
  });
});
