import { TABLE_NOUN, type SyncTable } from '@core/index';
import { formatDateTime } from '../../format';
import type { SyncState } from './sync-store';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** When the last sync was, as the status line says it: "10:42" today, else with the day. */
export function formatSyncTime(at: number, now: number = Date.now()): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return sameDay ? clock.format(at) : formatDateTime(at, now);
}

/** "1 change" or "12 changes". */
export function changesCount(count: number): string {
  return `${count.toLocaleString('en')} ${count === 1 ? 'change' : 'changes'}`;
}

/** How the status line looks: calm, fine, waiting or wrong. */
export type SyncTone = 'muted' | 'ok' | 'warn' | 'danger';

/** The shell's one-line sync status, and its tone. */
export function syncStatusLine(
  state: Pick<SyncState, 'status' | 'syncing' | 'pending' | 'lastSyncAt'>,
  formatTime: (at: number) => string = formatSyncTime,
): { text: string; tone: SyncTone } {
  const waiting = state.pending > 0 ? ` — ${changesCount(state.pending)} waiting` : '';
  switch (state.status) {
    case 'off':
      return { text: 'Local only', tone: 'muted' };
    case 'signed_out':
      return { text: `Signed out${waiting || ' of sync'}`, tone: 'warn' };
    case 'error':
      return { text: `Sync problem${waiting}`, tone: 'danger' };
    case 'offline':
      return state.syncing
        ? { text: 'Syncing…', tone: 'muted' }
        : { text: `Offline${waiting}`, tone: 'warn' };
    case 'connecting':
      return { text: state.syncing ? 'Syncing…' : 'Connecting…', tone: 'muted' };
    case 'online':
      if (state.syncing) return { text: 'Syncing…', tone: 'muted' };
      return {
        text: state.lastSyncAt === undefined ? 'Synced' : `Synced ${formatTime(state.lastSyncAt)}`,
        tone: 'ok',
      };
  }
}

/** What a refused or skipped row was, in the desk's words: "ticket ESC-1042". */
export function rowLabel(table: string, id: string): string {
  const noun = (TABLE_NOUN as Partial<Record<string, string>>)[table as SyncTable];
  return noun ? `${noun} ${id}` : `${table} ${id}`;
}
