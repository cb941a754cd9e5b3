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

interface Listener {
  socket: WebSocket;
  userId: string;
  alive: boolean;
}

/**
 * The desks listening to each space on this node. Pushes announce new versions through the
 * database (`NOTIFY`), so a push on any node pokes listeners on every node.
 */
export class LiveSpaces {
  private readonly spaces = new Map<string, Set<Listener>>();
  private stopListening: (() => Promise<void>) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly heartbeatMs = 30_000,
  ) {}

  /** Starts listening for pushes, and pinging sockets so dead ones are dropped. */
  async start(): Promise<void> {
    this.stopListening = await this.sql.listen(SYNC_CHANNEL, (payload) => {
      void this.announced(payload);
    });
    this.heartbeat = setInterval(() => this.ping(), this.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Stops listening and closes every socket. */
  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.stopListening?.();
    this.stopListening = undefined;
    for (const listeners of this.spaces.values()) {
      for (const { socket } of listeners) {
        socket.close(LIVE_CLOSE.goingAway, 'The server is shutting down.');
      }
    }
    this.spaces.clear();
  }

  /** Adds a desk's socket to a space until it closes. */
  add(spaceId: string, userId: string, socket: WebSocket): void {
    const listener: Listener = { socket, userId, alive: true };
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
  }

  /** Tells every desk listening to the space that it changed. */
  poke(spaceId: string, version: number): void {
    const poke: SyncPoke = { type: 'poke', version };
    const message = JSON.stringify(poke);
    for (const { socket } of this.spaces.get(spaceId) ?? []) {
      if (socket.readyState === socket.OPEN) socket.send(message);
    }
  }

  /** Closes an account's sockets on this node: in one space, or all when `spaceId` is absent. */
  disconnect(userId: string, code: number, reason: string, spaceId?: string): void {
    for (const [id, listeners] of this.spaces) {
      if (spaceId !== undefined && id !== spaceId) continue;
      for (const listener of listeners) {
        if (listener.userId === userId) listener.socket.close(code, reason);
      }
    }
  }

  /** How many sockets listen to a space on this node. */
  count(spaceId: string): number {
    return this.spaces.get(spaceId)?.size ?? 0;
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
