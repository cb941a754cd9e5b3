import type { WebSocket } from 'ws';
import type { SyncPoke } from '../core/sync/index';
import type { Sql } from './db';
import { SYNC_CHANNEL, type SpaceVersion } from './sync-store';

/** WebSocket close codes the desk understands (4000–4999 are the application's). */
export const LIVE_CLOSE = {
  unauthorized: 4401,
  forbidden: 4403,
  badRequest: 4400,
  goingAway: 1001,
  serverError: 1011,
} as const;

/** Database channel on which a node asks every node to close some sockets. */
const LIVE_CLOSE_CHANNEL = 'desk_live_close';

/** Whose sockets to close: an account's (in one space, or all), or one session's. */
export type LiveAudience = { userId: string; spaceId?: string } | { sessionId: string };

/** A socket's owner, as its access token says. */
export interface LiveOwner {
  userId: string;
  sessionId: string;
}

interface CloseOrder {
  audience: LiveAudience;
  code: number;
  reason: string;
}

interface Listener extends LiveOwner {
  socket: WebSocket;
  alive: boolean;
  /** Its session and membership were checked after it was listed: it may hear pokes. */
  admitted: boolean;
}

/**
 * The desks listening to each space on this node. Pushes announce new versions through the
 * database (`NOTIFY`), so a push on any node pokes listeners on every node.
 */
export class LiveSpaces {
  private readonly spaces = new Map<string, Set<Listener>>();
  private readonly stopListening: (() => Promise<void>)[] = [];
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly heartbeatMs = 30_000,
  ) {}

  /** Starts listening for pushes, and pinging sockets so dead ones are dropped. */
  async start(): Promise<void> {
    this.stopListening.push(
      await this.sql.listen(SYNC_CHANNEL, (payload) => {
        void this.announced(payload);
      }),
      await this.sql.listen(LIVE_CLOSE_CHANNEL, (payload) => {
        // An empty payload says the listening connection came back; nothing to close.
        if (!payload) return;
        const order = JSON.parse(payload) as CloseOrder;
        this.closeHere(order.audience, order.code, order.reason);
      }),
    );
    this.heartbeat = setInterval(() => this.ping(), this.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Stops listening and closes every socket. */
  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const stop of this.stopListening.splice(0)) await stop();
    for (const listeners of this.spaces.values()) {
      for (const { socket } of listeners) {
        socket.close(LIVE_CLOSE.goingAway, 'The server is shutting down.');
      }
    }
    this.spaces.clear();
  }

  /**
   * Lists a desk's socket in a space until it closes, and returns the call that admits it to the
   * space's pokes. List first, then check the session and membership, then admit: a sign-out or a
   * removal from the space that lands during the checks closes the listed socket, and one that
   * landed before them fails them. (Checked before listing, a removal in between was missed.)
   */
  add(spaceId: string, owner: LiveOwner, socket: WebSocket): () => void {
    const listener: Listener = {
      socket,
      userId: owner.userId,
      sessionId: owner.sessionId,
      alive: true,
      admitted: false,
    };
    let listeners = this.spaces.get(spaceId);
    if (!listeners) {
      listeners = new Set();
      this.spaces.set(spaceId, listeners);
    }
    listeners.add(listener);
    socket.on('pong', () => {
      listener.alive = true;
    });
    socket.on('close', () => {
      const current = this.spaces.get(spaceId);
      current?.delete(listener);
      if (current?.size === 0) this.spaces.delete(spaceId);
    });
    return () => {
      listener.admitted = true;
    };
  }

  /** Tells every desk listening to the space that it changed. */
  poke(spaceId: string, version: number): void {
    const poke: SyncPoke = { type: 'poke', version };
    const message = JSON.stringify(poke);
    for (const { socket, admitted } of this.spaces.get(spaceId) ?? []) {
      if (admitted && socket.readyState === socket.OPEN) socket.send(message);
    }
  }

  /**
   * Closes the audience's sockets: on this node at once, and on the other nodes sharing the
   * database as the announcement reaches them.
   */
  async disconnect(audience: LiveAudience, code: number, reason: string): Promise<void> {
    this.closeHere(audience, code, reason);
    const order: CloseOrder = { audience, code, reason };
    await this.sql.notify(LIVE_CLOSE_CHANNEL, JSON.stringify(order));
  }

  /** How many admitted sockets listen to a space on this node. */
  count(spaceId: string): number {
    let admitted = 0;
    for (const listener of this.spaces.get(spaceId) ?? []) if (listener.admitted) admitted++;
    return admitted;
  }

  private closeHere(audience: LiveAudience, code: number, reason: string): void {
    const matches =
      'sessionId' in audience
        ? (listener: Listener) => listener.sessionId === audience.sessionId
        : (listener: Listener) => listener.userId === audience.userId;
    const spaceId = 'spaceId' in audience ? audience.spaceId : undefined;
    for (const [id, listeners] of this.spaces) {
      if (spaceId !== undefined && id !== spaceId) continue;
      for (const listener of listeners) {
        if (matches(listener)) listener.socket.close(code, reason);
      }
    }
  }

  private async announced(payload: string): Promise<void> {
    if (payload) {
      const { spaceId, version } = JSON.parse(payload) as SpaceVersion;
      this.poke(spaceId, version);
      return;
    }
    // The listening connection was lost and is back: announcements may be missing. Poke all.
    const ids = [...this.spaces.keys()];
    if (ids.length === 0) return;
    try {
      const rows = await this.sql.query<{ id: string; version: number }>(
        'SELECT id, version FROM spaces WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))',
        [JSON.stringify(ids)],
      );
      for (const row of rows) this.poke(row.id, row.version);
    } catch {
      // The database is unreachable again; the next reconnection pokes.
    }
  }

  private ping(): void {
    for (const listeners of this.spaces.values()) {
      for (const listener of listeners) {
        if (!listener.alive) {
          listener.socket.terminate();
          continue;
        }
        listener.alive = false;
        listener.socket.ping();
      }
    }
  }
}
