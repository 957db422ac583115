/** How a TtlCache keeps its entries. */
export interface TtlCacheOptions {
  /** How long an entry is served after it was set, in milliseconds (per entry, unless `set` says otherwise). */
  ttlMs: number;
  /** Entries kept at most; the least recently used one makes room. Unbounded when absent. */
  maxEntries?: number;
  /** The clock in milliseconds; injected by tests. */
  now?: () => number;
}

/** An in-memory map whose entries expire a fixed time after they were set. */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { until: number; value: V }>();
  private readonly now: () => number;

  constructor(private readonly options: TtlCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The live value for `key`, or undefined (an expired entry is dropped). */
  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // A Map iterates in insertion order: re-inserting keeps the least recently used first.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  /** Keeps `value` for `ttlMs` (the cache's default unless given). */
  set(key: K, value: V, ttlMs = this.options.ttlMs): void {
    this.entries.delete(key);
    const max = this.options.maxEntries ?? Infinity;
    while (this.entries.size >= max && this.entries.size > 0) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { until: this.now() + ttlMs, value });
  }

  /** Forgets `key`; true if it was held. */
  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
  }

  /** Entries held, expired ones not yet dropped included. */
  get size(): number {
    return this.entries.size;
  }
}
