import { Keyboard } from 'lucide-react';
import { hrefFor, type Route } from '../router';
import { useDeskStore } from '../store';
import { VIEW_ENTRIES } from '../views';
import { Logo } from './Logo';

/** The main navigation between the desk's views. */
export function Sidebar({ current }: { current: Route['view'] }) {
  const setShortcutsOpen = useDeskStore((state) => state.setShortcutsOpen);
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
            return (
              <li key={entry.name}>
                <a
                  className={active ? 'nav-link active' : 'nav-link'}
                  href={hrefFor({ view: entry.name } as Route)}
                  aria-current={active ? 'page' : undefined}
                  aria-keyshortcuts={`g ${entry.key}`}
                >
                  <Icon size={18} aria-hidden="true" />
                  <span>{entry.label}</span>
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="sidebar-footer">
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
