/**
 * Strings to keep, each made a string of its own, and equal ones one string. A field read from a file is
 * a slice of the text it was read from, and (in V8) a kept slice of 13 characters or more keeps that whole
 * piece of text alive: for the children of a council, most of every file's text, kept for as long as the
 * server runs. Shorter text is copied when it is read, a copy for every row: kept here, a value that
 * repeats down a file (a date, a subject, a result) is one string however many rows hold it, which also
 * spares the garbage collector moving each copy as the rows that hold it grow old. A property key is
 * always a string of its own (V8 copies a slice to make it one), so the key of a one-property object is
 * the copy.
 *
 * Only a cache: past `limit` strings it starts again (a string then gets a copy of its own), so that one
 * kept for the life of the process stays bounded.
 */
export class KeptStrings {
  private readonly kept = new Map<string, string>();

  constructor(private readonly limit = 10_000) {}

  of(value: string): string {
    let kept = this.kept.get(value);
    if (kept === undefined) {
      // Shorter text is a copy already; a longer one is copied here.
      kept = value.length < 13 ? value : (Object.keys({ [value]: 0 })[0] as string);
      if (this.kept.size >= this.limit) this.kept.clear();
      // Keyed by the copy, not by `value`: a key that is a slice would keep the file's text alive (which
      // is why this is not a BoundedMap's `of`).
      this.kept.set(kept, kept);
    }
    return kept;
  }

  /** `row` with each of its string values kept (in place). */
  row<T>(row: T): T {
    const values = row as Record<string, unknown>;
    for (const key in values) {
      const value = values[key];
      if (typeof value === 'string') values[key] = this.of(value);
    }
    return row;
  }
}
