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

/** A 32-bit hash of a key's UTF-16 code units: FNV-1a, then murmur3's finaliser to spread the bits. */
export function hashDeadlineKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
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
const MIN_TABLE_BITS = 4;
/** Up to 2^23 buckets, a bucket and the stored high hash bits together still locate its home. */
const MAX_TABLE_BITS = 23;
/**
 * The key table doubles beyond this load. Probing reads adjacent ints and compares hash tags, so
 * a full table stays cheap; a key string is compared only when its tag matches.
 */
const MAX_LOAD = 0.8;
const MAX_DEADLINES = Math.floor((1 << MAX_TABLE_BITS) * MAX_LOAD);

/** How many of a hash's low 16 bits a bucket of a 2^bits table keeps beside the position. */
function tagBitsFor(bits: number): number {
  return Math.min(16, 31 - bits);
}

/**
 * A 4-ary min-heap of deadlines with a key index: upsert, cancel and pop in O(log n), peek in
 * O(1), bulk replace in O(n). Ties on `at` are broken by key so the order is deterministic.
 * It holds at most 6.7 million deadlines (a RangeError beyond).
 *
 * Memory is the point (a desk holds ~100k pending timers), so there is no object per deadline:
 * - The heap is a struct of arrays in heap order (times in Float64Arrays, the high 16 bits of each
 *   key's hash in Uint16Arrays, keys and payloads in plain arrays), cut into fixed pages. Growing
 *   adds a page and copies nothing: large arrays that grow by copying cost more in fresh memory
 *   than everything else here.
 * - The key index is an open-addressing table (linear probing) of Int32 buckets, 0 when empty,
 *   else `tag << bits | position + 1`: the deadline's heap position plus the next hash bits, so
 *   most probes are settled without touching a key string, and the high bits beside the heap and
 *   the tag give a bucket's home (to grow the table or delete) without hashing the key again. A
 *   heap move re-points one bucket.
 * About 32 bytes per deadline in all: 8 time, 8 key, 8 payload, 2 hash, ~5 table, ~1 page slack.
 */
export class DeadlineHeap<T> {
  private readonly hash: (key: string) => number;
  private count = 0;
  private atPages: Float64Array[] = [];
  private highPages: Uint16Array[] = [];
  private keyPages: (string | undefined)[][] = [];
  private payloadPages: (T | undefined)[][] = [];
  private table = new Int32Array(1 << MIN_TABLE_BITS);
  /** log2 of the table size: the home bucket is the top `bits` bits of a hash. */
  private bits = MIN_TABLE_BITS;
  /** Masks a bucket's `position + 1`. */
  private positionMask = (1 << MIN_TABLE_BITS) - 1;
  private tagBits = tagBitsFor(MIN_TABLE_BITS);
  /**
   * The time of the deadline being sifted. Passing a double between functions that V8 does not
   * inline boxes it (a heap allocation per call); read from here it stays a raw double.
   */
  private readonly carriedAt = new Float64Array(1);

  constructor(options: DeadlineHeapOptions = {}) {
    this.hash = options.hash ?? hashDeadlineKey;
  }

  /** How many deadlines are pending. */
  get size(): number {
    return this.count;
  }

  /** The earliest deadline, without removing it. */
  peek(): Deadline<T> | undefined {
    return this.count === 0 ? undefined : this.entryAt(0);
  }

  /** The earliest deadline's time (no object is built); undefined when empty. */
  peekAt(): number | undefined {
    return this.count === 0 ? undefined : this.atPages[0]![0];
  }

