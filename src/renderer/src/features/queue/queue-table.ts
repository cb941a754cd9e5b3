import {
  columnFilteringFeature,
  columnGroupingFeature,
  columnOrderingFeature,
  columnVisibilityFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
  type Row,
} from '@tanstack/react-table';
import { statusLabel } from '@core/index';
import { levelLabel } from '../ticket/labels';
import { isGroupItem, type QueueItem } from './queue-index';
import type { QueueRow } from './queue-rows';
import { ME, type QueueColumnId } from './view-state';

/**
 * The TanStack Table features the queue uses (v9 registers them explicitly). Sorting, filtering
 * and grouping are "manual": TanStack holds their state and the header logic, the queue index
 * computes them over every open row, and the table models the rows on screen.
 */
export const queueFeatures = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  columnGroupingFeature,
  columnVisibilityFeature,
  columnOrderingFeature,
});
export type QueueFeatures = typeof queueFeatures;
export type QueueTableRow = Row<QueueFeatures, QueueItem>;
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
  risk: 'Risk',
  age: 'Age',
  channel: 'Channel',
  category: 'Category',
};

/** Column widths in the grid's CSS template. */
export const COLUMN_WIDTHS: Record<QueueColumnId, string> = {
  select: '36px',
  priority: '72px',
  id: '96px',
  title: 'minmax(220px, 3fr)',
  customer: 'minmax(150px, 1.4fr)',
  tier: '96px',
  status: '140px',
  level: '56px',
  owner: 'minmax(150px, 1.3fr)',
  team: 'minmax(110px, 1fr)',
  sla: '230px',
  risk: '108px',
  age: '72px',
  channel: '80px',
  category: '120px',
};

/** A column's value for a ticket line (group header lines have none). */
function of<T>(read: (row: QueueRow) => T) {
  return (item: QueueItem): T | undefined => (isGroupItem(item) ? undefined : read(item));
}

/** The queue's columns: labels and which sort. Cells are rendered by the grid. */
export const queueColumns: ColumnDef<QueueFeatures, QueueItem>[] = [
  { id: 'select', header: COLUMN_LABELS.select, enableSorting: false, enableHiding: false },
  { id: 'priority', accessorFn: of((row) => row.ticket.priority) },
  { id: 'id', accessorFn: of((row) => row.ticket.id), enableHiding: false },
  { id: 'sla', accessorFn: of((row) => row.sla?.dueAt) },
  { id: 'risk', accessorFn: of((row) => row.sla?.risk), sortDescFirst: true },
  { id: 'title', accessorFn: of((row) => row.ticket.title), enableHiding: false },
  { id: 'customer', accessorFn: of((row) => row.customer) },
  { id: 'tier', accessorFn: of((row) => row.ticket.tier) },
  { id: 'status', accessorFn: of((row) => row.ticket.status) },
  { id: 'level', accessorFn: of((row) => row.ticket.level), sortDescFirst: true },
  { id: 'owner', accessorFn: of((row) => row.owner) },
  { id: 'team', accessorFn: of((row) => row.team) },
  { id: 'age', accessorFn: of((row) => row.ticket.createdAt) },
  { id: 'channel', accessorFn: of((row) => row.ticket.channel) },
  { id: 'category', accessorFn: of((row) => row.ticket.category) },
].map((column) => ({
  header: COLUMN_LABELS[column.id as QueueColumnId],
  // Ascending first (P1 first, soonest due first), whatever the lines on screen hold.
  sortDescFirst: false,
  ...column,
}));

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
    case 'risk':
      return RISK_LEVEL_LABELS[value] ?? value;
    default:
      return value ? value.charAt(0).toUpperCase() + value.slice(1).replaceAll('_', ' ') : '—';
  }
}

/** How a risk level reads ('' is a ticket not scored yet, or risk switched off). */
export const RISK_LEVEL_LABELS: Record<string, string> = {
  high: 'High risk',
  medium: 'Medium risk',
  low: 'Low risk',
  '': 'Not scored',
};

/** How a live SLA state reads. */
export const SLA_STATE_LABELS: Record<string, string> = {
  breached: 'Breached',
  at_risk: 'At risk',
  running: 'On track',
  paused: 'Paused',
  met: 'Met',
  none: 'No SLA',
};
