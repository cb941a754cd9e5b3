/** One pending deadline: a stable key, when it is due (epoch ms) and what to hand back. */
export interface Deadline<T> {
  key: string;
  at: number;
  payload: T;
}

/**
 * A binary min-heap of deadlines with a key index: upsert, cancel and pop in O(log n), peek in
 * O(1). Ties on `at` are broken by key so the order is deterministic.
 */
export class DeadlineHeap<T> {
  private readonly items: Deadline<T>[] = [];
  private readonly positions = new Map<string, number>();

  get size(): number {
    return this.items.length;
  }

  /** The earliest deadline, without removing it. */
  peek(): Deadline<T> | undefined {
    return this.items[0];
  }

  has(key: string): boolean {
    return this.positions.has(key);
  }

  get(key: string): Deadline<T> | undefined {
    const index = this.positions.get(key);
    return index === undefined ? undefined : this.items[index];
  }

  /** Adds a deadline, or moves and updates the one with the same key. */
  upsert(key: string, at: number, payload: T): void {
    const index = this.positions.get(key);
    if (index === undefined) {
      this.items.push({ key, at, payload });
      this.positions.set(key, this.items.length - 1);
      this.siftUp(this.items.length - 1);
      return;
    }
    const item = this.items[index]!;
    const earlier = at < item.at;
    item.at = at;
    item.payload = payload;
    if (earlier) this.siftUp(index);
    else this.siftDown(index);
  }

  /** Removes a deadline; false when there was none with that key. */
  remove(key: string): boolean {
    const index = this.positions.get(key);
    if (index === undefined) return false;
    const last = this.items.pop()!;
    this.positions.delete(key);
    if (index < this.items.length) {
      this.items[index] = last;
      this.positions.set(last.key, index);
      this.siftDown(index);
      this.siftUp(index);
    }
    return true;
  }

  /** Removes and returns the earliest deadline. */
  pop(): Deadline<T> | undefined {
    const top = this.items[0];
    if (top) this.remove(top.key);
    return top;
  }

  /** Removes every deadline due at or before `now`, earliest first. */
  popDue(now: number): Deadline<T>[] {
    const due: Deadline<T>[] = [];
    while (this.items.length && this.items[0]!.at <= now) due.push(this.pop()!);
    return due;
  }

  clear(): void {
    this.items.length = 0;
    this.positions.clear();
  }

  private before(a: Deadline<T>, b: Deadline<T>): boolean {
    return a.at < b.at || (a.at === b.at && a.key < b.key);
  }

  private swap(i: number, j: number): void {
    const a = this.items[i]!;
    const b = this.items[j]!;
    this.items[i] = b;
    this.items[j] = a;
    this.positions.set(b.key, i);
    this.positions.set(a.key, j);
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(this.items[i]!, this.items[parent]!)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    let i = index;
    const n = this.items.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.before(this.items[left]!, this.items[smallest]!)) smallest = left;
      if (right < n && this.before(this.items[right]!, this.items[smallest]!)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
