/** A Map with a fixed number of entries, so keys chosen by clients cannot grow memory without bound. */
export interface BoundedCache<Key, Value> {
  get(key: Key): Value | undefined;
  set(key: Key, value: Value): void;
  readonly size: number;
}

/**
 * When full, the oldest inserted entry is evicted (FIFO, not LRU): a hit costs one Map lookup and no
 * reordering, and an evicted hot key is simply recomputed and inserted again.
 */
export function createBoundedCache<Key, Value>(limit: number): BoundedCache<Key, Value> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`cache limit must be a positive integer, got ${limit}`);
  }
  const entries = new Map<Key, Value>();
  return {
    get: (key) => entries.get(key),
    set(key, value) {
      if (!entries.has(key) && entries.size >= limit) {
        const oldest = entries.keys().next();
        if (oldest.done !== true) {
          entries.delete(oldest.value);
        }
      }
      entries.set(key, value);
    },
    get size() {
      return entries.size;
    },
  };
}
