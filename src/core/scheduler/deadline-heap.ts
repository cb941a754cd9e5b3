/** One pending deadline: a stable key, when it is due (epoch ms) and what to hand back. */
export interface Deadline<T> {
  key: string;
  at: number;
  payload: T;
}

/** How a heap hashes keys; tests pass a poor hash to force collisions. */
export interface DeadlineHeapOptions {
  hash?: (key: string) => number;
}

/**
 * A 32-bit hash of a key's UTF-16 code units: murmur3 (32-bit) over pairs of them, length and
 * finaliser included. A pair per step halves the chain of dependent multiplies of hashing one
 * code unit at a time, and hashing is most of what scheduling a new key costs.
 */
export function hashDeadlineKey(key: string): number {
  const n = key.length;
  let h = 0x9747b28c;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    let k = Math.imul(key.charCodeAt(i) | (key.charCodeAt(i + 1) << 16), 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  }
  if (i < n) {
    const k = Math.imul(key.charCodeAt(i), 0xcc9e2d51);
    h ^= Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  }
  h ^= n;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Deadlines per page: a page of 4096 keys is 32 KB, an ordinary heap object (not a large one). */
const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;
/** Children per node: a 4-ary heap has half the levels of a binary one, so half the moves per pop. */
const ARITY_BITS = 2;
const ARITY = 1 << ARITY_BITS;
const MIN_TABLE_BITS = 4;
/** Up to 2^23 buckets: a bucket still has 3 tag bits beside its distance and position. */
const MAX_TABLE_BITS = 23;
/** Bits of a bucket giving its distance from its deadline's home bucket; all ones: that or more. */
const DIST_BITS = 6;
const DIST_FAR = (1 << DIST_BITS) - 1;
/** The leading hash bits a bucket keeps (its home, then its tag): all but the distance's. */
const KEPT_BITS = 32 - DIST_BITS;
/**
 * The key table doubles beyond this load. Probing reads adjacent ints and compares hash tags, so
 * a full table stays cheap; a key string is compared only when its tag matches.
 */
const MAX_LOAD = 0.8;
const MAX_DEADLINES = Math.floor((1 << MAX_TABLE_BITS) * MAX_LOAD);
/** A pending tail up to this long is sifted up one by one; a longer one is heapified bottom-up. */
const SIFT_UP_TAIL = 16;

/**
 * A 4-ary min-heap of deadlines with a key index: upsert, cancel and pop in O(log n), peek in
 * O(1), bulk replace in O(n). Ties on `at` are broken by key so the order is deterministic.
 * It holds at most 6.7 million deadlines (a RangeError beyond).
 *
 * A new deadline is appended after the heap without sifting, and the earliest pending time is
 * kept, so the scheduler's time checks need no order. The first read that does (peek, pop, or a
 * time check after the earliest pending one moved) files the pending tail: one by one when it is
 * short, else bottom-up over the tail's ancestors (Floyd's construction), which moves about half
 * as many deadlines as sifting each up. The desk schedules its timers in bulk (start-up, a batch
 * of ticket changes) and reads the order when a timer fires, so most deadlines are filed that way.
 * A popDue that takes at least half (a resume after a long sleep) leaves the key index alone while
 * popping and builds it afresh for the rest, instead of re-pointing a bucket at every move.
 *
 * Memory is the point (a desk holds ~100k pending timers), so there is no object per deadline:
 * - The heap is a struct of arrays in heap order (times in Float64Arrays, the high 16 bits of each
 *   key's hash in Uint16Arrays, keys and payloads in plain arrays), cut into fixed pages. Growing
 *   adds a page and copies nothing: large arrays that grow by copying cost more in fresh memory
 *   than everything else here.
 * - The key index is an open-addressing table (linear probing) of 32-bit buckets, 0 when empty,
 *   else `tag | distance | position + 1`: the deadline's heap position, how far the bucket is from
 *   its home bucket (the hash's leading bits) and the hash bits after those, so most probes are
 *   settled without touching a key string. A bucket alone gives its home and the leading 26 hash
 *   bits, so growing, shrinking and deleting never hash a key again nor read another array (only
 *   a distance of 63 or more is not kept: such a key is hashed again). A heap move re-points one
 *   bucket, found from the high hash bits kept beside the heap.
 * About 32 bytes per deadline in all: 8 time, 8 key, 8 payload, 2 hash, ~5 table, ~1 page slack.
 */
export class DeadlineHeap<T> {
  private readonly hash: (key: string) => number;
  private count = 0;
  /** Positions below this are in heap order; from it up to `count` the deadlines are pending. */
  private ordered = 0;
  private atPages: Float64Array[] = [];
  private highPages: Uint16Array[] = [];
  private keyPages: (string | undefined)[][] = [];
  private payloadPages: (T | undefined)[][] = [];
  private table = new Int32Array(1 << MIN_TABLE_BITS);
  /** log2 of the table size: the home bucket is the top `bits` bits of a hash. */
  private bits = MIN_TABLE_BITS;
  /** Masks a bucket's `position + 1`. */
  private positionMask = (1 << MIN_TABLE_BITS) - 1;
  /**
   * The time of the deadline being sifted. Passing a double between functions that V8 does not
   * inline boxes it (a heap allocation per call); read from here it stays a raw double.
   */
  private readonly carriedAt = new Float64Array(1);
  /** No pending deadline is earlier than this (Infinity when none are pending). */
  private readonly pendingFrom = new Float64Array([Infinity]);
  /** Whether a pending deadline is due exactly at `pendingFrom` (not only at or after it). */
  private pendingFromExact = true;

  constructor(options: DeadlineHeapOptions = {}) {
    this.hash = options.hash ?? hashDeadlineKey;
  }

  /** How many deadlines are pending. */
  get size(): number {
    return this.count;
  }

  /** The earliest deadline, without removing it. */
  peek(): Deadline<T> | undefined {
    this.order();
    return this.count === 0 ? undefined : this.entryAt(0);
  }

  /** The earliest deadline's time (no object is built); undefined when empty. */
  peekAt(): number | undefined {
    if (this.count === 0) return undefined;
    if (this.ordered < this.count) {
      if (!this.pendingFromExact) this.order();
      else if (this.ordered === 0) return this.pendingFrom[0];
      else return Math.min(this.atPages[0]![0]!, this.pendingFrom[0]!);
    }
    return this.atPages[0]![0];
  }

  /** Whether no deadline is due before `instant` (true when empty); builds and boxes nothing. */
  noneBefore(instant: number): boolean {
    if (this.count === 0) return true;
    if (this.ordered < this.count) {
      if (this.ordered > 0 && this.atPages[0]![0]! < instant) return false;
      if (this.pendingFrom[0]! >= instant) return true;
      if (this.pendingFromExact) return false;
      this.order();
    }
    return this.atPages[0]![0]! >= instant;
  }

  /** Whether a deadline with this key is pending. */
  has(key: string): boolean {
    return this.find(key, this.hash(key)) >= 0;
  }

  /** A copy of the deadline with this key, if any. */
  get(key: string): Deadline<T> | undefined {
    const bucket = this.find(key, this.hash(key));
    return bucket < 0 ? undefined : this.entryAt(this.positionIn(bucket));
  }

  /**
   * Adds a deadline, or moves and updates the one with the same key. False when the key was there
   * with the same `at` (only its payload changed), so the earliest time cannot have changed.
   */
  upsert(key: string, at: number, payload: T): boolean {
    // Small enough to be inlined into the caller, so `at` reaches the pages without being boxed.
    this.carriedAt[0] = at;
    return this.upsertCarried(key, payload);
  }

  /** Removes a deadline; false when there was none with that key. */
  remove(key: string): boolean {
    const bucket = this.find(key, this.hash(key));
    if (bucket < 0) return false;
    this.removeAt(this.positionIn(bucket), bucket);
    return true;
  }

  /** Removes and returns the earliest deadline. */
  pop(): Deadline<T> | undefined {
    if (this.count === 0) return undefined;
    this.order();
    const top = this.entryAt(0);
    this.removeAt(0, this.bucketOf(0));
    return top;
  }

  /** Removes every deadline due at or before `now`, earliest first. */
  popDue(now: number): Deadline<T>[] {
    const due: Deadline<T>[] = [];
    this.order();
    // When at least half are due (a resume after a long sleep), popping them without re-pointing
    // a bucket per move and then indexing the rest afresh is the cheaper way.
    const half = (this.count + 1) >> 1;
    if (this.count > 0 && this.dueCount(now, half) === half) {
      while (this.count > 0 && this.atPages[0]![0]! <= now) {
        due.push(this.entryAt(0));
        this.removeTopUnindexed();
      }
      this.reindex();
      return due;
    }
    while (this.count > 0 && this.atPages[0]![0]! <= now) due.push(this.pop()!);
    return due;
  }

  /** Replaces every deadline at once, in O(n); a key listed twice keeps its last entry. */
  replaceAll(deadlines: Iterable<Deadline<T>>): void {
    this.clear();
    if (Array.isArray(deadlines)) {
      let bits = MIN_TABLE_BITS;
      while (deadlines.length > (1 << bits) * MAX_LOAD && bits < MAX_TABLE_BITS) bits++;
      this.rebuildTable(bits);
    }
    // All pending (a repeated key updates its entry in place), then Floyd's construction.
    for (const { key, at, payload } of deadlines) {
      this.carriedAt[0] = at;
      this.upsertCarried(key, payload);
    }
    this.order();
  }

  /** Removes every deadline and gives back the memory. */
  clear(): void {
    this.count = 0;
    this.ordered = 0;
    this.pendingFrom[0] = Infinity;
    this.pendingFromExact = true;
    this.atPages = [];
    this.highPages = [];
    this.keyPages = [];
    this.payloadPages = [];
    this.rebuildTable(MIN_TABLE_BITS);
  }

  /** `upsert` with the time in `carriedAt`: a new key is appended to the pending tail. */
  private upsertCarried(key: string, payload: T): boolean {
    const at = this.carriedAt[0]!;
    const h = this.hash(key);
    const bucket = this.find(key, h);
    if (bucket >= 0) {
      const position = this.positionIn(bucket);
      const page = position >>> PAGE_BITS;
      const slot = position & PAGE_MASK;
      const previous = this.atPages[page]![slot]!;
      if (previous === at) {
        this.payloadPages[page]![slot] = payload;
        return false;
      }
      if (position >= this.ordered) {
        this.atPages[page]![slot] = at;
        this.payloadPages[page]![slot] = payload;
        if (at < this.pendingFrom[0]!) this.pendingFrom[0] = at;
        else if (previous === this.pendingFrom[0]) this.pendingFromExact = false;
        return true;
      }
      const tagged = this.table[bucket]! & ~this.positionMask;
      if (at < previous) this.siftUp(position, key, payload, h >>> 16, tagged, bucket);
      else this.siftDown(position, this.ordered, key, payload, h >>> 16, tagged, bucket);
      return true;
    }
    let free = ~bucket;
    if (this.count + 1 > this.table.length * MAX_LOAD) {
      this.rebuildTable(this.bits + 1);
      free = ~this.find(key, h);
    }
    const home = h >>> (32 - this.bits);
    const upper = this.upperOf(h, (free - home) & (this.table.length - 1));
    this.place(this.grow(), key, payload, h >>> 16, upper, free);
    if (at < this.pendingFrom[0]!) this.pendingFrom[0] = at;
    return true;
  }

  /**
   * Files the pending tail into the heap. A short tail is sifted up one by one; a long one is
   * heapified bottom-up: the tail's ancestors form one run of positions per level, and sifting
   * those down, deepest level first, leaves every subtree in order (Floyd's construction).
   */
  private order(): void {
    const count = this.count;
    const ordered = this.ordered;
    if (ordered === count) return;
    if (count - ordered <= SIFT_UP_TAIL) {
      for (let position = ordered; position < count; position++) this.settle(position, count, true);
    } else {
      let low = Math.max(0, (ordered - 1) >> ARITY_BITS);
      let high = (count - 2) >> ARITY_BITS;
      while (high >= 0) {
        for (let position = high; position >= low; position--) this.settle(position, count, false);
        // The parents of this run, less the positions just done (near the root the runs overlap).
        high = Math.min((high - 1) >> ARITY_BITS, low - 1);
        low = Math.max(0, (low - 1) >> ARITY_BITS);
      }
    }
    this.ordered = count;
    this.pendingFrom[0] = Infinity;
    this.pendingFromExact = true;
  }

  /**
   * Sifts the deadline at `position` up, or down within the first `n` positions. Most stay where
   * they are, so that is settled first, before its bucket is looked up.
   */
  private settle(position: number, n: number, up: boolean): void {
    const page = position >>> PAGE_BITS;
    const slot = position & PAGE_MASK;
    const key = this.keyPages[page]![slot]!;
    this.carriedAt[0] = this.atPages[page]![slot]!;
    if (up) {
      if (position === 0 || !this.carriedBefore(key, (position - 1) >> ARITY_BITS)) return;
    } else {
      const first = (position << ARITY_BITS) + 1;
      if (this.carriedBefore(key, this.earliestChild(first, Math.min(first + ARITY, n)))) return;
    }
    const bucket = this.bucketOf(position);
    const payload = this.payloadPages[page]![slot]!;
    const high = this.highPages[page]![slot]!;
    const tagged = this.table[bucket]! & ~this.positionMask;
    if (up) this.siftUp(position, key, payload, high, tagged, bucket);
    else this.siftDown(position, n, key, payload, high, tagged, bucket);
  }

  private entryAt(position: number): Deadline<T> {
    const page = position >>> PAGE_BITS;
    const slot = position & PAGE_MASK;
    return {
      key: this.keyPages[page]![slot]!,
      at: this.atPages[page]![slot]!,
      payload: this.payloadPages[page]![slot]!,
    };
  }

  /**
   * How many deadlines are due at or before `now`, counting no further than `enough`. In heap
   * order the due ones form a subtree at the root, so this walks only them (and their children).
   */
  private dueCount(now: number, enough: number): number {
    if (this.count === 0 || this.atPages[0]![0]! > now) return 0;
    const stack = [0];
    let due = 0;
    while (stack.length > 0 && due < enough) {
      const first = (stack.pop()! << ARITY_BITS) + 1;
      due++;
      for (let child = first; child < Math.min(first + ARITY, this.count); child++) {
        if (this.atPages[child >>> PAGE_BITS]![child & PAGE_MASK]! <= now) stack.push(child);
      }
    }
    return due;
  }

  /** Removes the earliest deadline leaving the key table stale (`reindex` rebuilds it). */
  private removeTopUnindexed(): void {
    const last = this.count - 1;
    const lastPage = last >>> PAGE_BITS;
    const lastSlot = last & PAGE_MASK;
    if (last > 0) {
      this.carriedAt[0] = this.atPages[lastPage]![lastSlot]!;
      const key = this.keyPages[lastPage]![lastSlot]!;
      const payload = this.payloadPages[lastPage]![lastSlot]!;
      this.siftDown(0, last, key, payload, this.highPages[lastPage]![lastSlot]!, 0, -1);
    }
    this.keyPages[lastPage]![lastSlot] = undefined;
    this.payloadPages[lastPage]![lastSlot] = undefined;
    this.count = last;
    this.ordered = last;
  }

  /** A new key table for the deadlines left, hashing their keys; spare pages are dropped. */
  private reindex(): void {
    const pagesNeeded = (this.count + PAGE_MASK) >>> PAGE_BITS;
    while (this.atPages.length > pagesNeeded + 1) {
      this.atPages.pop();
      this.highPages.pop();
      this.keyPages.pop();
      this.payloadPages.pop();
    }
    let bits = MIN_TABLE_BITS;
    while (this.count > (1 << bits) * MAX_LOAD) bits++;
    this.table = new Int32Array(1 << bits);
    this.bits = bits;
    this.positionMask = (1 << bits) - 1;
    const mask = this.positionMask;
    for (let position = 0; position < this.count; position++) {
      const h = this.hash(this.keyPages[position >>> PAGE_BITS]![position & PAGE_MASK]!);
      const home = h >>> (32 - bits);
      let bucket = home;
      while (this.table[bucket] !== 0) bucket = (bucket + 1) & mask;
      this.table[bucket] = this.upperOf(h, (bucket - home) & mask) | (position + 1);
    }
  }

  /** The heap position a (non-empty) bucket points to. */
  private positionIn(bucket: number): number {
    return (this.table[bucket]! & this.positionMask) - 1;
  }

  /** A bucket's bits above the position, for hash `h` in a bucket `dist` past its home. */
  private upperOf(h: number, dist: number): number {
    const bits = this.bits;
    const shift = bits + DIST_BITS;
    return (((h << bits) >>> shift) << shift) | (Math.min(dist, DIST_FAR) << bits);
  }

  /** The home of the deadline in `bucket` (holding `entry`): from its distance when kept. */
  private homeOf(bucket: number, entry: number): number {
    const dist = (entry >>> this.bits) & DIST_FAR;
    if (dist < DIST_FAR) return (bucket - dist) & (this.table.length - 1);
    const position = (entry & this.positionMask) - 1;
    const key = this.keyPages[position >>> PAGE_BITS]![position & PAGE_MASK]!;
    return this.hash(key) >>> (32 - this.bits);
  }

  /** The bucket holding `key`, or, when absent, ~bucket of the empty bucket where it would go. */
  private find(key: string, h: number): number {
    const table = this.table;
    const mask = table.length - 1;
    const positionMask = this.positionMask;
    const shift = this.bits + DIST_BITS;
    const tag = (h << this.bits) >>> shift;
    for (let bucket = h >>> (32 - this.bits); ; bucket = (bucket + 1) & mask) {
      const entry = table[bucket]!;
      if (entry === 0) return ~bucket;
      if (entry >>> shift === tag) {
        const position = (entry & positionMask) - 1;
        if (this.keyPages[position >>> PAGE_BITS]![position & PAGE_MASK] === key) return bucket;
      }
    }
  }

  /**
   * The bucket of the deadline at `position`. Its high hash bits give the first bucket its home
   * can be (the home itself up to 2^16 buckets); it lies at or after that, so scan forward.
   */
  private bucketOf(position: number): number {
    const table = this.table;
    const mask = table.length - 1;
    const positionMask = this.positionMask;
    const high = this.highPages[position >>> PAGE_BITS]![position & PAGE_MASK]!;
    const bits = this.bits;
    let bucket = bits <= 16 ? high >>> (16 - bits) : high << (bits - 16);
    while ((table[bucket]! & positionMask) !== position + 1) bucket = (bucket + 1) & mask;
    return bucket;
  }

  /**
   * Re-files every deadline in a table of 2^bits buckets. Each bucket gives the leading hash bits
   * (home, then tag) for the new home and tag, so the old table is read in order and the new one
   * written nearly in order, with no key hashed (but one whose distance was not kept).
   */
  private rebuildTable(bits: number): void {
    if (bits > MAX_TABLE_BITS) {
      throw new RangeError(`DeadlineHeap holds at most ${MAX_DEADLINES} deadlines`);
    }
    const old = this.table;
    const oldBits = this.bits;
    const oldMask = old.length - 1;
    const table = new Int32Array(1 << bits);
    const mask = table.length - 1;
    const shift = bits + DIST_BITS;
    for (let oldBucket = 0; oldBucket < old.length && this.count > 0; oldBucket++) {
      const entry = old[oldBucket]!;
      if (entry === 0) continue;
      const position = (entry & oldMask) - 1;
      const kept =
        ((entry >>> oldBits) & DIST_FAR) < DIST_FAR
          ? (this.homeOf(oldBucket, entry) << (KEPT_BITS - oldBits)) |
            (entry >>> (oldBits + DIST_BITS))
          : this.hash(this.keyPages[position >>> PAGE_BITS]![position & PAGE_MASK]!) >>> DIST_BITS;
      const home = kept >>> (KEPT_BITS - bits);
      let bucket = home;
      while (table[bucket] !== 0) bucket = (bucket + 1) & mask;
      const dist = Math.min((bucket - home) & mask, DIST_FAR);
      table[bucket] = (kept << shift) | (dist << bits) | (position + 1);
    }
    this.table = table;
    this.bits = bits;
    this.positionMask = mask;
  }

  /** Makes room for one more deadline (a new page when the last is full) and returns its position. */
  private grow(): number {
    const position = this.count;
    if (position >>> PAGE_BITS === this.atPages.length) {
      this.atPages.push(new Float64Array(PAGE_SIZE));
      this.highPages.push(new Uint16Array(PAGE_SIZE));
      this.keyPages.push(new Array<string | undefined>(PAGE_SIZE));
      this.payloadPages.push(new Array<T | undefined>(PAGE_SIZE));
    }
    this.count = position + 1;
    return position;
  }

  private removeAt(position: number, bucket: number): void {
    this.deleteBucket(bucket);
    const last = this.count - 1;
    // The pending deadlines lose the removed one (if pending) or the last (if it joins the heap).
    const leaving = position >= this.ordered ? position : last >= this.ordered ? last : -1;
    if (leaving >= 0) {
      const at = this.atPages[leaving >>> PAGE_BITS]![leaving & PAGE_MASK]!;
      if (at === this.pendingFrom[0]) this.pendingFromExact = false;
    }
    const lastPage = last >>> PAGE_BITS;
    const lastSlot = last & PAGE_MASK;
    if (position !== last) {
      const lastBucket = this.bucketOf(last);
      const key = this.keyPages[lastPage]![lastSlot]!;
      const payload = this.payloadPages[lastPage]![lastSlot]!;
      const high = this.highPages[lastPage]![lastSlot]!;
      const tagged = this.table[lastBucket]! & ~this.positionMask;
      this.carriedAt[0] = this.atPages[lastPage]![lastSlot]!;
      if (position >= this.ordered) {
        // A pending hole takes the last deadline as it is: the tail has no order to keep.
        this.place(position, key, payload, high, tagged, lastBucket);
      } else if (position > 0 && this.carriedBefore(key, (position - 1) >> ARITY_BITS)) {
        this.siftUp(position, key, payload, high, tagged, lastBucket);
      } else {
        // The last deadline joins the ordered part (it was pending, or the part ends with it).
        this.siftDown(
          position,
          Math.min(this.ordered, last),
          key,
          payload,
          high,
          tagged,
          lastBucket,
        );
      }
    }
    // Drop the references, so a cancelled payload can be collected.
    this.keyPages[lastPage]![lastSlot] = undefined;
    this.payloadPages[lastPage]![lastSlot] = undefined;
    this.count = last;
    if (this.ordered > last) this.ordered = last;
    this.shrinkIfSparse();
  }

  /** Empties a bucket, shifting later entries of its probe run back so every lookup still finds them. */
  private deleteBucket(bucket: number): void {
    const table = this.table;
    const mask = table.length - 1;
    let hole = bucket;
    for (let next = (bucket + 1) & mask; ; next = (next + 1) & mask) {
      const entry = table[next]!;
      if (entry === 0) break;
      const home = this.homeOf(next, entry);
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        const dist = Math.min((hole - home) & mask, DIST_FAR);
        table[hole] = (entry & ~(DIST_FAR << this.bits)) | (dist << this.bits);
        hole = next;
      }
    }
    table[hole] = 0;
  }

  /** After many removals, gives back memory: spare pages beyond one, and a mostly empty table. */
  private shrinkIfSparse(): void {
    const pagesNeeded = (this.count + PAGE_MASK) >>> PAGE_BITS;
    if (this.atPages.length > pagesNeeded + 1) {
      this.atPages.pop();
      this.highPages.pop();
      this.keyPages.pop();
      this.payloadPages.pop();
    }
    if (this.bits > MIN_TABLE_BITS && this.count * 8 < this.table.length) {
      this.rebuildTable(this.bits - 1);
    }
  }

  /** Whether the carried deadline (carriedAt, key) comes before the one at `position`. */
  private carriedBefore(key: string, position: number): boolean {
    const page = position >>> PAGE_BITS;
    const slot = position & PAGE_MASK;
    const at = this.carriedAt[0]!;
    const other = this.atPages[page]![slot]!;
    return at < other || (at === other && key < this.keyPages[page]![slot]!);
  }

  /** Moves the deadline at `from` into the hole at `to`, and re-points its bucket if `indexed`. */
  private move(from: number, to: number, indexed: boolean): void {
    const bucket = indexed ? this.bucketOf(from) : -1;
    const fromPage = from >>> PAGE_BITS;
    const fromSlot = from & PAGE_MASK;
    const toPage = to >>> PAGE_BITS;
    const toSlot = to & PAGE_MASK;
    this.atPages[toPage]![toSlot] = this.atPages[fromPage]![fromSlot]!;
    this.highPages[toPage]![toSlot] = this.highPages[fromPage]![fromSlot]!;
    this.keyPages[toPage]![toSlot] = this.keyPages[fromPage]![fromSlot];
    this.payloadPages[toPage]![toSlot] = this.payloadPages[fromPage]![fromSlot];
    if (indexed) this.table[bucket] = (this.table[bucket]! & ~this.positionMask) | (to + 1);
  }

  /** Writes the carried deadline at `position` and points its bucket there (none when -1). */
  private place(
    position: number,
    key: string,
    payload: T,
    high: number,
    tagged: number,
    bucket: number,
  ): void {
    const page = position >>> PAGE_BITS;
    const slot = position & PAGE_MASK;
    this.atPages[page]![slot] = this.carriedAt[0]!;
    this.highPages[page]![slot] = high;
    this.keyPages[page]![slot] = key;
    this.payloadPages[page]![slot] = payload;
    if (bucket >= 0) this.table[bucket] = tagged | (position + 1);
  }

  // Both sifts carry one deadline in hand (its bucket already known) and move the others into the
  // hole, so a level costs one move, not a swap. Its bucket is written last: while the hole moves,
  // two buckets may name one position, but the carried one is never looked up by position.
  private siftUp(
    hole: number,
    key: string,
    payload: T,
    high: number,
    tagged: number,
    bucket: number,
  ): void {
    const at = this.carriedAt[0]!;
    let i = hole;
    while (i > 0) {
      const parent = (i - 1) >> ARITY_BITS;
      const page = parent >>> PAGE_BITS;
      const slot = parent & PAGE_MASK;
      const parentAt = this.atPages[page]![slot]!;
      if (at > parentAt || (at === parentAt && key > this.keyPages[page]![slot]!)) break;
      this.move(parent, i, true);
      i = parent;
    }
    this.place(i, key, payload, high, tagged, bucket);
  }

  /** Sifts down within the first `n` positions. */
  private siftDown(
    hole: number,
    n: number,
    key: string,
    payload: T,
    high: number,
    tagged: number,
    bucket: number,
  ): void {
    const at = this.carriedAt[0]!;
    let i = hole;
    for (;;) {
      const first = (i << ARITY_BITS) + 1;
      if (first >= n) break;
      const child = this.earliestChild(first, Math.min(first + ARITY, n));
      const childPage = child >>> PAGE_BITS;
      const childSlot = child & PAGE_MASK;
      const childAt = this.atPages[childPage]![childSlot]!;
      if (at < childAt || (at === childAt && key < this.keyPages[childPage]![childSlot]!)) break;
      this.move(child, i, bucket >= 0);
      i = child;
    }
    this.place(i, key, payload, high, tagged, bucket);
  }

  /** The earliest of the siblings at positions `first` up to (not including) `end`. */
  private earliestChild(first: number, end: number): number {
    let child = first;
    let childPage = first >>> PAGE_BITS;
    let childSlot = first & PAGE_MASK;
    let childAt = this.atPages[childPage]![childSlot]!;
    for (let other = first + 1; other < end; other++) {
      const page = other >>> PAGE_BITS;
      const slot = other & PAGE_MASK;
      const otherAt = this.atPages[page]![slot]!;
      if (
        otherAt < childAt ||
        (otherAt === childAt && this.keyPages[page]![slot]! < this.keyPages[childPage]![childSlot]!)
      ) {
        child = other;
        childPage = page;
        childSlot = slot;
        childAt = otherAt;
      }
    }
    return child;
  }
}
