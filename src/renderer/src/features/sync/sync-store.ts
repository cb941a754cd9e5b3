import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RejectionCode, SyncChange, SyncTable } from '@core/index';
import type { SyncSpace, SyncUser } from './sync-api';

/**
 * Where team sync stands, for the shell's status line and the Settings card:
 * - `off`: never set up, or signed out with nothing left to send (the desk is local only);
 * - `connecting`: starting, or syncing for the first time since the last problem;
 * - `online`: the last sync went through;
 * - `offline`: the server could not be reached; changes wait and sync retries;
 * - `signed_out`: a space is kept (with changes waiting) but the sign-in ended;
 * - `error`: the server refused (not a member, a bad answer); the error says why.
 */
export const SYNC_STATUSES = [
  'off',
  'connecting',
  'online',
  'offline',
  'signed_out',
  'error',
] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

/** The `syncMeta` key of the refused changes the desk lists (RejectedChange[], newest last). */
export const REJECTED_KEY = 'rejected';

/** A local change the server refused, why, and its row as the server has it. */
export interface RejectedChange {
  mid: number;
  table: SyncTable;
  id: string;
  code: RejectionCode;
  reason: string;
  /** When the refusal arrived. */
  at: number;
  serverRow: SyncChange | null;
  /**
   * The desk kept its own version of the row (the server has none it would give, or the change
   * never went): only this desk has it. Otherwise the desk took the server's version.
   */
  kept?: true;
}

/** A change from the server the desk could not read, and so did not apply. */
export interface SkippedChange {
  table: string;
  id: string;
  problem: string;
  at: number;
}

/** How far queueing the desk's existing rows has come when joining a space. */
export interface SyncProgress {
  done: number;
  total: number;
}

/** The sync engine's state, as the UI shows it. */
export interface SyncState {
  status: SyncStatus;
  /** A sync (push and pull) is running. */
  syncing: boolean;
  serverUrl: string | undefined;
  /** The signed-in account (or the last one, while signed out with a space kept). */
  user: SyncUser | undefined;
  /** The space this desk syncs with. */
  space: SyncSpace | undefined;
  /** Local changes waiting to be sent. */
  pending: number;
  lastSyncAt: number | undefined;
  rejected: RejectedChange[];
  skipped: SkippedChange[];
  /** The last problem, as a sentence (the server's own when it sent one). */
  error: string | undefined;
  /** Set while the desk's existing rows are queued for a new space. */
  progress: SyncProgress | undefined;
  /** False when the sign-in lasts for this session only (no secure place to keep it). */
  tokenKept: boolean | undefined;
}

/** The state before the engine has read anything. */
export const INITIAL_SYNC_STATE: SyncState = {
  status: 'off',
  syncing: false,
  serverUrl: undefined,
  user: undefined,
  space: undefined,
  pending: 0,
  lastSyncAt: undefined,
  rejected: [],
  skipped: [],
  error: undefined,
  progress: undefined,
  tokenKept: undefined,
};

/** A store for one sync engine's state. */
export function createSyncStore(): StoreApi<SyncState> {
  return createStore<SyncState>()(() => INITIAL_SYNC_STATE);
}

/** The app's sync state (its engine writes here; see app-sync.ts). */
export const syncStore = createSyncStore();

/** Reads the sync state in a component, re-rendering when the selected part changes. */
export function useSyncState<T>(
  selector: (state: SyncState) => T,
  store: StoreApi<SyncState> = syncStore,
): T {
  return useStore(store, selector);
}
