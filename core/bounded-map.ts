/**
 * A map that remembers worked-out values for the rules that run once per child over a whole cohort, and
 * stays bounded: adding a key when it holds more than `limit` entries forgets them all first (the values
 * are cheap to work out again, and a cohort's dates and names recur, so the map soon fills again with
 * the ones in use).
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.size > this.limit) this.clear();
    return super.set(key, value);
  }

  /** The value remembered for `key`, else `compute(key)`, remembered. */
  of(key: K, compute: (key: K) => V): V {
    let value = this.get(key);
    if (value === undefined) {
      value = compute(key);
      this.set(key, value);
    }
    return value;
  }
}
