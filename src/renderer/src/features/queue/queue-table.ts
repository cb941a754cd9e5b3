import {
  columnFilteringFeature,
  columnGroupingFeature,
  columnOrderingFeature,
  columnVisibilityFeature,
  createExpandedRowModel,
  createFilteredRowModel,
  createGroupedRowModel,
  createSortedRowModel,
  globalFilteringFeature,
  rowExpandingFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
  type FilterFn,
  type Row,
  type SortFn,
} from '@tanstack/react-table';
import { statusLabel } from '@core/index';
import { levelLabel } from '../ticket/labels';
import { matchesSearch, rowSlaState, searchWords, type QueueRow } from './queue-rows';
import { ME, type QueueColumnFilter, type QueueColumnId } from './view-state';

/** The TanStack Table features the queue uses (v9 registers them explicitly). */
export const queueFeatures = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  columnGroupingFeature,
  rowExpandingFeature,
  rowSelectionFeature,
  columnVisibilityFeature,
  columnOrderingFeature,
  sortedRowModel: createSortedRowModel(),
  filteredRowModel: createFilteredRowModel(),
  groupedRowModel: createGroupedRowModel(),
  expandedRowModel: createExpandedRowModel(),
});
export type QueueFeatures = typeof queueFeatures;
export type QueueTableRow = Row<QueueFeatures, QueueRow>;

const STATUS_ORDER = ['new', 'open', 'pending_customer', 'pending_third_party'];

function compare<T extends string | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plain value order (no locale collation: 10,000 rows sort within a frame). */
const byValue: SortFn<QueueFeatures, QueueRow> = (a, b, columnId) =>
  compare(a.getValue(columnId) as string | number, b.getValue(columnId) as string | number);

/** Case-insensitive text order, empty values last. */
const byText: SortFn<QueueFeatures, QueueRow> = (a, b, columnId) => {
  const x = a.getValue(columnId) as string;
  const y = b.getValue(columnId) as string;
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return compare(x, y);
};

/** A column filter: the row's value is one of the chosen values. */
const inList: FilterFn<QueueFeatures, QueueRow> = (row, columnId, value: string[]) =>
  value.includes(String(row.getValue(columnId)));

/** The SLA filter: the row's live SLA state at the filter's `now` is one of the chosen states. */
const slaIn: FilterFn<QueueFeatures, QueueRow> = (row, _columnId, value: SlaFilterValue) =>
  value.states.includes(rowSlaState(row.original, value.now));

/** The search box: every word appears in the id, title, customer or description. */
const fullText: FilterFn<QueueFeatures, QueueRow> = (row, _columnId, value: string) =>
  matchesSearch(row.original, searchWords(value));

/** The SLA filter's value in the table: the states, and the time they are judged at. */
export interface SlaFilterValue {
  states: string[];
  now: number;
}

/** Column labels, for headers, menus, filters and the shortcuts of the column chooser. */
export const COLUMN_LABELS: Record<QueueColumnId, string> = {
  select: 'Select',
  priority: 'Priority',
  id: 'ID',
  title: 'Title',
  customer: 'Customer',
  tier: 'Tier',
  status: 'Status',
  level: 'Level',
  owner: 'Owner',
  team: 'Team',
  sla: 'SLA',
  age: 'Age',
  channel: 'Channel',
  category: 'Category',
};

/** Column widths in the grid's CSS template. */
export const COLUMN_WIDTHS: Record<QueueColumnId, string> = {
  select: '36px',
  priority: '60px',
  id: '96px',
  title: 'minmax(220px, 3fr)',
  customer: 'minmax(150px, 1.4fr)',
  tier: '96px',
  status: '140px',
  level: '56px',
  owner: 'minmax(150px, 1.3fr)',
  team: 'minmax(110px, 1fr)',
  sla: '210px',
  age: '72px',
  channel: '80px',
  category: '120px',
};

