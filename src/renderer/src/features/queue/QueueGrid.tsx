import { useVirtualizer, defaultRangeExtractor, type Range } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, ChevronDown, ChevronRight } from 'lucide-react';
import { Tooltip, TooltipTriggerStateContext } from 'react-aria-components';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { statusLabel } from '@core/index';
import { formatMinutes } from '../../format';
import { hrefFor } from '../../router';
import { levelLabel } from '../ticket/labels';
import { rowRisk, rowRiskScore, type QueueRow } from './queue-rows';
import { RiskBadge, RiskReasonsList } from '../assist/RiskBadge';
import { isGroupItem, type QueueGroupItem, type QueueItem } from './queue-index';
import { COLUMN_LABELS, COLUMN_WIDTHS } from './queue-table';
import { useQueueTable } from './use-queue-table';
import { SlaCell, SlaTargetsList } from './SlaCell';
import { useSecondClock } from './live-clock';
import {
  NO_OFF_COLUMNS,
  type OffColumns,
  type QueueColumnId,
  type QueueViewState,
} from './view-state';

/** Every row is this tall, so the virtualizer never measures. */
export const ROW_HEIGHT = 36;
const HEADER_HEIGHT = 40;

/** A sortable header as the grid shows it. */
export interface QueueHeader {
  id: QueueColumnId;
  sorted: false | 'asc' | 'desc';
  /** Place in a multi-column sort (0 = first), -1 when not sorted. */
  sortIndex: number;
  canSort: boolean;
  onSort?: (event: unknown) => void;
}

/** What the keyboard and mouse can do in the grid; the queue view carries it out. */
export type GridCommand =
  | { kind: 'open'; id: string; full: boolean }
  | { kind: 'select'; id: string; range: boolean }
  | { kind: 'select-all' }
  | { kind: 'toggle-group'; id: string; open?: boolean }
  | { kind: 'action'; action: 'escalate' | 'assign' | 'resolve' }
  | { kind: 'close' };

export interface QueueGridProps {
  /** More lines are still being read. */
  busy: boolean;
  /** When this changes (another view, another grouping) the grid goes back to the top. */
  scrollKey: string;
  /** Every line of the queue, in order (tickets and group headers). */
  items: readonly QueueItem[];
  /** How many tickets the lines hold (collapsed groups included). */
  ticketCount: number;
  state: QueueViewState;
  onStateChange(update: (state: QueueViewState) => QueueViewState): void;
  activeId: string | undefined;
  openId: string | undefined;
  selection: Readonly<Record<string, boolean>>;
  selectedCount: number;
  /** The coarse clock for ages (the SLA cells tick on their own). */
  now: number;
  initialScrollTop: number;
  onScroll(scrollTop: number): void;
  onActiveChange(id: string): void;
  onCommand(command: GridCommand): void;
  /** Columns of switched-off features, hidden whatever the view says. */
  offColumns?: OffColumns;
}

/** The cell whose tooltip is shown. */
interface CellHover {
  row: QueueRow;
  column: 'sla' | 'risk';
}

/** The id of the details the "i" key shows for the active ticket (its row is described by them). */
const DETAILS_ID = 'queue-ticket-details';

function HoveredRisk({ row }: { row: QueueRow }) {
  const now = useSecondClock();
  const risk = rowRisk(row, now);
  return (
    <>
      <strong>{row.ticket.id} · Why this risk score</strong>
      {risk ? (
        <RiskReasonsList risk={risk} />
      ) : (
        <p>Not scored yet, or escalation risk is switched off in Settings.</p>
      )}
    </>
  );
}

function idOf(item: QueueItem): string {
  return isGroupItem(item) ? item.id : item.ticket.id;
}

function rowDomId(id: string): string {
  return `queue-row-${id}`;
}

function ageText(createdAt: number, now: number): string {
  return formatMinutes(Math.max(0, now - createdAt) / 60_000);
}

