import { useLiveQuery } from 'dexie-react-hooks';
import { Keyboard } from 'lucide-react';
import { db } from '../db/database';
import { QueueNavCounts } from '../features/queue/QueueNavCounts';
import { SyncStatus } from '../features/sync/SyncStatus';
import { hrefFor, type Route } from '../router';
import { useDeskStore } from '../store';
import { VIEW_ENTRIES } from '../views';
import { Logo } from './Logo';

const count = new Intl.NumberFormat('en');

/** The badge text: the count, capped so the badge stays small. */
function badgeText(newAlerts: number): string {
  return newAlerts > 99 ? '99+' : String(newAlerts);
}

/** Forgets the refused changes listed (the sync engine loads with Settings, not the shell). */
function dismissRefusedChanges(): void {
  void import('../features/sync/app-sync').then(({ appSyncEngine }) =>
    appSyncEngine().dismissRejected(),
  );
}

/** The main navigation between the desk's views; Alerts shows how many alerts are new. */
export function Sidebar({ current }: { current: Route['view'] }) {
  const setShortcutsOpen = useDeskStore((state) => state.setShortcutsOpen);
  const newAlerts = useLiveQuery(() => db.firedAlerts.where('state').equals('new').count(), []);
  return (
    <aside className="sidebar">
      <div className="brand">
        <Logo size={28} />
        <span className="brand-name">Escalation Desk</span>
      </div>
      <nav aria-label="Main">
        <ul className="nav-list">
          {VIEW_ENTRIES.map((entry) => {
            const Icon = entry.icon;
            const active = current === entry.name;
            const badge = entry.name === 'alerts' && newAlerts ? newAlerts : 0;
            return (
              <li key={entry.name}>
                <a
                  className={active ? 'nav-link active' : 'nav-link'}
                  href={hrefFor({ view: entry.name } as Route)}
                  aria-current={active ? 'page' : undefined}
                  aria-keyshortcuts={`g ${entry.key}`}
                  aria-label={badge ? `${entry.label}, ${count.format(badge)} new` : undefined}
                >
                  <Icon size={18} aria-hidden="true" />
                  <span>{entry.label}</span>
                  {badge ? (
                    <span className="nav-badge" aria-hidden="true">
                      {badgeText(badge)}
                    </span>
                  ) : null}
                </a>
                {entry.name === 'queue' ? <QueueNavCounts /> : null}
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="sidebar-footer">
        <SyncStatus onDismissRefused={dismissRefusedChanges} />
        <button type="button" className="link-button" onClick={() => setShortcutsOpen(true)}>
          <Keyboard size={16} aria-hidden="true" />
          <span>Shortcuts</span>
          <kbd>?</kbd>
        </button>
        <p className="storage-note">Data is stored on this computer and works offline.</p>
      </div>
    </aside>
  );
}
