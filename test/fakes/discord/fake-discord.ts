import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway } from './gateway.js';
import { buildInteractionCreate } from './interaction-payload.js';
import { createInteractionRecord, exchangeFor } from './interactions.js';
import { armRateLimit } from './rate-limits.js';
import { createRestHandler } from './server.js';
import { createState } from './state.js';
import type { FakeDiscord, FakeDiscordOptions } from './types.js';

/**
 * Starts a fake Discord on 127.0.0.1 (REST under /api/v10 and the gateway on one port) for the real discord.js
 * client: `new Client({ intents, rest: { api: fake.apiUrl } })`, then `client.login(fake.token)`.
 */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const state = createState(options);
  const server = createServer(createRestHandler(state));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.gatewayUrl = `ws://127.0.0.1:${port}`;
  const gateway = createGateway(state, state.gatewayUrl);
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: state.gatewayUrl,
    token: state.token,
    applicationId: state.applicationId,
    botUserId: state.botUser.id,
    requests: state.requests,
    messages(channelId) {
      return state.messages.filter((m) => channelId === undefined || m.channel_id === channelId);
    },
    commands(guildId) {
      return state.commands.get(guildId ?? '') ?? [];
    },
    async interact(input) {
      const { guildId, channelId } = input;
      const record = createInteractionRecord({ type: input.type ?? 2, guildId, channelId });
      const payload = buildInteractionCreate(state, record, input);
      state.interactions.set(record.id, record);
      if (!gateway.dispatch('INTERACTION_CREATE', payload)) {
        throw new Error('interact: no client is connected to the fake gateway (await login and ClientReady first)');
      }
      return exchangeFor(record);
    },
    channelFault(channelId, fault) {
      if (fault) state.faults.set(channelId, fault);
      else state.faults.delete(channelId);
    },
    rateLimitNext(route, rateLimit) {
      armRateLimit(state.limiter, route, rateLimit);
    },
    outage(route, status = 500) {
      state.outage = route ? { route, status } : undefined;
    },
    disconnectGateway(code = 4000) {
      gateway.disconnect(code);
    },
    gatewayOps() {
      return [...gateway.ops];
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