  /** Whether no deadline is due before `instant` (true when empty); builds and boxes nothing. */
  noneBefore(instant: number): boolean {
    return this.count === 0 || this.atPages[0]![0]! >= instant;
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
      this.carriedAt[0] = at;
      const tagged = this.table[bucket]! & ~this.positionMask;
      if (at < previous) this.siftUp(position, key, payload, h >>> 16, tagged, bucket);
      else this.siftDown(position, this.count, key, payload, h >>> 16, tagged, bucket);
      return true;
    }
    let free = ~bucket;
    if (this.count + 1 > this.table.length * MAX_LOAD) {
      this.rebuildTable(this.bits + 1);
      free = ~this.find(key, h);
    }
    this.carriedAt[0] = at;
    this.siftUp(this.grow(), key, payload, h >>> 16, this.taggedOf(h), free);
    return true;
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
    const top = this.entryAt(0);
    this.removeAt(0, this.bucketOf(0));
    return top;
  }

  /** Removes every deadline due at or before `now`, earliest first. */
  popDue(now: number): Deadline<T>[] {
    const due: Deadline<T>[] = [];
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
    for (const { key, at, payload } of deadlines) {
      const h = this.hash(key);
      let bucket = this.find(key, h);
      if (bucket >= 0) {
        const position = this.positionIn(bucket);
        this.atPages[position >>> PAGE_BITS]![position & PAGE_MASK] = at;
        this.payloadPages[position >>> PAGE_BITS]![position & PAGE_MASK] = payload;
        continue;
      }
      if (this.count + 1 > this.table.length * MAX_LOAD) {
        this.rebuildTable(this.bits + 1);
        bucket = this.find(key, h);
      }
      this.carriedAt[0] = at;
      this.place(this.grow(), key, payload, h >>> 16, this.taggedOf(h), ~bucket);
    }
    // Floyd's heap construction: sift down every parent, the last one first.
    for (let position = (this.count - 2) >> ARITY_BITS; position >= 0; position--) {
      const page = position >>> PAGE_BITS;
      const slot = position & PAGE_MASK;
      const bucket = this.bucketOf(position);
      this.carriedAt[0] = this.atPages[page]![slot]!;
      this.siftDown(
        position,
        this.count,
        this.keyPages[page]![slot]!,
        this.payloadPages[page]![slot]!,
        this.highPages[page]![slot]!,
        this.table[bucket]! & ~this.positionMask,
        bucket,
      );
    }
  }

  /** Removes every deadline and gives back the memory. */
  clear(): void {
    this.count = 0;
    this.atPages = [];
    this.highPages = [];
    this.keyPages = [];
    this.payloadPages = [];
    this.rebuildTable(MIN_TABLE_BITS);
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

  /** The heap position a (non-empty) bucket points to. */
  private positionIn(bucket: number): number {
    return (this.table[bucket]! & this.positionMask) - 1;
  }

  /** The tag part of a bucket for hash `h`: the top `tagBits` of its low 16 bits, above the position. */
  private taggedOf(h: number): number {
    return ((h & 0xffff) >>> (16 - this.tagBits)) << this.bits;
  }

  /** The home bucket of a bucket's deadline: its high hash bits, then the tag's leading bits. */
  private homeOf(entry: number): number {
    const position = (entry & this.positionMask) - 1;
    const high = this.highPages[position >>> PAGE_BITS]![position & PAGE_MASK]!;
    const bits = this.bits;
    if (bits <= 16) return high >>> (16 - bits);
    return (high << (bits - 16)) | ((entry >>> bits) >>> (this.tagBits - (bits - 16)));
  }

  /** The bucket holding `key`, or, when absent, ~bucket of the empty bucket where it would go. */
  private find(key: string, h: number): number {
    const table = this.table;
    const mask = table.length - 1;
    const positionMask = this.positionMask;
    const tagged = this.taggedOf(h);
    for (let bucket = h >>> (32 - this.bits); ; bucket = (bucket + 1) & mask) {
      const entry = table[bucket]!;
      if (entry === 0) return ~bucket;
      if ((entry & ~positionMask) === tagged) {
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
   * Re-files every deadline in a table of 2^bits buckets. Growing takes each home from the bits
   * kept (high hash bits and tag); shrinking needs more tag bits than are kept, so it hashes keys.
   */
  private rebuildTable(bits: number): void {
    if (bits > MAX_TABLE_BITS) {
      throw new RangeError(`DeadlineHeap holds at most ${MAX_DEADLINES} deadlines`);
    }
    const old = this.table;
    const oldBits = this.bits;
    const oldTagBits = this.tagBits;
    const oldPositionMask = this.positionMask;
    const table = new Int32Array(1 << bits);
    const mask = table.length - 1;
    const tagBits = tagBitsFor(bits);
    const fromKeys = tagBits > oldTagBits;
    for (let oldBucket = 0; oldBucket < old.length && this.count > 0; oldBucket++) {
      const entry = old[oldBucket]!;
      if (entry === 0) continue;
      const position = (entry & oldPositionMask) - 1;
      const page = position >>> PAGE_BITS;
      const slot = position & PAGE_MASK;
      // The hash, with the bits no bucket kept left 0 (they are not needed when growing).
      const h = fromKeys
        ? this.hash(this.keyPages[page]![slot]!)
        : (this.highPages[page]![slot]! << 16) | ((entry >>> oldBits) << (16 - oldTagBits));
      let bucket = h >>> (32 - bits);
      while (table[bucket] !== 0) bucket = (bucket + 1) & mask;
      table[bucket] = (((h & 0xffff) >>> (16 - tagBits)) << bits) | (position + 1);
    }
    this.table = table;
    this.bits = bits;
    this.positionMask = mask;
    this.tagBits = tagBits;
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
    const lastPage = last >>> PAGE_BITS;
    const lastSlot = last & PAGE_MASK;
    if (position !== last) {
      const lastBucket = this.bucketOf(last);
      const key = this.keyPages[lastPage]![lastSlot]!;
      const payload = this.payloadPages[lastPage]![lastSlot]!;
      const high = this.highPages[lastPage]![lastSlot]!;
      const tagged = this.table[lastBucket]! & ~this.positionMask;
      this.carriedAt[0] = this.atPages[lastPage]![lastSlot]!;
      if (position > 0 && this.carriedBefore(key, (position - 1) >> ARITY_BITS)) {
        this.siftUp(position, key, payload, high, tagged, lastBucket);
      } else {
        this.siftDown(position, last, key, payload, high, tagged, lastBucket);
      }
    }
    // Drop the references, so a cancelled payload can be collected.
    this.keyPages[lastPage]![lastSlot] = undefined;
    this.payloadPages[lastPage]![lastSlot] = undefined;
    this.count = last;
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
      const home = this.homeOf(entry);
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        table[hole] = entry;
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

  /** Moves the deadline at `from` into the hole at `to`, and re-points its bucket. */
  private move(from: number, to: number): void {
    const bucket = this.bucketOf(from);
    const fromPage = from >>> PAGE_BITS;
    const fromSlot = from & PAGE_MASK;
    const toPage = to >>> PAGE_BITS;
    const toSlot = to & PAGE_MASK;
    this.atPages[toPage]![toSlot] = this.atPages[fromPage]![fromSlot]!;
    this.highPages[toPage]![toSlot] = this.highPages[fromPage]![fromSlot]!;
    this.keyPages[toPage]![toSlot] = this.keyPages[fromPage]![fromSlot];
    this.payloadPages[toPage]![toSlot] = this.payloadPages[fromPage]![fromSlot];
    this.table[bucket] = (this.table[bucket]! & ~this.positionMask) | (to + 1);
  }

  /** Writes the carried deadline at `position` and points its bucket there. */
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
    this.table[bucket] = tagged | (position + 1);
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
      this.move(parent, i);
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
      const end = Math.min(first + (1 << ARITY_BITS), n);
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
          (otherAt === childAt &&
            this.keyPages[page]![slot]! < this.keyPages[childPage]![childSlot]!)
        ) {
          child = other;
          childPage = page;
          childSlot = slot;
          childAt = otherAt;
        }
      }
      if (at < childAt || (at === childAt && key < this.keyPages[childPage]![childSlot]!)) break;
      this.move(child, i);
      i = child;
    }
    this.place(i, key, payload, high, tagged, bucket);
  }
}
