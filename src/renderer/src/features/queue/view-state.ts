/**
 * What a queue view is: the columns shown and their order, the sort, the filters, the search and
 * the grouping. Saved views store exactly this (validated when read back).
 */
import { z } from 'zod';

/** The queue's columns, in their default order. */
export const QUEUE_COLUMNS = [
  'select',
  'priority',
  'id',
  'sla',
  'risk',
  'title',
  'customer',
  'tier',
  'status',
  'level',
  'owner',
  'team',
  'age',
  'channel',
  'category',
] as const;
export type QueueColumnId = (typeof QUEUE_COLUMNS)[number];

/** Columns a user can filter on (each filter is a list of accepted values). */
export const FILTERABLE_COLUMNS = [
  'priority',
  'status',
  'level',
  'owner',
  'team',
  'tier',
  'sla',
  'risk',
  'channel',
  'category',
] as const satisfies readonly QueueColumnId[];
export type FilterableColumnId = (typeof FILTERABLE_COLUMNS)[number];

/** Columns shown only while their assist feature is on (Settings → Assist). */
export type OffColumns = ReadonlySet<QueueColumnId>;
export const NO_OFF_COLUMNS: OffColumns = new Set();
export const RISK_OFF_COLUMNS: OffColumns = new Set(['risk']);
/** The built-in views that only make sense with escalation risk on. */
export const RISK_VIEW_IDS: ReadonlySet<string> = new Set(['high-risk']);

/** Columns the queue can group by. */
export const GROUPABLE_COLUMNS = ['level', 'team', 'priority'] as const;
export type GroupableColumnId = (typeof GROUPABLE_COLUMNS)[number];

/** In an owner filter: the person working the desk on this computer. */
export const ME = '@me';
/** In an owner or team filter: nobody. */
export const NOBODY = '';

const columnId = z.enum(QUEUE_COLUMNS);

export const QueueViewStateSchema = z.object({
  sorting: z.array(z.object({ id: columnId, desc: z.boolean() })).max(QUEUE_COLUMNS.length),
  columnFilters: z.array(
    z.object({ id: z.enum(FILTERABLE_COLUMNS), value: z.array(z.string()).min(1) }),
  ),
  globalFilter: z.string().max(500),
  grouping: z.array(z.enum(GROUPABLE_COLUMNS)).max(1),
  columnVisibility: z.partialRecord(columnId, z.boolean()),
  columnOrder: z.array(columnId),
});
/** A queue view's state: columns, order, sort, filters, search and grouping. */
export type QueueViewState = z.infer<typeof QueueViewStateSchema>;
export type QueueColumnFilter = QueueViewState['columnFilters'][number];

/** Hidden unless a view shows them: they are also in the customer and owner cells. */
export const DEFAULT_COLUMN_VISIBILITY: QueueViewState['columnVisibility'] = {
  tier: false,
  team: false,
};

/** All open escalations, the one due soonest first. */
export const DEFAULT_VIEW_STATE: QueueViewState = {
  sorting: [{ id: 'sla', desc: false }],
  columnFilters: [],
  globalFilter: '',
  grouping: [],
  columnVisibility: DEFAULT_COLUMN_VISIBILITY,
  columnOrder: [...QUEUE_COLUMNS],
};

/** A view the desk ships with or a user saved. */
export interface QueueView {
  id: string;
  name: string;
  builtIn: boolean;
  state: QueueViewState;
}

function filtered(...columnFilters: QueueColumnFilter[]): QueueViewState {
  return { ...DEFAULT_VIEW_STATE, columnFilters };
}

/** The views every desk has. */
export const BUILT_IN_VIEWS: readonly QueueView[] = [
  { id: 'all', name: 'All open', builtIn: true, state: DEFAULT_VIEW_STATE },
  {
    id: 'mine',
    name: 'My escalations',
    builtIn: true,
    state: filtered({ id: 'owner', value: [ME] }),
  },
  {
    id: 'breached',
    name: 'Breached',
    builtIn: true,
    state: filtered({ id: 'sla', value: ['breached'] }),
  },
  {
    id: 'at-risk',
    name: 'At risk',
    builtIn: true,
    state: filtered({ id: 'sla', value: ['at_risk'] }),
  },
  {
    id: 'high-risk',
    name: 'High risk',
    builtIn: true,
    state: {
      ...filtered({ id: 'risk', value: ['high'] }),
      sorting: [{ id: 'risk', desc: true }],
    },
  },
  {
    id: 'unassigned',
    name: 'Unassigned',
    builtIn: true,
    state: filtered({ id: 'owner', value: [NOBODY] }),
  },
  {
    id: 'waiting',
    name: 'Waiting on customer',
    builtIn: true,
    state: filtered({ id: 'status', value: ['pending_customer'] }),
  },
];
