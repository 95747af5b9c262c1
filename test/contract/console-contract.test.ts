import { COMMANDS } from '../../commands/index.js';
import { createConsolePlatform } from '../../src/platforms/console/console-adapter.js';
import { silentLogger } from '../../src/shared/logger.js';
import { CONSOLE_DESTINATION, LOCAL_WORKSPACE_ID } from '../../src/shared/local-workspace.js';
import { createPostgresServices } from '../../src/storage/create-services.js';
import { Writable } from 'node:stream';
import { resetDatabase } from '../helpers/test-database.js';
import { describePlatformContract } from './platform-contract.js';

describePlatformContract(
  'console',
  async (database) => {
    await resetDatabase(database);
    // Each alert is one write.
    const writes: string[] = [];
    const out = new Writable({
      write(chunk, _encoding, callback) {
        writes.push(String(chunk));
        callback();
      },
    });
    const platform = createConsolePlatform({
      services: createPostgresServices(database.db),
      commands: COMMANDS,
      logger: silentLogger(),
      hubUrl: 'https://huggingface.co',
      now: () => new Date('2026-11-29T08:00:00Z'),
      out,
    });
    return {
      platform,
      destination: CONSOLE_DESTINATION,
      workspaceId: LOCAL_WORKSPACE_ID,
      channelId: 'stdout',
      databaseWorkspace: { id: LOCAL_WORKSPACE_ID, platform: 'console' },
      spelled: 'floodwatch run releases',
      posted: () => [...writes],
      async command(path, args) {
        const answer = await platform.answer({
          workspaceId: LOCAL_WORKSPACE_ID,
          channelId: 'stdout',
          userId: 'operator',
          isAdmin: true,
          path,
          args,
        });
        return { text: answer.text, ephemeral: answer.ephemeral };
      },
      close: () => platform.stop(),
    };
  },
  { channelFaults: false },
);
