/**
 * Whole numbers in a typed array that grows: what an import keeps millions of (a line number for each
 * staged row, a child's packed attendance marks, a staged row's pupil), at 4 bytes each.
 */
export class Int32List {
  private values: Int32Array;
  length = 0;

  constructor(capacity = 64) {
    this.values = new Int32Array(capacity);
  }

  /** Numbers already in an array (taken as they are, not copied: more pushed copy them first). */
  static of(values: Int32Array): Int32List {
    const list = new Int32List(0);
    list.values = values;
    list.length = values.length;
    return list;
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(Math.max(64, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  at(index: number): number {
    return this.values[index] as number;
  }

  /** The numbers so far (a view, not a copy). */
  view(): Int32Array {
    return this.values.subarray(0, this.length);
  }

  /** Empties the list, returning its memory. */
  clear(): void {
    this.values = new Int32Array(0);
    this.length = 0;
  }
}
