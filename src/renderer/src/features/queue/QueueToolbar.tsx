import { Check, Columns3, Filter, Search, X } from 'lucide-react';
import { forwardRef, memo, useMemo, useState } from 'react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  Dialog,
  DialogTrigger,
  Heading,
  Label,
  Popover,
} from 'react-aria-components';
import { statusLabel } from '@core/index';
import { filterValueOf } from './queue-index';
import type { QueueRow } from './queue-rows';
import { COLUMN_LABELS, SLA_STATE_LABELS, valueLabel } from './queue-table';
import {
  FILTERABLE_COLUMNS,
  GROUPABLE_COLUMNS,
  ME,
  NOBODY,
  QUEUE_COLUMNS,
  type FilterableColumnId,
  NO_OFF_COLUMNS,
  type OffColumns,
  type QueueColumnFilter,
  type QueueColumnId,
  type QueueViewState,
} from './view-state';

/** The queue's search box ("/" focuses it): every word must appear in the ticket. */
export const QueueSearch = forwardRef<
  HTMLInputElement,
  { value: string; onChange(value: string): void }
>(function QueueSearch(props, ref) {
  return (
    <div className="queue-search">
      <Search size={16} aria-hidden />
      <input
        ref={ref}
        type="search"
        aria-label="Search the queue"
        placeholder="Search id, title, customer, description  ( / )"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && props.value) {
            event.preventDefault();
            event.stopPropagation();
            props.onChange('');
          } else if (event.key === 'Enter' || event.key === 'ArrowDown') {
            event.preventDefault();
            document.querySelector<HTMLElement>('[role="grid"].queue-grid')?.focus();
          }
        }}
      />
    </div>
  );
});

const SLA_FILTER_VALUES = ['breached', 'at_risk', 'running', 'paused', 'met', 'none'];

const RISK_FILTER_VALUES = ['high', 'medium', 'low', ''];

/** The values a column takes among the open rows, with how many rows have each. */
export function facetsOf(
  column: FilterableColumnId,
  rows: readonly QueueRow[],
  now: number,
  names?: Map<string, string>,
): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const value = filterValueOf(column, row, now);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  if (column === 'sla' || column === 'risk') {
    const values = column === 'sla' ? SLA_FILTER_VALUES : RISK_FILTER_VALUES;
    return values.map((value) => ({ value, count: counts.get(value) ?? 0 }));
  }
  const entries = [...counts].map(([value, count]) => ({ value, count }));
  if (column === 'owner' && !counts.has(ME)) entries.unshift({ value: ME, count: -1 });
  if (column === 'owner' || column === 'team') {
    // People and teams by name: "Me" first, "Unassigned" / "No team" last.
    const place = (value: string) => (value === ME ? 0 : value === NOBODY ? 2 : 1);
    const label = (value: string) => valueLabel(column, value, names);
    return entries.sort(
      (a, b) => place(a.value) - place(b.value) || collator.compare(label(a.value), label(b.value)),
    );
  }
  const numeric = column === 'level';
  return entries.sort((a, b) =>
    numeric ? Number(a.value) - Number(b.value) : a.value.localeCompare(b.value),
  );
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function namesOf(rows: readonly QueueRow[], column: 'owner' | 'team'): Map<string, string> {
  const names = new Map<string, string>();
  for (const row of rows) {
    const id = column === 'owner' ? row.ticket.ownerId : row.ticket.teamId;
    if (id) names.set(id, column === 'owner' ? row.owner : row.team);
  }
  return names;
}

/** The label of one filter value, with display names for people and teams. */
export function filterValueLabel(
  column: FilterableColumnId,
  value: string,
  rows: readonly QueueRow[],
): string {
  if (column === 'owner' || column === 'team')
    return valueLabel(column, value, namesOf(rows, column));
  if (column === 'status') return statusLabel(value);
  return valueLabel(column, value);
}

interface FilterMenuProps {
  rows: readonly QueueRow[];
  now: number;
  filters: readonly QueueColumnFilter[];
  onChange(filters: QueueColumnFilter[]): void;
  /** Columns of switched-off features: not offered. */
  offColumns?: OffColumns;
}

