import {
  CloudAlert,
  CloudCheck,
  CloudOff,
  HardDrive,
  LogIn,
  RefreshCw,
  TriangleAlert,
  type LucideIcon,
} from 'lucide-react';
import { Button, Dialog, DialogTrigger, Heading, Popover } from 'react-aria-components';
import type { StoreApi } from 'zustand/vanilla';
import { hrefFor } from '../../router';
import { RefusedList } from './RefusedList';
import { showSyncCard } from './sync-card-focus';
import { syncStore, useSyncState, type SyncState } from './sync-store';
import { changesCount, syncStatusLine } from './sync-text';
import './sync.css';

const ICONS: Readonly<Record<SyncState['status'] | 'syncing', LucideIcon>> = {
  off: HardDrive,
  connecting: RefreshCw,
  syncing: RefreshCw,
  online: CloudCheck,
  offline: CloudOff,
  signed_out: LogIn,
  error: CloudAlert,
};

/** The status line's icon. */
function SyncIcon({ state }: { state: SyncState }) {
  const Icon = ICONS[state.syncing && state.status !== 'signed_out' ? 'syncing' : state.status];
  return <Icon size={16} aria-hidden="true" />;
}

/**
 * The shell's sync status, always in view: "Local only", "Synced 10:42", "Offline — 12 changes
 * waiting"… It opens Settings at Team sync; refused changes open a list of why.
 */
export function SyncStatus({
  store = syncStore,
  onDismissRefused,
}: {
  store?: StoreApi<SyncState>;
  /** Forgets the refused changes listed (the engine's dismissRejected). */
  onDismissRefused?: () => void;
}) {
  const state = useSyncState((current) => current, store);
  const line = syncStatusLine(state);
  const refused = state.rejected.length;
  return (
    <div className="sync-status">
      <a
        className={`sync-status-link tone-${line.tone}`}
        href={hrefFor({ view: 'settings' })}
        title={state.error ?? undefined}
        onClick={showSyncCard}
      >
        <SyncIcon state={state} />
        <span role="status">{line.text}</span>
      </a>
      {refused > 0 ? (
        <DialogTrigger>
          <Button className="sync-refused-button">
            <TriangleAlert size={14} aria-hidden="true" />
            {changesCount(refused)} refused
          </Button>
          <Popover placement="top start" offset={6} className="queue-popover sync-popover">
            <Dialog aria-labelledby="sync-refused-title" className="queue-popover-body">
              {({ close }) => (
                <>
                  <Heading slot="title" id="sync-refused-title" className="popover-title">
                    Changes the server refused
                  </Heading>
                  <RefusedList rejected={state.rejected} />
                  {onDismissRefused ? (
                    <button
                      type="button"
                      className="button small"
                      onClick={() => {
                        onDismissRefused();
                        close();
                      }}
                    >
                      Clear the list
                    </button>
                  ) : null}
                </>
              )}
            </Dialog>
          </Popover>
        </DialogTrigger>
      ) : null}
    </div>
  );
}
