import { useTable, type Updater } from '@tanstack/react-table';
import { useMemo } from 'react';
import { isGroupItem, type QueueItem } from './queue-index';
import { queueColumns, queueFeatures, type QueueTableRow } from './queue-table';
import type { QueueHeader } from './QueueGrid';
import {
  NO_OFF_COLUMNS,
  QUEUE_COLUMNS,
  type OffColumns,
  type QueueColumnId,
  type QueueViewState,
} from './view-state';

function apply<T>(updater: Updater<T>, current: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(current) : updater;
}

/** A view's column order with any column it does not mention (added since it was saved) last. */
export function fullColumnOrder(order: readonly string[]): QueueColumnId[] {
  const known = order.filter((id): id is QueueColumnId =>
    (QUEUE_COLUMNS as readonly string[]).includes(id),
  );
  return [...known, ...QUEUE_COLUMNS.filter((id) => !known.includes(id))];
}

/**
 * The queue's TanStack table: the column model (labels, visibility, order), the sort, filter and
 * grouping state with its header logic (Shift adds a sort column), and the row model of the lines
 * on screen. Sorting, filtering and grouping are manual: the queue index has already done them.
 */
export function useQueueTable(options: {
  /** The lines being rendered (the virtualizer's window), in queue order. */
  window: readonly QueueItem[];
  state: QueueViewState;
  onStateChange(update: (state: QueueViewState) => QueueViewState): void;
  /** Columns hidden whatever the view says: their feature is switched off. */
  offColumns?: OffColumns;
}): { rows: QueueTableRow[]; headers: QueueHeader[] } {
  const { state, onStateChange, offColumns = NO_OFF_COLUMNS } = options;
  const columnOrder = useMemo(() => fullColumnOrder(state.columnOrder), [state.columnOrder]);
  // Hidden for display only: the view keeps its own choice for when the feature is back on.
  const columnVisibility = useMemo(
    () =>
      offColumns.size === 0
        ? state.columnVisibility
        : {
            ...state.columnVisibility,
            ...Object.fromEntries([...offColumns].map((id) => [id, false])),
          },
    [state.columnVisibility, offColumns],
  );
  const table = useTable(
    {
      features: queueFeatures,
      columns: queueColumns,
      data: options.window as QueueItem[],
      getRowId: (item) => (isGroupItem(item) ? item.id : item.ticket.id),
      state: {
        sorting: state.sorting,
        columnFilters: state.columnFilters,
        grouping: state.grouping,
        columnVisibility,
        columnOrder,
      },
      manualSorting: true,
      manualFiltering: true,
      manualGrouping: true,
      onSortingChange: (updater) =>
        onStateChange((current) => ({
          ...current,
          sorting: apply(updater, current.sorting) as QueueViewState['sorting'],
        })),
      enableMultiSort: true,
      isMultiSortEvent: (event) => (event as { shiftKey?: boolean }).shiftKey === true,
      enableSortingRemoval: false,
      groupedColumnMode: false,
    },
    () => null,
  );
  const rows = table.getRowModel().rows;
  const headers: QueueHeader[] = table.getVisibleLeafColumns().map((column) => ({
    id: column.id as QueueColumnId,
    sorted: column.getIsSorted(),
    sortIndex: column.getSortIndex(),
    canSort: column.getCanSort(),
    onSort: column.getToggleSortingHandler(),
  }));
  return { rows, headers };
}
