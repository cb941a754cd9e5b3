import { roleAtLeast } from '@core/index';
import { Info } from 'lucide-react';
import type { StoreApi } from 'zustand/vanilla';
import { hrefFor } from '../../router';
import { showSyncCard } from './sync-card-focus';
import { syncStore, useSyncState, type SyncState } from './sync-store';
import './sync.css';

/**
 * Above the rules editors (policies, calendars, matrix) of a desk in a team space, for an account
 * that may not change the team's rules: what saving here does. A change to one of the team's rules
 * is refused at the next sync and the team's version comes back; a rule of this desk only (see
 * Settings → Team sync) stays on this desk.
 */
export function TeamRulesNotice({ store = syncStore }: { store?: StoreApi<SyncState> }) {
  const space = useSyncState((state) => state.space, store);
  const role = useSyncState((state) => state.user?.role, store);
  if (!space || !role || roleAtLeast(role, 'manager')) return null;
  return (
    <div className="sync-notice team-rules-notice" role="note" aria-label="Team rules">
      <Info size={16} aria-hidden="true" />
      <p>
        This desk syncs with “{space.name}”, where you are {role === 'agent' ? 'an' : 'a'} {role}:
        only managers and admins change the team’s rules. A change you save to one of them is
        refused at the next sync, and the team’s version comes back. A rule of{' '}
        <a href={hrefFor({ view: 'settings' })} onClick={showSyncCard}>
          this desk only
        </a>{' '}
        stays on this desk.
      </p>
    </div>
  );
}