function Cell({ column, row, now }: { column: QueueColumnId; row: QueueRow; now: number }) {
  const { ticket } = row;
  switch (column) {
    case 'priority':
      return <span className={`chip priority-${ticket.priority}`}>{ticket.priority}</span>;
    case 'id':
      return (
        <a href={hrefFor({ view: 'queue', ticketId: ticket.id })} tabIndex={-1}>
          {ticket.id}
        </a>
      );
    case 'title':
      return <span title={ticket.title}>{ticket.title}</span>;
    case 'customer':
      return (
        <span title={`${row.customer} (${ticket.tier})`}>
          {row.customer} <span className="muted">· {ticket.tier}</span>
        </span>
      );
    case 'tier':
      return ticket.tier;
    case 'status':
      return statusLabel(ticket.status);
    case 'level':
      return <span title={levelLabel(ticket.level)}>L{ticket.level}</span>;
    case 'owner':
      return (
        <span title={[row.owner || 'Unassigned', row.team].filter(Boolean).join(' · ')}>
          {row.owner || <span className="muted">Unassigned</span>}
          {row.team ? <span className="muted"> · {row.team}</span> : null}
        </span>
      );
    case 'team':
      return row.team || <span className="muted">No team</span>;
    case 'sla':
      return <SlaCell sla={row.sla} />;
    case 'risk': {
      // The score alone: the reasons' words are built only for the tooltip.
      const score = rowRiskScore(row, now);
      return score === undefined ? <span className="muted">—</span> : <RiskBadge score={score} />;
    }
    case 'age':
      return ageText(ticket.createdAt, now);
    case 'channel':
      return ticket.channel;
    case 'category':
      return ticket.category.replaceAll('_', ' ');
    case 'select':
      return null;
  }
}

interface RowProps {
  /** The TanStack row id (the ticket id, or the group id). */
  rowId: string;
  item: QueueItem;
  index: number;
  start: number;
  columns: readonly QueueColumnId[];
  active: boolean;
  opened: boolean;
  selected: boolean;
  now: number;
  onCommand(command: GridCommand): void;
  onActiveChange(id: string): void;
  /** The pointer entered (or, without a row, left) an SLA or risk cell: its tooltip follows. */
  onCellHover(hover: CellHover | undefined, cell?: HTMLElement): void;
  /** The "i" key's details are shown for this row. */
  explained: boolean;
}

const GroupRowView = memo(function GroupRowView(props: RowProps) {
  const group = props.item as QueueGroupItem;
  return (
    <div
      role="row"
      id={rowDomId(props.rowId)}
      data-group-id={group.id}
      aria-rowindex={props.index + 2}
      className={`queue-row group-row${props.active ? ' active' : ''}`}
      style={{ transform: `translateY(${props.start}px)` }}
      onClick={() => {
        props.onActiveChange(props.rowId);
        props.onCommand({ kind: 'toggle-group', id: group.id });
      }}
    >
      <div role="gridcell" aria-colspan={props.columns.length} className="group-cell">
        {/* A grid row cannot carry aria-expanded (only a treegrid's can): its toggle does. */}
        <button type="button" tabIndex={-1} className="group-toggle" aria-expanded={group.open}>
          {group.open ? (
            <ChevronDown size={16} aria-hidden />
          ) : (
            <ChevronRight size={16} aria-hidden />
          )}
          <strong>
            {COLUMN_LABELS[group.column]}: {group.label}
          </strong>
        </button>
        <span className="group-count">{group.count.toLocaleString()}</span>
      </div>
    </div>
  );
});

const TicketRowView = memo(function TicketRowView(props: RowProps) {
  const { columns } = props;
  const row = props.item as QueueRow;
  const id = row.ticket.id;
  const onClick = (event: MouseEvent) => {
    if ((event.target as HTMLElement).closest('input')) return;
    event.preventDefault();
    props.onActiveChange(id);
    props.onCommand({ kind: 'open', id, full: event.metaKey || event.ctrlKey });
  };
  return (
    <div
      role="row"
      id={rowDomId(id)}
      data-ticket-id={id}
      aria-rowindex={props.index + 2}
      aria-selected={props.selected}
      aria-describedby={props.explained ? DETAILS_ID : undefined}
      className={`queue-row${props.active ? ' active' : ''}${props.selected ? ' selected' : ''}${props.opened ? ' opened' : ''}`}
      style={{ transform: `translateY(${props.start}px)` }}
      onClick={onClick}
    >
      {columns.map((column, c) => (
        <div
          role="gridcell"
          key={column}
          aria-colindex={c + 1}
          className={`queue-cell cell-${column}`}
          onMouseEnter={
            column === 'sla' || column === 'risk'
              ? (event) => props.onCellHover({ row, column }, event.currentTarget)
              : undefined
          }
          onMouseLeave={
            column === 'sla' || column === 'risk' ? () => props.onCellHover(undefined) : undefined
          }
        >
          {column === 'select' ? (
            <input
              type="checkbox"
              tabIndex={-1}
              checked={props.selected}
              aria-label={`Select ${id}`}
              onClick={(event) => {
                event.stopPropagation();
                props.onActiveChange(id);
                props.onCommand({ kind: 'select', id, range: event.shiftKey });
              }}
              onChange={() => undefined}
            />
          ) : (
            <Cell column={column} row={row} now={props.now} />
          )}
        </div>
      ))}
    </div>
  );
});

