import { rowSlaState, searchTextOf, searchWords, type QueueRow } from './queue-rows';
import { valueLabel } from './queue-table';
import { ME, type QueueViewState } from './view-state';

/**
 * The queue's sort, filter, search and grouping over every open row, on typed arrays: a column's
 * sort key is computed once per load (text columns become ranks), so a sort of 10,000 rows is one
 * integer comparison sort and a filter is one pass — well inside a frame, where TanStack Table's
 * client-side row models took 30–115 ms per change at this size. TanStack Table keeps the state
 * (sorting, filters, grouping, visibility, order) and models the rows on screen.
 */

/** A group's header row in the queue. */
export interface QueueGroupItem {
  kind: 'group';
  /** "level:2", "team:t-billing", "priority:P1". */
  id: string;
  column: QueueViewState['grouping'][number];
  label: string;
  count: number;
  open: boolean;
}

/** One line of the queue: a ticket, or a group's header. */
export type QueueItem = QueueRow | QueueGroupItem;

/** Whether a queue line is a group header. */
export function isGroupItem(item: QueueItem): item is QueueGroupItem {
  return 'kind' in item;
}

export type SortableColumn =
  | 'priority'
  | 'id'
  | 'title'
  | 'customer'
  | 'tier'
  | 'status'
  | 'level'
  | 'owner'
  | 'team'
  | 'sla'
  | 'age'
  | 'channel'
  | 'category';

const STATUS_ORDER = ['new', 'open', 'pending_customer', 'pending_third_party'];