/** Filters: pick a column, tick the values to keep; filters on several columns combine (and). */
export const FilterMenu = memo(function FilterMenu(props: FilterMenuProps) {
  // The column last filtered stays chosen the next time the menu opens.
  const [column, setColumn] = useState<FilterableColumnId>('priority');
  return (
    <DialogTrigger>
      <Button className="button secondary">
        <Filter size={16} aria-hidden /> Filter
        {props.filters.length ? <span className="badge">{props.filters.length}</span> : null}
      </Button>
      <Popover placement="bottom start" className="queue-popover">
        <Dialog aria-label="Filter the queue" className="queue-popover-body">
          <FilterPanel {...props} column={column} onColumn={setColumn} />
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
});

/** The open filter menu: its values are counted only while it is open, not on every change. */
function FilterPanel(
  props: FilterMenuProps & {
    column: FilterableColumnId;
    onColumn(column: FilterableColumnId): void;
  },
) {
  const { column, onColumn: setColumn } = props;
  const names = useMemo(
    () => (column === 'owner' || column === 'team' ? namesOf(props.rows, column) : undefined),
    [column, props.rows],
  );
  const facets = useMemo(
    () => facetsOf(column, props.rows, props.now, names),
    [column, props.rows, props.now, names],
  );
  const chosen = props.filters.find((filter) => filter.id === column)?.value ?? [];
  const setChosen = (value: string[]) => {
    const others = props.filters.filter((filter) => filter.id !== column);
    props.onChange(value.length ? [...others, { id: column, value }] : others);
  };
  return (
    <>
      <Heading slot="title" className="popover-title">
        Filter
      </Heading>
      <label className="field-label" htmlFor="queue-filter-column">
        Column
      </label>
      <select
        id="queue-filter-column"
        value={column}
        onChange={(event) => setColumn(event.target.value as FilterableColumnId)}
      >
        {FILTERABLE_COLUMNS.filter((id) => !(props.offColumns ?? NO_OFF_COLUMNS).has(id)).map(
          (id) => (
            <option key={id} value={id}>
              {COLUMN_LABELS[id]}
              {props.filters.some((filter) => filter.id === id) ? ' (filtered)' : ''}
            </option>
          ),
        )}
      </select>
      <CheckboxGroup value={chosen} onChange={setChosen} className="filter-values">
        <Label className="visually-hidden">{COLUMN_LABELS[column]} values to show</Label>
        {facets.map(({ value, count }) => (
          <Checkbox key={value || 'none'} value={value} className="pref-choice">
            <span className="check-mark" aria-hidden="true">
              <Check size={12} strokeWidth={3} />
            </span>
            <span className="filter-value-label">
              {column === 'sla' ? SLA_STATE_LABELS[value] : valueLabel(column, value, names)}
            </span>
            {count >= 0 ? <span className="muted filter-count">{count}</span> : null}
          </Checkbox>
        ))}
      </CheckboxGroup>
      {chosen.length ? (
        <button type="button" className="link-button" onClick={() => setChosen([])}>
          Clear the {COLUMN_LABELS[column].toLowerCase()} filter
        </button>
      ) : null}
    </>
  );
}

/** The active filters as removable chips ("Priority: P1, P2 ×"). */
export const FilterChips = memo(function FilterChips(props: {
  rows: readonly QueueRow[];
  filters: readonly QueueColumnFilter[];
  onChange(filters: QueueColumnFilter[]): void;
}) {
  if (props.filters.length === 0) return null;
  return (
    <ul className="filter-chips" aria-label="Active filters">
      {props.filters.map((filter) => {
        const text = `${COLUMN_LABELS[filter.id]}: ${filter.value
          .map((value) => filterValueLabel(filter.id, value, props.rows))
          .join(', ')}`;
        return (
          <li key={filter.id} className="chip filter-chip">
            {text}
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove filter ${text}`}
              onClick={() => props.onChange(props.filters.filter((f) => f.id !== filter.id))}
            >
              <X size={14} aria-hidden />
            </button>
          </li>
        );
      })}
    </ul>
  );
});

/** Group the queue by level, team or priority (or not at all). */
export const GroupBySelect = memo(function GroupBySelect(props: {
  grouping: QueueViewState['grouping'];
  onChange(grouping: QueueViewState['grouping']): void;
}) {
  return (
    <label className="inline-field">
      <span>Group by</span>
      <select
        value={props.grouping[0] ?? ''}
        onChange={(event) =>
          props.onChange(
            event.target.value ? [event.target.value as QueueViewState['grouping'][number]] : [],
          )
        }
      >
        <option value="">Nothing</option>
        {GROUPABLE_COLUMNS.map((id) => (
          <option key={id} value={id}>
            {COLUMN_LABELS[id]}
          </option>
        ))}
      </select>
    </label>
  );
});

const FIXED_COLUMNS: readonly QueueColumnId[] = ['select', 'id', 'title'];

/** Which columns show, and in what order. */
export const ColumnsMenu = memo(function ColumnsMenu(props: {
  state: QueueViewState;
  onChange(update: Pick<QueueViewState, 'columnVisibility' | 'columnOrder'>): void;
  /** Columns of switched-off features: listed, but off until the feature is on again. */
  offColumns?: OffColumns;
}) {
  const off = props.offColumns ?? NO_OFF_COLUMNS;
  const order = [
    ...props.state.columnOrder,
    ...QUEUE_COLUMNS.filter((id) => !props.state.columnOrder.includes(id)),
  ];
  const visible = order.filter((id) => props.state.columnVisibility[id] !== false);
  const move = (id: QueueColumnId, by: -1 | 1) => {
    const next = [...order];
    const from = next.indexOf(id);
    const to = from + by;
    if (to < 1 || to >= next.length) return;
    [next[from], next[to]] = [next[to]!, next[from]!];
    props.onChange({ columnVisibility: props.state.columnVisibility, columnOrder: next });
  };
  return (
    <DialogTrigger>
      <Button className="button secondary">
        <Columns3 size={16} aria-hidden /> Columns
      </Button>
      <Popover placement="bottom end" className="queue-popover">
        <Dialog aria-label="Columns" className="queue-popover-body">
          <Heading slot="title" className="popover-title">
            Columns
          </Heading>
          <ul className="column-list">
            {order
              .filter((id) => id !== 'select')
              .map((id) => (
                <li key={id}>
                  <label className="switch-row">
                    <input
                      type="checkbox"
                      checked={visible.includes(id) && !off.has(id)}
                      disabled={FIXED_COLUMNS.includes(id) || off.has(id)}
                      onChange={(event) =>
                        props.onChange({
                          columnOrder: order,
                          columnVisibility: {
                            ...props.state.columnVisibility,
                            [id]: event.target.checked,
                          },
                        })
                      }
                    />
                    <span>
                      {COLUMN_LABELS[id]}
                      {off.has(id) ? (
                        <span className="muted"> (switched off in Settings)</span>
                      ) : null}
                    </span>
                  </label>
                  <span className="column-moves">
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Move ${COLUMN_LABELS[id]} left`}
                      onClick={() => move(id, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Move ${COLUMN_LABELS[id]} right`}
                      onClick={() => move(id, 1)}
                    >
                      ↓
                    </button>
                  </span>
                </li>
              ))}
          </ul>
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
});
