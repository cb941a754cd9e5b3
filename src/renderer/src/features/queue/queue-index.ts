import { riskLevel } from '@core/index';
import {
  rowRiskScore,
  rowSlaState,
  searchTextOf,
  searchWords,
  slaSortKey,
  type QueueRow,
} from './queue-rows';
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
  | 'risk'
  | 'age'
  | 'channel'
  | 'category';

const STATUS_ORDER = ['new', 'open', 'pending_customer', 'pending_third_party'];

function ticketNumber(id: string): number {
  const match = /(\d+)$/.exec(id);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

/** How a column's sort key is made from a row: a number, or a text ranked among the rows'. */
type KeyOf =
  | { kind: 'number'; of: (row: QueueRow) => number }
  | { kind: 'text'; of: (row: QueueRow) => string };

const numberKey = (of: (row: QueueRow) => number): KeyOf => ({ kind: 'number', of });
const textKey = (of: (row: QueueRow) => string): KeyOf => ({ kind: 'text', of });

const COLUMN_KEYS: Record<SortableColumn, KeyOf> = {
  priority: textKey((row) => row.ticket.priority),
  id: numberKey((row) => ticketNumber(row.ticket.id)),
  title: textKey((row) => row.ticket.title.toLowerCase()),
  customer: textKey((row) => row.customer.toLowerCase()),
  owner: textKey((row) => row.owner.toLowerCase()),
  team: textKey((row) => row.team.toLowerCase()),
  tier: textKey((row) => String(row.ticket.tier)),
  channel: textKey((row) => String(row.ticket.channel)),
  category: textKey((row) => String(row.ticket.category)),
  status: numberKey((row) => {
    const rank = STATUS_ORDER.indexOf(row.ticket.status);
    return rank === -1 ? STATUS_ORDER.length : rank;
  }),
  level: numberKey((row) => row.ticket.level),
  sla: numberKey((row) => slaSortKey(row.sla)),
  // Scored at the query's time instead (see runQueueQuery): the score rises as time passes.
  risk: numberKey(() => 0),
  age: numberKey((row) => -row.ticket.createdAt),
};

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The rank of an empty text: after every other. */
const EMPTY_RANK = Number.MAX_SAFE_INTEGER;

/**
 * The ranks of a column's texts: equal texts share a rank, ranks follow the texts' order, and
 * empty texts sort last. A text met later (a changed row) gets a rank between its neighbours',
 * so the ranks of the other rows stay valid.
 */
class TextRanks {
  private constructor(
    private readonly sorted: string[],
    private readonly ranks: Map<string, number>,
  ) {}

  static of(values: Iterable<string>): TextRanks {
    const sorted = [...new Set(values)].filter(Boolean).sort(byCodeUnits);
    return new TextRanks(sorted, new Map(sorted.map((value, index) => [value, index])));
  }

  /** A copy that can take new texts without changing this one. */
  clone(): TextRanks {
    return new TextRanks([...this.sorted], new Map(this.ranks));
  }

  /** The rank of a text already ranked (or empty). */
  knownRank(value: string): number | undefined {
    return value ? this.ranks.get(value) : EMPTY_RANK;
  }

  /** The rank of `value`, known or not yet. Undefined when no rank fits between its neighbours. */
  rankOf(value: string): number | undefined {
    if (!value) return EMPTY_RANK;
    const known = this.ranks.get(value);
    if (known !== undefined) return known;
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.sorted[middle]! < value) low = middle + 1;
      else high = middle;
    }
    const before = low > 0 ? this.ranks.get(this.sorted[low - 1]!)! : -1;
    const after = low < this.sorted.length ? this.ranks.get(this.sorted[low]!)! : before + 2;
    const rank = (before + after) / 2;
    if (!(rank > before && rank < after)) return undefined;
    this.sorted.splice(low, 0, value);
    this.ranks.set(value, rank);
    return rank;
  }
}

const indexes = new WeakMap<readonly QueueRow[], QueueIndex>();

/** The sort keys of one load of rows, built column by column when first needed. */
export class QueueIndex {
  private readonly keys = new Map<SortableColumn, Float64Array>();
  private readonly texts = new Map<SortableColumn, TextRanks>();

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

  /**
   * The index of `rows`, which share most of their row objects with `previous.rows` (a few
   * tickets re-read): the sort keys built so far are carried over, and only the new rows' keys
   * are computed, so a change to a few tickets doesn't rank 10,000 titles again.
   */
  static update(previous: QueueIndex, rows: readonly QueueRow[]): QueueIndex {
    const cached = indexes.get(rows);
    if (cached) return cached;
    const index = new QueueIndex(rows);
    indexes.set(rows, index);
    if (previous.keys.size === 0) return index;
    const before = new Map<QueueRow, number>();
    previous.rows.forEach((row, position) => before.set(row, position));
    for (const [column, old] of previous.keys) {
      const { kind, of } = COLUMN_KEYS[column];
      // The previous ranks, copied only when a text they don't know turns up.
      let texts = kind === 'text' ? previous.texts.get(column) : undefined;
      let copied = false;
      const keys = new Float64Array(rows.length);
      let complete = true;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const position = before.get(row);
        if (position !== undefined) {
          keys[i] = old[position]!;
        } else if (kind === 'number') {
          keys[i] = of(row);
        } else {
          const value = of(row);
          let rank = texts?.knownRank(value);
          if (rank === undefined) {
            if (!copied) texts = texts?.clone() ?? TextRanks.of(previous.rows.map(of));
            copied = true;
            rank = texts!.rankOf(value);
          }
          if (rank === undefined) {
            complete = false;
            break;
          }
          keys[i] = rank;
        }
      }
      // No rank left between two neighbours (after very many changes): this column starts afresh.
      if (!complete) continue;
      index.keys.set(column, keys);
      if (texts) index.texts.set(column, texts);
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
    const { kind, of } = COLUMN_KEYS[column];
    if (kind === 'number') {
      keys = Float64Array.from(this.rows, of);
    } else {
      const values = this.rows.map(of);
      const texts = TextRanks.of(values);
      keys = Float64Array.from(values, (value) => texts.rankOf(value)!);
      this.texts.set(column, texts);
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

/** Every row's risk score at `now`, unscored rows -1 (last when the riskiest come first). */
function riskKeys(rows: readonly QueueRow[], now: number): Float64Array {
  const keys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) keys[i] = rowRiskScore(rows[i]!, now) ?? -1;
  return keys;
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
    case 'risk': {
      const score = rowRiskScore(row, now);
      return score === undefined ? '' : riskLevel(score);
    }
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
    .map((sort) => ({
      keys: sort.id === 'risk' ? riskKeys(rows, query.now) : index.key(sort.id as SortableColumn),
      sign: sort.desc ? -1 : 1,
    }));
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