function HeaderCell(props: {
  header: QueueHeader;
  index: number;
  allSelected: boolean | 'mixed';
  onCommand(command: GridCommand): void;
}) {
  const { header } = props;
  if (header.id === 'select') {
    return (
      <div role="columnheader" aria-colindex={props.index + 1} className="queue-cell cell-select">
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label="Select every ticket shown"
          checked={props.allSelected === true}
          ref={(input) => {
            if (input) input.indeterminate = props.allSelected === 'mixed';
          }}
          onChange={() => props.onCommand({ kind: 'select-all' })}
        />
      </div>
    );
  }
  const label = COLUMN_LABELS[header.id];
  const sort =
    header.sorted === 'asc' ? 'ascending' : header.sorted === 'desc' ? 'descending' : 'none';
  return (
    <div
      role="columnheader"
      aria-colindex={props.index + 1}
      aria-sort={header.canSort ? sort : undefined}
      className={`queue-cell cell-${header.id}`}
    >
      {header.canSort ? (
        <button
          type="button"
          className="sort-button"
          tabIndex={-1}
          onClick={header.onSort}
          title={`Sort by ${label.toLowerCase()} (Shift-click to add to the sort)`}
        >
          {label}
          {header.sorted === 'asc' ? <ArrowUp size={14} aria-hidden /> : null}
          {header.sorted === 'desc' ? <ArrowDown size={14} aria-hidden /> : null}
          {header.sorted && header.sortIndex > 0 ? (
            <span className="sort-index" aria-hidden>
              {header.sortIndex + 1}
            </span>
          ) : null}
        </button>
      ) : (
        label
      )}
    </div>
  );
}

const PAGE_ROWS = 10;

/**
 * The virtualized escalation queue: a WAI-ARIA grid that keeps focus on itself and points at the
 * active row (aria-activedescendant), so the active row is always rendered and keys work anywhere.
 */
