import { isDoneStatus, riskLevel, type Person, type Team, type Ticket } from '@core/index';
import { useLiveQuery } from 'dexie-react-hooks';
import { useShallow } from 'zustand/react/shallow';
import { ArrowLeft, ChartColumn, Download, Inbox, Maximize2, Save, X } from 'lucide-react';
import {
  lazy,
  Suspense,
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { EmptyState } from '../../components/EmptyState';
import { EmbeddedViewContext, PageHeader } from '../../components/PageHeader';
import { db } from '../../db/database';
import { useSetting } from '../../db/settings';
import { currentUserId } from '../../db/ticket-writes';
import { useNow } from '../../hooks';
import { hrefFor, navigate } from '../../router';
import { isTypingTarget } from '../../shortcuts';
import { useDeskStore } from '../../store';
import { LoadDemoDesk, useDemoLoading } from '../demo/LoadDemoDesk';
import { QueueActionDialog } from './actions/ActionDialogs';
import { closeDrillDown, useDrillDown } from './drill-down';
import { describeActionResult, type QueueAction } from './actions/bulk-writes';
import { QueueGrid, type GridCommand } from './QueueGrid';
import { RiskScanNotice } from './RiskScanNotice';
import { queueCounts, rowRiskScore, type QueueRow } from './queue-rows';
import { useQueueData } from './queue-store';
import { useQueueUi } from './queue-ui-store';
import { ColumnsMenu, FilterChips, FilterMenu, GroupBySelect, QueueSearch } from './QueueToolbar';
import { QueueIndex, runQueueQuery } from './queue-index';
import {
  BUILT_IN_VIEWS,
  NO_OFF_COLUMNS,
  RISK_OFF_COLUMNS,
  RISK_VIEW_IDS,
  type QueueView as SavedQueueView,
  type QueueViewState,
} from './view-state';
import { SaveViewDialog } from './views/SaveViewDialog';
import { defaultViewId, useQueueViews } from './views/saved-views';
import { ViewsNav } from './views/ViewsNav';

// The ticket beside the queue loads on first use, keeping it out of the queue's first load.
const TicketView = lazy(() =>
  import('../ticket/TicketView').then((module) => ({ default: module.TicketView })),
);

const NO_PEOPLE: Person[] = [];
const NO_TEAMS: Team[] = [];

/** How many open tickets each built-in view shows at `now`. */
function builtInCounts(rows: readonly QueueRow[], now: number, me: string): Record<string, number> {
  const counts = queueCounts(rows, now);
  let mine = 0;
  let waiting = 0;
  let highRisk = 0;
  for (const row of rows) {
    if (row.ticket.ownerId === me) mine++;
    if (row.ticket.status === 'pending_customer') waiting++;
    const risk = rowRiskScore(row, now);
    if (risk !== undefined && riskLevel(risk) === 'high') highRisk++;
  }
  return {
    all: counts.open,
    mine,
    breached: counts.breached,
    'at-risk': counts.atRisk,
    'high-risk': highRisk,
    unassigned: counts.unassigned,
    waiting,
  };
}

/**
 * Saves the selected tickets as CSV. The CSV writer (papaparse and core's transfer code) is fetched
 * on the first export, not with the queue: most sessions never export.
 */
const exportSelected = (ticketIds: readonly string[]) =>
  import('./actions/export-selected').then((module) => module.exportSelectedTickets(ticketIds));

/** "42 tickets: 30 open, 12 resolved or closed". */
function drillSummary(rows: readonly QueueRow[]): string {
  const done = rows.filter((row) => isDoneStatus(row.ticket.status)).length;
  const total = `${rows.length.toLocaleString()} ticket${rows.length === 1 ? '' : 's'}`;
  return done === 0
    ? `${total}, all open`
    : `${total}: ${(rows.length - done).toLocaleString()} open, ${done.toLocaleString()} resolved or closed`;
}

/** A value that follows `value` once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Picks the user's default view the first time the queue opens in a session. */
function useInitialView() {
  const viewId = useQueueUi((state) => state.viewId);
  const applyView = useQueueUi((state) => state.applyView);
  const views = useQueueViews();
  useEffect(() => {
    if (viewId !== undefined || !views.loaded) return;
    let cancelled = false;
    void defaultViewId(db).then((id) => {
      if (cancelled || useQueueUi.getState().viewId !== undefined) return;
      const view =
        [...views.builtIn, ...views.user].find((candidate) => candidate.id === id) ??
        BUILT_IN_VIEWS[0]!;
      applyView(view.id, view.state);
    });
    return () => {
      cancelled = true;
    };
  }, [viewId, views, applyView]);
  return views;
}

/** The escalation queue: every open escalation, live SLA clocks, views, bulk actions, split view. */
export function QueueView({ ticketId }: { ticketId?: string | undefined }) {
  // A change to the desk re-sorts 10,000 rows: React does it as interruptible background work,
  // so scrolling or typing meanwhile stays smooth; the queue shows the new rows a moment later.
  const data = useDeferredValue(useQueueData());
  // A report's drill-down replaces the open queue with exactly its tickets, until it is left.
  const drill = useDrillDown();
  const drilling = drill.status !== 'off';
  const sourceRows = drilling ? drill.rows : data.rows;
  const loadingDemo = useDemoLoading();
  // Everything but the scroll position: scrolling must not re-render the queue.
  const ui = useQueueUi(useShallow(({ scrollTop: _scrollTop, ...rest }) => rest));
  const views = useInitialView();
  const me = useLiveQuery(() => currentUserId(), []) ?? 'local-user';
  const people = useLiveQuery(() => db.people.orderBy('name').toArray(), []) ?? NO_PEOPLE;
  const teams = useLiveQuery(() => db.teams.orderBy('name').toArray(), []) ?? NO_TEAMS;
  const now = useNow(30_000);
  const pushToast = useDeskStore((state) => state.pushToast);
  const searchRef = useRef<HTMLInputElement>(null);
  const gridWrapRef = useRef<HTMLDivElement>(null);
  const [dialog, setDialog] = useState<{ action: QueueAction; tickets: Ticket[] } | null>(null);
  const [saving, setSaving] = useState(false);
  // With escalation risk off in Settings, its column, filter and "High risk" view step aside.
  const riskOff = useSetting('assist')?.risk === false;
  const offColumns = riskOff ? RISK_OFF_COLUMNS : NO_OFF_COLUMNS;

  const { state, editState, selection, setSelection, activeId, setActive, collapsed } = ui;
  // Typing stays instant; the queue follows once the typing pauses.
  const search = useDebounced(state.globalFilter, 120);
  // SLA states and risk scores are judged at the coarse clock, so "Breached" and "High risk" fill
  // up as time passes; other queries don't depend on the time and aren't re-run for it.
  const timeDependent =
    state.columnFilters.some((filter) => filter.id === 'sla' || filter.id === 'risk') ||
    state.sorting.some((sort) => sort.id === 'risk');
  const filterNow = timeDependent ? now : 0;
  // While only the soonest-due tickets are read, they are the true first lines of a view sorted
  // by SLA (a prefix of its order, whatever it filters); other views wait for the whole queue.
  const partial = !drilling && data.status === 'partial';
  const firstSort = state.sorting[0];
  const prefixHolds =
    !partial || (firstSort?.id === 'sla' && !firstSort.desc && state.grouping.length === 0);
  const query = useMemo(
    () => ({
      sorting: state.sorting,
      columnFilters: state.columnFilters,
      search,
      grouping: state.grouping,
      collapsed,
      now: filterNow,
      currentUserId: me,
    }),
    [state.sorting, state.columnFilters, search, state.grouping, collapsed, filterNow, me],
  );
  // A new sort, filter or view re-renders every line on screen: done as interruptible background
  // work, so the click's own frame stays short (the toolbar and headers follow at once).
  const deferredQuery = useDeferredValue(query);
  const { items, ticketRows } = useMemo(
    () => runQueueQuery(QueueIndex.of(prefixHolds ? sourceRows : []), deferredQuery),
    [sourceRows, prefixHolds, deferredQuery],
  );

  const selectedIds = useMemo(
    () => Object.keys(selection).filter((id) => selection[id]),
    [selection],
  );
  const rowsById = useMemo(
    () => new Map(sourceRows.map((row) => [row.ticket.id, row] as const)),
    [sourceRows],
  );
  // Tickets that closed or left the queue leave the selection too.
  useEffect(() => {
    if (selectedIds.some((id) => !rowsById.has(id))) {
      setSelection(
        Object.fromEntries(selectedIds.filter((id) => rowsById.has(id)).map((id) => [id, true])),
      );
    }
  }, [selectedIds, rowsById, setSelection]);

  const counts = useMemo(() => builtInCounts(data.rows, now, me), [data.rows, now, me]);

  const runAction = useCallback(
    (action: QueueAction) => {
      const ids = selectedIds.length ? selectedIds : activeId ? [activeId] : [];
      const tickets = ids.flatMap((id) => {
        const row = rowsById.get(id);
        return row ? [row.ticket] : [];
      });
      if (tickets.length === 0) {
        pushToast({
          tone: 'info',
          title: 'Choose a ticket first',
          body: 'Move to a ticket with j and k, or select some with x.',
        });
        return;
      }
      setDialog({ action, tickets });
    },
    [selectedIds, activeId, rowsById, pushToast],
  );

  const onCommand = useCallback(
    (command: GridCommand) => {
      const current = useQueueUi.getState();
      switch (command.kind) {
        case 'open':
          navigate(
            command.full
              ? { view: 'ticket', ticketId: command.id }
              : { view: 'queue', ticketId: command.id },
          );
          return;
        case 'close':
          if (ticketId) navigate({ view: 'queue' });
          return;
        case 'select': {
          const next = { ...current.selection };
          if (command.range && current.anchorId) {
            const ids = ticketRows.map((row) => row.ticket.id);
            const from = ids.indexOf(current.anchorId);
            const to = ids.indexOf(command.id);
            if (from >= 0 && to >= 0) {
              for (const id of ids.slice(Math.min(from, to), Math.max(from, to) + 1))
                next[id] = true;
              setSelection(next, command.id);
              return;
            }
          }
          if (next[command.id]) delete next[command.id];
          else next[command.id] = true;
          setSelection(next, command.id);
          return;
        }
        case 'select-all': {
          const every =
            ticketRows.length > 0 && ticketRows.every((row) => current.selection[row.ticket.id]);
          setSelection(
            every ? {} : Object.fromEntries(ticketRows.map((row) => [row.ticket.id, true])),
          );
          return;
        }
        case 'toggle-group': {
          const isOpen = !current.collapsed[command.id];
          const open = command.open ?? !isOpen;
          const next = { ...current.collapsed };
          if (open) delete next[command.id];
          else next[command.id] = true;
          useQueueUi.getState().setCollapsed(next);
          return;
        }
        case 'action':
          runAction(command.action);
          return;
      }
    },
    [ticketId, ticketRows, setSelection, runAction],
  );

  // "/" searches from anywhere in the queue (as in Gmail, GitHub and Zendesk).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // Stable callbacks, so the memoized toolbar and views list skip renders that change nothing.
  const applyView = ui.applyView;
  const selectView = useCallback(
    (view: SavedQueueView) => {
      if (useDrillDown.getState().status !== 'off') closeDrillDown(false);
      applyView(view.id, view.state);
      setActive(undefined);
    },
    [applyView, setActive],
  );
  const openSave = useCallback(() => setSaving(true), []);
  const setSearch = useCallback(
    (globalFilter: string) => editState((s) => ({ ...s, globalFilter })),
    [editState],
  );
  const setFilters = useCallback(
    (columnFilters: QueueViewState['columnFilters']) => editState((s) => ({ ...s, columnFilters })),
    [editState],
  );
  const setGrouping = useCallback(
    (grouping: QueueViewState['grouping']) => editState((s) => ({ ...s, grouping })),
    [editState],
  );
  const setColumns = useCallback(
    (update: Pick<QueueViewState, 'columnVisibility' | 'columnOrder'>) =>
      editState((s) => ({ ...s, ...update })),
    [editState],
  );

  const empty = !drilling && data.status === 'ready' && data.rows.length === 0;
  const openCount = data.rows.length;
  const viewName =
    drill.title ??
    [...views.builtIn, ...views.user].find((view) => view.id === ui.viewId)?.name ??
    'All open';
  const live = useMemo(() => queueCounts(data.rows, now), [data.rows, now]);
  const needsRisk =
    riskOff &&
    (state.columnFilters.some((filter) => filter.id === 'risk') ||
      state.sorting.some((sort) => sort.id === 'risk'));

  return (
    <div className={`queue-page${ticketId ? ' split' : ''}`}>
      <PageHeader
        title="Escalation queue"
        subtitle={
          data.status === 'ready'
            ? `${openCount.toLocaleString()} open · ${live.breached.toLocaleString()} breached · ${live.atRisk.toLocaleString()} at risk · ${live.unassigned.toLocaleString()} unassigned`
            : data.status === 'error'
              ? `The queue could not be read: ${data.error ?? 'unknown error'}`
              : partial
                ? 'Reading the rest of the queue…'
                : 'Reading the local database…'
        }
      />
      {empty || loadingDemo ? (
        <EmptyState icon={Inbox} title="No open escalations" actions={<LoadDemoDesk />}>
          <p>
            Every escalation that is still open will be listed here with its level, owner and a live
            SLA clock, so nothing falls through the cracks.
          </p>
          <p className="muted">
            The desk keeps its data in this computer&apos;s local database and works with no network
            connection.
          </p>
        </EmptyState>
      ) : (
        <div className="queue-layout">
          <ViewsNav
            activeId={drilling ? '' : (ui.viewId ?? 'all')}
            counts={counts}
            onSelect={selectView}
            onSaveCurrent={openSave}
            hiddenIds={riskOff ? RISK_VIEW_IDS : undefined}
          />
          <section className="queue-main" aria-label={`Queue: ${viewName}`}>
            {drilling ? (
              <div className="drill-banner" role="region" aria-label="Report drill-down">
                <ChartColumn size={18} aria-hidden />
                <p>
                  <strong>From Reports: {drill.title}</strong>
                  <span className="muted">
                    {drill.status === 'loading'
                      ? ' · reading the tickets…'
                      : drill.status === 'error'
                        ? ` · the tickets could not be read: ${drill.error ?? 'unknown error'}`
                        : ` · ${drillSummary(drill.rows)}`}
                  </span>
                </p>
                <a className="button secondary" href="#/reports">
                  <ArrowLeft size={16} aria-hidden /> Back to reports
                </a>
                <button type="button" className="button secondary" onClick={() => closeDrillDown()}>
                  <X size={16} aria-hidden /> Show the open queue
                </button>
              </div>
            ) : null}
            <div className="queue-toolbar">
              <QueueSearch ref={searchRef} value={state.globalFilter} onChange={setSearch} />
              <FilterMenu
                rows={sourceRows}
                now={now}
                filters={state.columnFilters}
                onChange={setFilters}
                offColumns={offColumns}
              />
              <GroupBySelect grouping={state.grouping} onChange={setGrouping} />
              <ColumnsMenu state={state} onChange={setColumns} offColumns={offColumns} />
              <button type="button" className="button secondary" onClick={() => setSaving(true)}>
                <Save size={16} aria-hidden /> Save view
              </button>
              <span className="queue-shown" aria-live="polite">
                {partial
                  ? 'Reading every open escalation…'
                  : `${ticketRows.length.toLocaleString()} shown`}
                {ui.edited ? <span className="muted"> · edited</span> : null}
              </span>
            </div>
            <FilterChips rows={sourceRows} filters={state.columnFilters} onChange={setFilters} />
            {needsRisk ? (
              <p className="queue-notice" role="note">
                Escalation risk is switched off in{' '}
                <a href={hrefFor({ view: 'settings' })}>Settings → Assist</a>, so this view&apos;s
                risk filter and sort have no scores to go by.
              </p>
            ) : null}
            {riskOff || drilling ? null : <RiskScanNotice rows={data.rows} />}
            {selectedIds.length ? (
              <div className="bulk-bar" role="toolbar" aria-label="Selected tickets">
                <strong>{selectedIds.length.toLocaleString()} selected</strong>
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => runAction('assign')}
                >
                  Assign…
                </button>
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => runAction('escalate')}
                >
                  Escalate…
                </button>
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => runAction('priority')}
                >
                  Priority…
                </button>
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => runAction('resolve')}
                >
                  Resolve…
                </button>
                <button
                  type="button"
                  className="button secondary"
                  onClick={() =>
                    void exportSelected(selectedIds).then(
                      (file) =>
                        pushToast({
                          tone: 'success',
                          title: `Exported ${selectedIds.length} tickets`,
                          body: file,
                        }),
                      (error: unknown) =>
                        pushToast({
                          tone: 'danger',
                          title: 'Export failed',
                          body: error instanceof Error ? error.message : String(error),
                        }),
                    )
                  }
                >
                  <Download size={16} aria-hidden /> Export
                </button>
                <button type="button" className="link-button" onClick={() => setSelection({})}>
                  Clear selection
                </button>
              </div>
            ) : null}
            <div className="queue-grid-wrap" ref={gridWrapRef}>
              <QueueGrid
                busy={partial || drill.status === 'loading'}
                scrollKey={`${ui.viewId ?? ''}|${state.grouping.join(',')}`}
                items={items}
                ticketCount={ticketRows.length}
                state={state}
                onStateChange={editState}
                activeId={activeId}
                openId={ticketId}
                selection={selection}
                selectedCount={selectedIds.length}
                now={now}
                initialScrollTop={useQueueUi.getState().scrollTop}
                onScroll={ui.setScrollTop}
                onActiveChange={setActive}
                onCommand={onCommand}
                offColumns={offColumns}
              />
              {drilling ? (
                drill.status === 'ready' && ticketRows.length === 0 ? (
                  <p className="queue-empty">
                    {drill.rows.length === 0
                      ? 'This part of the report has no tickets.'
                      : 'No ticket of this drill-down matches the search or filters.'}
                  </p>
                ) : null
              ) : data.status === 'ready' && ticketRows.length === 0 ? (
                <p className="queue-empty">No open escalation matches this view.</p>
              ) : null}
            </div>
          </section>
          {ticketId ? (
            <aside className="ticket-pane" aria-labelledby="pane-title">
              <div className="pane-toolbar">
                <button
                  type="button"
                  className="icon-button"
                  aria-label="Open full screen"
                  title="Open full screen (Shift+Enter)"
                  onClick={() => navigate({ view: 'ticket', ticketId })}
                >
                  <Maximize2 size={16} aria-hidden />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label="Close the ticket"
                  title="Close (Esc)"
                  onClick={() => navigate({ view: 'queue' })}
                >
                  <X size={16} aria-hidden />
                </button>
              </div>
              <EmbeddedViewContext.Provider value={true}>
                <Suspense fallback={<p className="muted">Opening {ticketId}…</p>}>
                  <TicketView ticketId={ticketId} />
                </Suspense>
              </EmbeddedViewContext.Provider>
            </aside>
          ) : null}
        </div>
      )}
      {dialog ? (
        <QueueActionDialog
          action={dialog.action}
          tickets={dialog.tickets}
          people={people}
          teams={teams}
          open
          onOpenChange={(open) => {
            if (!open) {
              setDialog(null);
              document.querySelector<HTMLElement>('.queue-grid')?.focus();
            }
          }}
          onDone={(result) => {
            pushToast({
              tone: result.skipped.length ? 'warning' : 'success',
              title: describeActionResult(dialog.action, result),
            });
            if (dialog.tickets.length > 1) setSelection({});
          }}
        />
      ) : null}
      <SaveViewDialog
        open={saving}
        onOpenChange={setSaving}
        state={state}
        existing={views.user}
        onSaved={(view) => {
          ui.applyView(view.id, view.state);
          pushToast({ tone: 'success', title: `Saved the view “${view.name}”` });
        }}
      />
    </div>
  );
}
