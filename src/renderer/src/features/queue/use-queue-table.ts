import { useTable, type Updater } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { QueueRow } from './queue-rows';
import { queueColumns, queueFeatures, tableFilters, type QueueTableRow } from './queue-table';
import type { QueueHeader } from './QueueGrid';
import { QUEUE_COLUMNS, type QueueColumnId, type QueueViewState } from './view-state';

function apply<T>(updater: Updater<T>, current: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(current) : updater;
}

/**
 * The queue's TanStack table over the open rows, for one view state. Sorting, filtering and
 * grouping are TanStack's row models; the SLA filter is judged at `slaNow`.
 */
export function useQueueTable(options: {
  rows: QueueRow[];
  state: QueueViewState;
  search: string;
  slaNow: number;
  currentUserId: string;
  collapsed: Readonly<Record<string, boolean>>;
  onStateChange(update: (state: QueueViewState) => QueueViewState): void;
}): { rows: QueueTableRow[]; headers: QueueHeader[]; ticketRows: QueueTableRow[] } {
  const { state, onStateChange, collapsed } = options;
  const hasSlaFilter = state.columnFilters.some((filter) => filter.id === 'sla');
  const filterNow = hasSlaFilter ? options.slaNow : 0;
  const columnFilters = useMemo(
    () => tableFilters(state.columnFilters, options.search, filterNow, options.currentUserId),
    [state.columnFilters, options.search, filterNow, options.currentUserId],
  );
  // Groups start open; a new object only when the user opens or closes one.
  const expanded = useMemo(() => ({ '*': true, ...collapsed }), [collapsed]);
  const columnOrder = useMemo(() => {
    const known = state.columnOrder.filter((id) =>
      (QUEUE_COLUMNS as readonly string[]).includes(id),
    );
    return [...known, ...QUEUE_COLUMNS.filter((id) => !known.includes(id))];
  }, [state.columnOrder]);

  const table = useTable(
    {
      features: queueFeatures,
      columns: queueColumns,
      data: options.rows,
      getRowId: (row) => row.ticket.id,
      state: {
        sorting: state.sorting,
        columnFilters,
        grouping: state.grouping,
        columnVisibility: state.columnVisibility,
        columnOrder,
        expanded,
      },
      getIsRowExpanded: (row) => !collapsed[row.id],
      onSortingChange: (updater) =>
        onStateChange((current) => ({
          ...current,
          sorting: apply(updater, current.sorting) as QueueViewState['sorting'],
        })),
      enableMultiSort: true,
      isMultiSortEvent: (event) => (event as { shiftKey?: boolean }).shiftKey === true,
      enableSortingRemoval: false,
      groupedColumnMode: false,
      autoResetExpanded: false,
      autoResetSorting: false,
    },
    () => null,
  );

  const rows = table.getRowModel().rows;
  const ticketRows = state.grouping.length ? rows.filter((row) => !row.getIsGrouped()) : rows;
  const headers: QueueHeader[] = table.getVisibleLeafColumns().map((column) => ({
    id: column.id as QueueColumnId,
    sorted: column.getIsSorted(),
    sortIndex: column.getSortIndex(),
    canSort: column.getCanSort(),
    onSort: column.getToggleSortingHandler(),
  }));
  return { rows, headers, ticketRows };
}
