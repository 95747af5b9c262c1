import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** Lints `code` as if it were the file at `path` (never written to disk): the boundary messages it gets. */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
  return result!.messages.filter((m) => m.ruleId?.startsWith('boundaries/')).map((m) => m.message);
}

describe('the import map', () => {
  it.each([
    ['a platform imports another, by a relative path', 'src/platforms/discord/x.ts', `import '../slack/mrkdwn.js';`],
    ['a platform imports another, through platforms/', 'src/platforms/slack/x.ts', `import '../discord/ids.js';`],
    ['the console imports Discord', 'src/platforms/console/x.ts', `import '../discord/markdown.js';`],
    ['a platform imports the schema', 'src/platforms/discord/x.ts', `import '../../../db/schema.js';`],
    ['a platform imports storage', 'src/platforms/slack/x.ts', `import '../../storage/settings.js';`],
    ['a platform imports drizzle', 'src/platforms/discord/x.ts', `import { eq } from 'drizzle-orm';`],
    ['a command imports the database', 'commands/x.ts', `import '../db/database.js';`],
    ['a command imports storage', 'commands/x.ts', `import '../src/storage/recent-releases.js';`],
    ['a command imports drizzle', 'commands/x.ts', `import { sql } from 'drizzle-orm';`],
    ['a command imports a platform', 'commands/x.ts', `import '../src/platforms/slack/mrkdwn.js';`],
    ['a command imports discord.js', 'commands/x.ts', `import 'discord.js';`],
    ['the core imports a platform', 'src/delivery/x.ts', `import '../platforms/discord/render-alert.js';`],
    ['the worker imports Bolt', 'src/worker/x.ts', `import '@slack/bolt';`],
    ['a source imports storage', 'src/sources/hf-hub/x.ts', `import '../../storage/settings.js';`],
    ['a source imports the schema', 'src/sources/x.ts', `import '../../db/schema.js';`],
    ['subscriptions import the delivery', 'src/subscriptions/x.ts', `import '../delivery/dispatcher.js';`],
    ['config imports storage', 'src/config/x.ts', `import '../storage/settings.js';`],
    ['shared imports the worker', 'src/shared/x.ts', `import '../worker/tick.js';`],
    ['the schema imports a command', 'db/x.ts', `import '../commands/index.js';`],
    ['the product imports a test helper', 'src/worker/x.ts', `import '../../test/helpers/seed.js';`],
    ['a port imports storage', 'src/ports/x.ts', `import '../storage/settings.js';`],
    ['a command imports the chart renderer', 'commands/x.ts', `import '../src/charts/index.js';`],
    ['a platform imports the chart library', 'src/platforms/slack/x.ts', `import 'echarts/core';`],
    ['the charts import a platform', 'src/charts/x.ts', `import '../platforms/discord/render-reply.js';`],
  ])('refuses it when %s', async (_what, path, code) => {
    expect(await boundaryErrors(path, code)).toHaveLength(1);
  });

  it('refuses a file in a folder that is not on the map', async () => {
    expect(await boundaryErrors('src/elsewhere/x.ts', 'export const x = 1;')).toEqual([
      expect.stringContaining('does not belong to any known element'),
    ]);
  });

  it.each([
    [
      'a platform imports the contract, the commands and the ports',
      'src/platforms/discord/x.ts',
      `import '../platform.js';\nimport '../../../commands/reply-to.js';\nimport '../../ports/services.js';`,
    ],
    [
      'storage imports the schema and drizzle',
      'src/storage/x.ts',
      `import '../../db/schema.js';\nimport 'drizzle-orm';`,
    ],
    ['a command imports the ports', 'commands/x.ts', `import '../src/ports/labs.js';`],
    ['a platform imports the chart renderer', 'src/platforms/discord/x.ts', `import '../../charts/index.js';`],
    ['the charts import the chart libraries', 'src/charts/x.ts', `import 'echarts/core';\nimport '@resvg/resvg-js';`],
    ['the app imports a platform', 'src/app/x.ts', `import '../platforms/slack/index.js';`],
  ])('allows it when %s', async (_what, path, code) => {
    expect(await boundaryErrors(path, code)).toEqual([]);
  });
});