function ticketNumber(id: string): number {
  const match = /(\d+)$/.exec(id);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

/** The queue's columns: how each sorts, filters and groups. Cells are rendered by the grid. */
export const queueColumns: ColumnDef<QueueFeatures, QueueRow>[] = [
  {
    id: 'select',
    header: COLUMN_LABELS.select,
    enableSorting: false,
    enableHiding: false,
    enableColumnFilter: false,
    enableGlobalFilter: false,
  },
  {
    id: 'priority',
    header: COLUMN_LABELS.priority,
    accessorFn: (row) => row.ticket.priority,
    sortFn: byValue,
    filterFn: inList,
  },
  {
    id: 'id',
    header: COLUMN_LABELS.id,
    accessorFn: (row) => ticketNumber(row.ticket.id),
    sortFn: byValue,
    enableHiding: false,
  },
  {
    id: 'title',
    header: COLUMN_LABELS.title,
    accessorFn: (row) => row.ticket.title.toLowerCase(),
    sortFn: byText,
    // The search box's filter runs on this one column, over the whole row's text.
    filterFn: fullText,
    enableHiding: false,
  },
  {
    id: 'customer',
    header: COLUMN_LABELS.customer,
    accessorFn: (row) => row.customer.toLowerCase(),
    sortFn: byText,
  },
  {
    id: 'tier',
    header: COLUMN_LABELS.tier,
    accessorFn: (row) => row.ticket.tier,
    sortFn: byText,
    filterFn: inList,
  },
  {
    id: 'status',
    header: COLUMN_LABELS.status,
    accessorFn: (row) => row.ticket.status,
    sortFn: (a, b) => statusRank(a.original.ticket.status) - statusRank(b.original.ticket.status),
    filterFn: inList,
  },
  {
    id: 'level',
    header: COLUMN_LABELS.level,
    accessorFn: (row) => row.ticket.level,
    sortFn: byValue,
    filterFn: inList,
    sortDescFirst: true,
  },
  {
    id: 'owner',
    header: COLUMN_LABELS.owner,
    accessorFn: (row) => row.ticket.ownerId ?? '',
    sortFn: (a, b) => textOrder(a.original.owner, b.original.owner),
    filterFn: inList,
  },
  {
    id: 'team',
    header: COLUMN_LABELS.team,
    accessorFn: (row) => row.ticket.teamId ?? '',
    sortFn: (a, b) => textOrder(a.original.team, b.original.team),
    filterFn: inList,
    getGroupingValue: (row) => row.team || 'No team',
  },
  {
    id: 'sla',
    header: COLUMN_LABELS.sla,
    accessorFn: (row) => row.sla?.dueAt ?? Number.POSITIVE_INFINITY,
    sortFn: byValue,
    filterFn: slaIn,
  },
  {
    id: 'age',
    header: COLUMN_LABELS.age,
    // Youngest first when ascending.
    accessorFn: (row) => -row.ticket.createdAt,
    sortFn: byValue,
  },
  {
    id: 'channel',
    header: COLUMN_LABELS.channel,
    accessorFn: (row) => row.ticket.channel,
    sortFn: byText,
    filterFn: inList,
  },
  {
    id: 'category',
    header: COLUMN_LABELS.category,
    accessorFn: (row) => row.ticket.category,
    sortFn: byText,
    filterFn: inList,
  },
];

function statusRank(status: string): number {
  const index = STATUS_ORDER.indexOf(status);
  return index === -1 ? STATUS_ORDER.length : index;
}

function textOrder(x: string, y: string): number {
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return compare(x.toLowerCase(), y.toLowerCase());
}

/**
 * The table's column filters for a view's filters at `now`: "me" becomes the current person, the
 * SLA filter carries the time its states are judged at, the search becomes the title column's
 * full-text filter.
 */
export function tableFilters(
  filters: readonly QueueColumnFilter[],
  search: string,
  now: number,
  currentUserId: string,
): { id: string; value: unknown }[] {
  const result: { id: string; value: unknown }[] = filters.map((filter) => {
    if (filter.id === 'sla') return { id: 'sla', value: { states: filter.value, now } };
    if (filter.id === 'owner') {
      return { id: 'owner', value: filter.value.map((v) => (v === ME ? currentUserId : v)) };
    }
    return filter;
  });
  if (search.trim()) result.push({ id: 'title', value: search });
  return result;
}

/** How a value of a filterable column reads in a filter menu or a group header. */
export function valueLabel(columnId: string, value: string, names?: Map<string, string>): string {
  switch (columnId) {
    case 'status':
      return statusLabel(value);
    case 'level':
      return levelLabel(Number(value));
    case 'owner':
      if (value === ME) return 'Me';
      return value ? (names?.get(value) ?? value) : 'Unassigned';
    case 'team':
      return value ? (names?.get(value) ?? value) : 'No team';
    case 'sla':
      return SLA_STATE_LABELS[value] ?? value;
    default:
      return value ? value.charAt(0).toUpperCase() + value.slice(1).replaceAll('_', ' ') : '—';
  }
}

/** How a live SLA state reads. */
export const SLA_STATE_LABELS: Record<string, string> = {
  breached: 'Breached',
  at_risk: 'At risk',
  running: 'On track',
  paused: 'Paused',
  met: 'Met',
  none: 'No SLA',
};
