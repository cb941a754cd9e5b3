import { lazy, Suspense, useEffect, useLayoutEffect, useRef, type ComponentType } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { focusViewHeading } from './components/PageHeader';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { Sidebar } from './components/Sidebar';
import { Toasts } from './components/Toasts';
import { NewEscalationView } from './features/new-escalation/NewEscalationView';
import { NotFoundView } from './features/NotFoundView';
import { QueueView } from './features/queue/QueueView';
import { startQueueData, useQueueData } from './features/queue/queue-store';
import { host } from './host';
import { hrefFor, navigate, useRoute, type Route } from './router';
import { useGlobalShortcuts } from './shortcuts';
import { useThemeSync } from './theme';

// The queue is the first screen; the other views (but the new-escalation form, which must be
// ready to type into at once) and the alert engine load in their own chunks, so the queue's
// first rows don't wait for code they don't need.
const viewLoaders: (() => Promise<unknown>)[] = [];
function named<P extends object>(load: () => Promise<ComponentType<P>>) {
  viewLoaders.push(load);
  return lazy(async () => ({ default: await load() }));
}

/**
 * Fetches every view's chunk once the queue is up, so the desk keeps working when the network
 * goes (a store losing its connection mid-shift) even for views not opened yet.
 */
function preloadViews(): void {
  void Promise.all(viewLoaders.map((load) => load())).then(
    // Tests (and curious users) can see when the desk is ready to lose its connection.
    () => (document.documentElement.dataset.offlineReady = 'true'),
    () => undefined,
  );
}
const TicketView = named(() => import('./features/ticket/TicketView').then((m) => m.TicketView));
const AlertCentreView = named(() =>
  import('./features/alerts/AlertCentreView').then((m) => m.AlertCentreView),
);
const MatrixView = named(() => import('./features/matrix/MatrixView').then((m) => m.MatrixView));
const PoliciesView = named(() =>
  import('./features/policies/PoliciesView').then((m) => m.PoliciesView),
);
const ReportsView = named(() =>
  import('./features/reports/ReportsView').then((m) => m.ReportsView),
);
const SettingsView = named(() =>
  import('./features/settings/SettingsView').then((m) => m.SettingsView),
);

function RouteView({ route }: { route: Route }) {
  switch (route.view) {
    case 'queue':
      return <QueueView ticketId={route.ticketId} />;
    case 'new':
      return <NewEscalationView />;
    case 'ticket':
      return <TicketView ticketId={route.ticketId} />;
    case 'alerts':
      return <AlertCentreView />;
    case 'matrix':
      return <MatrixView />;
    case 'policies':
      return <PoliciesView />;
    case 'reports':
      return <ReportsView />;
    case 'settings':
      return <SettingsView />;
    case 'not-found':
      return <NotFoundView path={route.path} />;
  }
}

/** The desk's shell: navigation, the current view inside an error boundary, alerts. */
export function App() {
  const route = useRoute();
  const routeKey = hrefFor(route) + (route.view === 'not-found' ? route.path : '');
  // Opening a ticket beside the queue keeps focus in the queue: only a new view moves it.
  const focusKey = route.view === 'queue' ? 'queue' : routeKey;
  const firstRender = useRef(true);
  useThemeSync();
  useGlobalShortcuts();

  useEffect(
    () =>
      host.onNotificationClick((target) =>
        navigate('ticketId' in target ? { view: 'ticket', ticketId: target.ticketId } : target),
      ),
    [],
  );

  // The open escalations, in memory for the queue and the navigation's counts.
  useEffect(() => startQueueData(), []);

  // SLA alerts: derived from the desk's data and handed to the host, recorded when they fire
  // (and team sync, when set up, starts with them).
  // The whole-desk derivation starts once the queue has its rows (or after 5 s at the latest),
  // so the two big reads of start-up don't compete for the database and the queue shows first.
  // The other views' code (see preloadViews) is fetched just after: parsing a megabyte of it
  // while a large desk's queue was still loading held back its first rows.
  useEffect(() => {
    let engine: { stop(): void } | undefined;
    let stopSync: (() => void) | undefined;
    let stopped = false;
    let started = false;
    let preload: number | undefined;
    const start = () => {
      unsubscribe();
      window.clearTimeout(fallback);
      if (started) return;
      started = true;
      preload = window.setTimeout(preloadViews, 300);
      // A rules change whose clock refresh the last session didn't finish is finished now.
      void import('./features/rules/sla-refresh').then(({ resumeSlaRefresh }) =>
        resumeSlaRefresh(),
      );
      // Team sync, when a connection is saved (nothing happens otherwise).
      void import('./features/sync/app-sync').then(({ startAppSync }) => {
        if (!stopped) stopSync = startAppSync();
      });
      void import('./features/alerts/alert-engine').then(({ startAlertEngine }) => {
        if (stopped) return;
        const started = startAlertEngine(host);
        engine = started;
        // Tests and the queue benchmark can see when start-up's whole-desk alert work is done.
        void started.idle().then(() => {
          if (!stopped) document.documentElement.dataset.alertsReady = 'true';
        });
      });
    };
    const fallback = window.setTimeout(start, 5_000);
    const unsubscribe = useQueueData.subscribe((state) => {
      if (state.status === 'ready' || state.status === 'error') start();
    });
    const { status } = useQueueData.getState();
    if (status === 'ready' || status === 'error') start();
    return () => {
      stopped = true;
      unsubscribe();
      window.clearTimeout(fallback);
      window.clearTimeout(preload);
      engine?.stop();
      stopSync?.();
    };
  }, []);

  // Move focus to the new view's heading so keyboard and screen-reader users land in it. A layout
  // effect, so that a view which focuses a part of itself as it opens (Settings' Team sync card,
  // when a link asked for it) does so in its own effect, after this one.
  useLayoutEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    focusViewHeading();
  }, [focusKey]);

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main-content"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('page-title')?.focus();
        }}
      >
        Skip to content
      </a>
      <Sidebar current={route.view} />
      <main id="main-content" className="content">
        <ErrorBoundary resetKey={routeKey} onReset={() => navigate({ view: 'queue' })}>
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <RouteView route={route} />
          </Suspense>
        </ErrorBoundary>
      </main>
      <Toasts />
      <ShortcutsDialog />
    </div>
  );
}
