/**
 * A Map that keeps at most `limit` entries, letting the oldest go first: for the small per-process
 * memos of parse results (detect.ts, terraform/hcl.ts), which must not grow with the files read.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.limit) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}
