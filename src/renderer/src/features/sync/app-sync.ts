import { db } from '../../db/database';
import { SyncEngine, type LiveSocketConstructor } from './sync-engine';
import { syncStore } from './sync-store';
import { hostSessions } from './host-sessions';

let engine: SyncEngine | undefined;

/** The app's one sync engine, on the desk's database (created on first use, started by App). */
export function appSyncEngine(): SyncEngine {
  engine ??= new SyncEngine({
    db,
    fetch: (url, init) => fetch(url, init),
    WebSocket:
      typeof WebSocket === 'undefined' ? undefined : (WebSocket satisfies LiveSocketConstructor),
    sessions: hostSessions,
    store: syncStore,
    onlineEvents: window,
  });
  return engine;
}

/** Starts team sync when a connection is saved (nothing happens otherwise); returns the stop. */
export function startAppSync(): () => void {
  const sync = appSyncEngine();
  void sync.start();
  return () => sync.stop();
}