export function QueueGrid(props: QueueGridProps) {
  const { items, activeId, onCommand, onActiveChange } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const activeIndex =
    activeId === undefined ? -1 : items.findIndex((item) => idOf(item) === activeId);
  const activeIndexRef = useRef(activeIndex);
  activeIndexRef.current = activeIndex;

  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    const active = activeIndexRef.current;
    if (active >= 0 && !indexes.includes(active)) indexes.push(active);
    return indexes;
  }, []);

  // The virtualizer is read on each render on purpose (no compiler memoization here).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // Rows entering on a scroll render in their own task, not inside the scroll event: the frame
    // is drawn with the rows already there (the overscan covers a frame's scroll) and isn't held.
    useFlushSync: false,
    // The scroll position the queue keeps (for coming back from a ticket) is the virtualizer's
    // own: reading the element's scrollTop in a scroll handler forced a layout of fresh rows.
    onChange: (instance) => props.onScroll(instance.scrollOffset ?? 0),
    scrollPaddingStart: HEADER_HEIGHT,
    rangeExtractor,
    initialOffset: props.initialScrollTop,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const windowKey = virtualItems.map((virtual) => virtual.index).join(',');
  // The lines on screen; a new array only when the window or the lines change.
  const windowItems = useMemo(
    () =>
      windowKey
        .split(',')
        .filter(Boolean)
        .map((i) => items[Number(i)]!),
    [items, windowKey],
  );
  const offColumns = props.offColumns ?? NO_OFF_COLUMNS;
  const { rows, headers } = useQueueTable({
    window: windowItems,
    state: props.state,
    onStateChange: props.onStateChange,
    offColumns,
  });
  const columnKey = headers.map((header) => header.id).join(' ');
  // One array per column set, so the memoized rows only re-render when the columns change.
  const columns = useMemo(() => columnKey.split(' ') as QueueColumnId[], [columnKey]);
  const template = columns.map((column) => COLUMN_WIDTHS[column]).join(' ');
  // The narrowest the columns may get before the grid scrolls sideways.
  const minWidth = columns.reduce(
    (sum, column) => sum + parseInt(/\d+/.exec(COLUMN_WIDTHS[column])![0]),
    0,
  );
  // Back from a ticket: land where the user left off.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element && props.initialScrollTop) element.scrollTop = props.initialScrollTop;
    // Only on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const scrollKeyRef = useRef(props.scrollKey);
  useEffect(() => {
    if (scrollKeyRef.current === props.scrollKey) return;
    scrollKeyRef.current = props.scrollKey;
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [props.scrollKey]);

  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  const move = (to: number) => {
    if (items.length === 0) return;
    const index = Math.max(0, Math.min(items.length - 1, to));
    onActiveChange(idOf(items[index]!));
  };

  // One tooltip for the whole grid, following the SLA or risk cell under the pointer.
  const [hovered, setHovered] = useState<CellHover | undefined>(undefined);
  const hoveredCell = useRef<HTMLElement | null>(null);
  const hoverTimer = useRef(0);
  const onCellHover = useCallback((hover: CellHover | undefined, cell?: HTMLElement) => {
    window.clearTimeout(hoverTimer.current);
    if (!hover) {
      setHovered(undefined);
      return;
    }
    hoverTimer.current = window.setTimeout(() => {
      hoveredCell.current = cell ?? null;
      setHovered(hover);
    }, 350);
  }, []);
  useEffect(() => () => window.clearTimeout(hoverTimer.current), []);

  // The "i" key: the active ticket's SLA targets and risk reasons, for keyboard users (the grid
  // keeps focus on itself, so no cell is ever focused to show a tooltip). It follows j and k.
  const [explaining, setExplaining] = useState(false);
  const activeItem = activeIndex >= 0 ? items[activeIndex] : undefined;
  const explained = explaining && activeItem && !isGroupItem(activeItem) ? activeItem : undefined;
  const [explainedCell, setExplainedCell] = useState<HTMLElement | null>(null);
  const explainedCellRef = useRef<HTMLElement | null>(null);
  explainedCellRef.current = explainedCell;
  const explainedId = explained?.ticket.id;
  useLayoutEffect(() => {
    const row = explainedId ? document.getElementById(rowDomId(explainedId)) : null;
    setExplainedCell(row?.querySelector<HTMLElement>('.cell-risk, .cell-sla') ?? row);
  }, [explainedId, columnKey]);

  const tooltipState = useMemo(
    () => ({
      isOpen: true,
      shouldSkipAnimation: true,
      open: () => undefined,
      close: () => {
        setHovered(undefined);
        setExplaining(false);
      },
    }),
    [],
  );

  const lastG = useRef(0);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    // "g" then a key is the desk's navigation ("g a" goes to Alerts): leave that pair alone.
    if (event.key === 'g') {
      lastG.current = event.timeStamp || 1;
      return;
    }
    if (lastG.current && event.timeStamp - lastG.current < 1500) {
      lastG.current = 0;
      return;
    }
    lastG.current = 0;
    const active = activeIndex >= 0 ? items[activeIndex] : undefined;
    const group = active && isGroupItem(active) ? active : undefined;
    const ticketId = active && !isGroupItem(active) ? active.ticket.id : undefined;
    const handled = () => event.preventDefault();
    switch (event.key) {
      case 'j':
      case 'ArrowDown':
        handled();
        return move(activeIndex + 1);
      case 'k':
      case 'ArrowUp':
        handled();
        return move(activeIndex < 0 ? 0 : activeIndex - 1);
      case 'Home':
        handled();
        return move(0);
      case 'End':
        handled();
        return move(items.length - 1);
      case 'PageDown':
        handled();
        return move(activeIndex + PAGE_ROWS);
      case 'PageUp':
        handled();
        return move(activeIndex - PAGE_ROWS);
      case 'ArrowRight':
      case 'ArrowLeft':
        if (group) {
          handled();
          onCommand({ kind: 'toggle-group', id: group.id, open: event.key === 'ArrowRight' });
        }
        return;
      case 'Enter':
        if (group) {
          handled();
          onCommand({ kind: 'toggle-group', id: group.id });
        } else if (ticketId) {
          handled();
          onCommand({ kind: 'open', id: ticketId, full: event.shiftKey });
        }
        return;
      case 'x':
      case ' ':
        if (ticketId) {
          handled();
          onCommand({ kind: 'select', id: ticketId, range: event.shiftKey });
        }
        return;
      case 'X':
        if (ticketId) {
          handled();
          onCommand({ kind: 'select', id: ticketId, range: true });
        }
        return;
      case 'e':
        handled();
        return onCommand({ kind: 'action', action: 'escalate' });
      case 'a':
        handled();
        return onCommand({ kind: 'action', action: 'assign' });
      case 'r':
        handled();
        return onCommand({ kind: 'action', action: 'resolve' });
      case 'i':
        if (ticketId) {
          handled();
          setExplaining((open) => !open);
        }
        return;
      case 'Escape':
        // The details close first; the ticket beside the queue on the next Escape.
        if (explaining) {
          handled();
          return setExplaining(false);
        }
        return onCommand({ kind: 'close' });
    }
  };

  const ticketCount = props.ticketCount;
  const allSelected =
    props.selectedCount === 0
      ? false
      : props.selectedCount >= ticketCount && ticketCount > 0
        ? true
        : 'mixed';

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label="Escalation queue"
      aria-rowcount={items.length + 1}
      aria-colcount={columns.length}
      aria-multiselectable
      aria-busy={props.busy}
      aria-activedescendant={activeIndex >= 0 ? rowDomId(idOf(items[activeIndex]!)) : undefined}
      tabIndex={0}
      className="queue-grid"
      style={{
        ['--queue-template' as string]: template,
        ['--queue-min-width' as string]: `${minWidth}px`,
      }}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setExplaining(false);
      }}
      onFocus={(event) => {
        if (event.target === event.currentTarget && activeIndex < 0 && items.length > 0) {
          onActiveChange(idOf(items[0]!));
        }
      }}
    >
      <div role="rowgroup" className="queue-head">
        <div role="row" aria-rowindex={1} className="queue-row header-row">
          {headers.map((header, index) => (
            <HeaderCell
              key={header.id}
              header={header}
              index={index}
              allSelected={allSelected}
              onCommand={onCommand}
            />
          ))}
        </div>
      </div>
      <div role="rowgroup" className="queue-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((virtual, position) => {
          const item = windowItems[position]!;
          const rowId = rows[position]?.id ?? idOf(item);
          const rowProps: RowProps = {
            rowId,
            item,
            index: virtual.index,
            start: virtual.start,
            columns,
            active: virtual.index === activeIndex,
            opened: rowId === props.openId,
            selected: props.selection[rowId] === true,
            now: props.now,
            onCommand,
            onActiveChange,
            onCellHover,
            explained: rowId === explainedId,
          };
          return isGroupItem(item) ? (
            <GroupRowView key={rowId} {...rowProps} />
          ) : (
            <TicketRowView key={rowId} {...rowProps} />
          );
        })}
      </div>
      {hovered ? null : explained && explainedCell ? (
        <TooltipTriggerStateContext.Provider value={tooltipState}>
          <Tooltip triggerRef={explainedCellRef} placement="bottom start" className="queue-tooltip">
            <div id={DETAILS_ID}>
              <strong>{explained.ticket.id} · SLA targets</strong>
              <SlaTargetsList sla={explained.sla} />
              {offColumns.has('risk') ? null : <HoveredRisk row={explained} />}
            </div>
          </Tooltip>
        </TooltipTriggerStateContext.Provider>
      ) : null}
      {hovered ? (
        // A tooltip without a trigger component of its own: the state is the hovered cell.
        <TooltipTriggerStateContext.Provider value={tooltipState}>
          <Tooltip triggerRef={hoveredCell} placement="bottom start" className="queue-tooltip">
            {hovered.column === 'sla' ? (
              <>
                <strong>{hovered.row.ticket.id} · SLA targets</strong>
                <SlaTargetsList sla={hovered.row.sla} />
              </>
            ) : (
              <HoveredRisk row={hovered.row} />
            )}
          </Tooltip>
        </TooltipTriggerStateContext.Provider>
      ) : null}
    </div>
  );
}