function ticketNumber(id: string): number {
  const match = /(\d+)$/.exec(id);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

/** Ranks text values: equal texts share a rank, empty ones sort last. */
function textRanks(values: readonly string[]): Float64Array {
  const unique = [...new Set(values)].filter(Boolean).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(unique.map((value, index) => [value, index]));
  const keys = new Float64Array(values.length);
  values.forEach((value, index) => (keys[index] = rank.get(value) ?? Number.MAX_SAFE_INTEGER));
  return keys;
}

const indexes = new WeakMap<readonly QueueRow[], QueueIndex>();

/** The sort keys of one load of rows, built column by column when first needed. */
export class QueueIndex {
  private readonly keys = new Map<SortableColumn, Float64Array>();

  constructor(readonly rows: readonly QueueRow[]) {}

  /** The index of a rows array (cached: rows arrays are replaced, never changed, on a reload). */
  static of(rows: readonly QueueRow[]): QueueIndex {
    let index = indexes.get(rows);
    if (!index) {
      index = new QueueIndex(rows);
      indexes.set(rows, index);
    }
    return index;
  }

  /** Whether a column's sort key is computed already. */
  hasKey(column: SortableColumn): boolean {
    return this.keys.has(column);
  }

  /** A column's sort key per row (ascending order of the column). */
  key(column: SortableColumn): Float64Array {
    let keys = this.keys.get(column);
    if (keys) return keys;
    const rows = this.rows;
    const numeric = (f: (row: QueueRow) => number) => Float64Array.from(rows, f);
    const text = (f: (row: QueueRow) => string) => textRanks(rows.map(f));
    switch (column) {
      case 'priority':
        keys = text((row) => row.ticket.priority);
        break;
      case 'id':
        keys = numeric((row) => ticketNumber(row.ticket.id));
        break;
      case 'title':
        keys = text((row) => row.ticket.title.toLowerCase());
        break;
      case 'customer':
        keys = text((row) => row.customer.toLowerCase());
        break;
      case 'owner':
        keys = text((row) => row.owner.toLowerCase());
        break;
      case 'team':
        keys = text((row) => row.team.toLowerCase());
        break;
      case 'tier':
      case 'channel':
      case 'category':
        keys = text((row) => String(row.ticket[column]));
        break;
      case 'status':
        keys = numeric((row) => {
          const rank = STATUS_ORDER.indexOf(row.ticket.status);
          return rank === -1 ? STATUS_ORDER.length : rank;
        });
        break;
      case 'level':
        keys = numeric((row) => row.ticket.level);
        break;
      case 'sla':
        keys = numeric((row) => row.sla?.dueAt ?? Number.MAX_SAFE_INTEGER);
        break;
      case 'age':
        keys = numeric((row) => -row.ticket.createdAt);
        break;
    }
    this.keys.set(column, keys);
    return keys;
  }

  /** Builds the search text of every row ahead of the first search, a slice at a time. */
  prepareSearch(deadline: () => boolean, from = 0): number {
    let index = from;
    while (index < this.rows.length && !deadline()) searchTextOf(this.rows[index++]!);
    return index;
  }
}

/** The value of a filterable column, as filters and groups compare it. */
export function filterValueOf(column: string, row: QueueRow, now: number): string {
  const { ticket } = row;
  switch (column) {
    case 'owner':
      return ticket.ownerId ?? '';
    case 'team':
      return ticket.teamId ?? '';
    case 'level':
      return String(ticket.level);
    case 'sla':
      return rowSlaState(row, now);
    default:
      return String((ticket as unknown as Record<string, unknown>)[column] ?? '');
  }
}

/** What the queue is asked to show. */
export interface QueueQuery {
  sorting: QueueViewState['sorting'];
  columnFilters: QueueViewState['columnFilters'];
  search: string;
  grouping: QueueViewState['grouping'];
  /** Group ids the user closed. */
  collapsed: Readonly<Record<string, boolean>>;
  /** When SLA states are judged (the SLA filter). */
  now: number;
  /** Who "me" is in an owner filter. */
  currentUserId: string;
}

/** The queue's lines for a query: filtered, searched, sorted (stable) and grouped. */
export interface QueueResult {
  items: QueueItem[];
  /** The tickets shown, in order, collapsed groups included (for select-all and ranges). */
  ticketRows: QueueRow[];
}

/** Runs a query over the open rows. */
export function runQueueQuery(index: QueueIndex, query: QueueQuery): QueueResult {
  const { rows } = index;
  const words = searchWords(query.search);
  const filters = query.columnFilters.map((filter) => ({
    id: filter.id,
    values: new Set(filter.value.map((value) => (value === ME ? query.currentUserId : value))),
  }));
  const kept: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let ok = true;
    for (const filter of filters) {
      if (!filter.values.has(filterValueOf(filter.id, row, query.now))) {
        ok = false;
        break;
      }
    }
    if (ok && words.length) {
      const text = searchTextOf(row);
      ok = words.every((word) => text.includes(word));
    }
    if (ok) kept.push(i);
  }
  const order = Int32Array.from(kept);
  const sorts = query.sorting
    .filter((sort) => sort.id !== 'select')
    .map((sort) => ({ keys: index.key(sort.id as SortableColumn), sign: sort.desc ? -1 : 1 }));
  if (sorts.length) {
    order.sort((a, b) => {
      for (const { keys, sign } of sorts) {
        const difference = keys[a]! - keys[b]!;
        if (difference !== 0) return difference * sign;
      }
      return a - b;
    });
  }
  const ticketRows = Array.from(order, (i) => rows[i]!);
  const groupBy = query.grouping[0];
  if (!groupBy) return { items: ticketRows, ticketRows };
  return { items: grouped(index, ticketRows, groupBy, query), ticketRows };
}

function grouped(
  index: QueueIndex,
  rows: readonly QueueRow[],
  column: QueueViewState['grouping'][number],
  query: QueueQuery,
): QueueItem[] {
  const groups = new Map<string, QueueRow[]>();
  for (const row of rows) {
    const value = filterValueOf(column, row, query.now);
    let list = groups.get(value);
    if (!list) groups.set(value, (list = []));
    list.push(row);
  }
  const keys = index.key(column);
  const position = new Map(index.rows.map((row, i) => [row, i]));
  const first = (list: QueueRow[]) => keys[position.get(list[0]!)!]!;
  // Levels highest first (the most escalated work on top); priorities and teams in order.
  const sign = column === 'level' ? -1 : 1;
  const ordered = [...groups].sort(([, a], [, b]) => (first(a) - first(b)) * sign);
  const items: QueueItem[] = [];
  for (const [value, list] of ordered) {
    const id = `${column}:${value}`;
    const open = !query.collapsed[id];
    const label = column === 'team' ? list[0]!.team || 'No team' : valueLabel(column, value);
    items.push({ kind: 'group', id, column, label, count: list.length, open });
    if (open) for (const row of list) items.push(row);
  }
  return items;
}
