import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { buildGuildCreate } from './guild-payload.js';
import { nextSnowflake } from './snowflake.js';
import type { FakeState } from './state.js';
import type { Json } from './types.js';

const OP = {
  dispatch: 0,
  heartbeat: 1,
  identify: 2,
  presence: 3,
  voice: 4,
  resume: 6,
  members: 8,
  invalidSession: 9,
  hello: 10,
  ack: 11,
};
const CLOSE = {
  unknownOpcode: 4001,
  decodeError: 4002,
  notAuthenticated: 4003,
  authFailed: 4004,
  alreadyAuthenticated: 4005,
};

interface Session {
  id: string;
  seq: number;
  socket: WebSocket;
}

interface Connection {
  socket: WebSocket;
  session?: Session;
}

export interface Gateway {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends an op 0 event on the live session; false when no client is identified. */
  dispatch(event: string, data: Json): boolean;
  disconnect(code: number): void;
  /** Opcodes received from clients, in order. */
  ops: number[];
  close(): Promise<void>;
}

function send(socket: WebSocket, payload: Json): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
}

function parse(data: RawData): Json | null {
  try {
    const payload = JSON.parse(data.toString());
    return typeof payload === 'object' && payload !== null && typeof payload.op === 'number' ? payload : null;
  } catch {
    return null;
  }
}

/** A plain-JSON gateway: HELLO, heartbeat ACKs, IDENTIFY → READY + GUILD_CREATEs, RESUME → RESUMED. */
export function createGateway(state: FakeState, gatewayUrl: string): Gateway {
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Map<string, Session>();
  const ops: number[] = [];
  const joinedAt = new Date().toISOString();
  let live: Session | undefined;

  function dispatch(session: Session, event: string, data: Json): void {
    session.seq += 1;
    send(session.socket, { op: OP.dispatch, t: event, s: session.seq, d: data });
  }

  function identify(connection: Connection, d: Json): void {
    if (connection.session) return connection.socket.close(CLOSE.alreadyAuthenticated, 'Already authenticated.');
    if (d?.token !== state.token) return connection.socket.close(CLOSE.authFailed, 'Authentication failed.');
    const session: Session = { id: nextSnowflake(), seq: 0, socket: connection.socket };
    sessions.set(session.id, session);
    connection.session = session;
    live = session;
    dispatch(session, 'READY', {
      v: 10,
      user: state.botUser,
      guilds: state.guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: gatewayUrl,
      shard: Array.isArray(d.shard) ? d.shard : [0, 1],
      application: { id: state.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      auth: {},
    });
    // Guilds arrive after READY; with the Guilds intent the client waits for each before it is ready.
    for (const guild of state.guilds) {
      dispatch(session, 'GUILD_CREATE', buildGuildCreate(guild, state.botUser, joinedAt));
    }
  }

  function resume(connection: Connection, d: Json): void {
    if (connection.session) return connection.socket.close(CLOSE.alreadyAuthenticated, 'Already authenticated.');
    if (d?.token !== state.token) return connection.socket.close(CLOSE.authFailed, 'Authentication failed.');
    const session = sessions.get(d.session_id);
    // Not resumable: the client starts over with IDENTIFY.
    if (!session) return send(connection.socket, { op: OP.invalidSession, d: false, s: null, t: null });
    session.socket = connection.socket;
    connection.session = session;
    live = session;
    // Nothing is replayed: the fake keeps no backlog of missed events.
    dispatch(session, 'RESUMED', {});
  }

  function onMessage(connection: Connection, data: RawData): void {
    const payload = parse(data);
    if (!payload) return connection.socket.close(CLOSE.decodeError, 'Error while decoding payload.');
    ops.push(payload.op);
    switch (payload.op) {
      case OP.heartbeat:
        return send(connection.socket, { op: OP.ack, d: null, s: null, t: null });
      case OP.identify:
        return identify(connection, payload.d);
      case OP.resume:
        return resume(connection, payload.d);
      case OP.presence:
      case OP.voice:
      case OP.members:
        if (!connection.session) connection.socket.close(CLOSE.notAuthenticated, 'Not authenticated.');
        return;
      default:
        return connection.socket.close(CLOSE.unknownOpcode, 'Unknown opcode.');
    }
  }

  wss.on('connection', (socket) => {
    const connection: Connection = { socket };
    socket.on('message', (data) => onMessage(connection, data));
    socket.on('close', () => {
      if (live?.socket === socket) live = undefined;
    });
    send(socket, { op: OP.hello, d: { heartbeat_interval: state.settings.heartbeatIntervalMs }, s: null, t: null });
  });

  return {
    ops,
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    // Like Discord with several sessions of one bot on one shard, every open session gets the event.
    dispatch(event, data) {
      const open = [...sessions.values()].filter((s) => s.socket.readyState === s.socket.OPEN);
      for (const session of open) dispatch(session, event, data);
      return open.length > 0;
    },
    disconnect(code) {
      if (!live) return;
      // 1006 cannot be sent in a close frame; it stands for a dropped connection.
      if (code === 1006) live.socket.terminate();
      else live.socket.close(code, 'Closed by the fake for a test.');
    },
    close() {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
