import type { AttendanceMark, ChildEducationRecord } from '../model/record.ts';
import { toDayNumber } from './calendar.ts';
import { dateOfDay } from './day-numbers.ts';

/**
 * A child's attendance session marks held compactly. A year of marks is about 380 sessions a child, so a
 * council's data holds millions: as `{date, session, code}` objects they take most of a server's memory
 * and most of its start-up time. Here each mark is one 32-bit number — its day (days since 1970-01-01),
 * its session and its code — in a typed array, usually a slice of one buffer shared by every child of a
 * load (and moved between threads without copying).
 *
 * `ChildEducationRecord` stays the public model: a record built by `compactAttendance` has an
 * `attendance.marks` that reads as the usual array (made afresh from the columns on each read, so JSON,
 * copies and comparisons see ordinary marks), and the attendance summaries read the columns directly
 * (`markListOf`).
 */

/** `packed = (day × 2 + (PM ? 1 : 0)) × CODE_SLOTS + code index`. */
const CODE_SLOTS = 256;
/** Day numbers a packed mark can hold (years 0000–9999 need about ±2.9 million). */
const MAX_DAY = Math.floor((2 ** 31 - 1) / CODE_SLOTS / 2) - 1;

/**
 * The attendance codes of one load, each numbered once: marks hold the number. At most 256 distinct codes
 * (the national code sets have fewer than 40).
 */
export class MarkCodes {
  readonly table: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(codes: readonly string[] = []) {
    for (const code of codes) this.of(code);
  }

  /** The number of `code`, given one when first seen; throws past 256 distinct codes. */
  of(code: string): number {
    let index = this.index.get(code);
    if (index === undefined) {
      if (this.table.length >= CODE_SLOTS) throw new RangeError(`more than ${CODE_SLOTS} distinct attendance codes`);
      index = this.table.length;
      this.table.push(code);
      this.index.set(code, index);
    }
    return index;
  }
}

/** One mark as a number (see `CODE_SLOTS`): throws a RangeError for a date that is not a calendar date. */
export function packMark(date: string, session: 'AM' | 'PM', codeIndex: number): number {
  return packDay(toDayNumber(date), session, codeIndex);
}

/** One mark as a number, from its day number. */
export function packDay(day: number, session: 'AM' | 'PM', codeIndex: number): number {
  if (day > MAX_DAY || day < -MAX_DAY) throw new RangeError(`day ${day} is outside the dates a mark can hold`);
  return (day * 2 + (session === 'PM' ? 1 : 0)) * CODE_SLOTS + codeIndex;
}

/** The session key (day × 2, + 1 for PM) of a packed mark: marks in date and session order have increasing keys. */
export const keyOfPacked = (packed: number): number => Math.floor(packed / CODE_SLOTS);
/** The first packed value of a session key (with code index 0). */
export const packedOfKey = (key: number): number => key * CODE_SLOTS;

export class MarkColumns {
  /** Whether the marks are in strictly increasing date and session order (so hold no two for one session). */
  readonly ordered: boolean;

  constructor(
    /** The marks in the record's order, packed (see `packMark`). */
    readonly packed: Int32Array,
    /** The codes the packed marks number. */
    readonly codes: readonly string[],
  ) {
    let ordered = true;
    for (let i = 1; i < packed.length && ordered; i += 1) ordered = keyOfPacked(packed[i - 1]!) < keyOfPacked(packed[i]!);
    this.ordered = ordered;
  }

  get length(): number {
    return this.packed.length;
  }

  day(index: number): number {
    return Math.floor(keyOfPacked(this.packed[index]!) / 2);
  }

  date(index: number): string {
    return dateOfDay(this.day(index));
  }

  session(index: number): 'AM' | 'PM' {
    return keyOfPacked(this.packed[index]!) % 2 === 0 ? 'AM' : 'PM';
  }

  code(index: number): string {
    return this.codes[this.packed[index]! & (CODE_SLOTS - 1)]!;
  }

  /** The marks as the public model has them. */
  toMarks(): AttendanceMark[] {
    const marks: AttendanceMark[] = new Array(this.packed.length);
    for (let i = 0; i < this.packed.length; i += 1) marks[i] = { date: this.date(i), session: this.session(i), code: this.code(i) };
    return marks;
  }

  /** The marks of a list, in the same order (codes numbered in `codes`). */
  static from(marks: readonly AttendanceMark[], codes: MarkCodes = new MarkCodes()): MarkColumns {
    const packed = new Int32Array(marks.length);
    for (let i = 0; i < marks.length; i += 1) {
      const mark = marks[i]!;
      packed[i] = packMark(mark.date, mark.session, codes.of(mark.code));
    }
    return new MarkColumns(packed, codes.table);
  }
}

type Attendance = ChildEducationRecord['attendance'];

const COLUMNS = Symbol('edubridge.markColumns');

/**
 * A record's `attendance` whose marks are held in `columns`: `marks` reads as the usual array (made from
 * the columns each time it is read), the columns stay behind it for the summaries.
 */
export function compactAttendance(columns: MarkColumns, summaries: Attendance['summaries']): Attendance {
  const attendance = {} as Attendance;
  Object.defineProperty(attendance, 'marks', { enumerable: true, get: () => columns.toMarks() });
  Object.defineProperty(attendance, 'summaries', { enumerable: true, writable: true, value: summaries });
  Object.defineProperty(attendance, COLUMNS, { value: columns });
  return attendance;
}

/** The compact marks behind a record's attendance, if it has them. */
export function markColumnsOf(attendance: Attendance): MarkColumns | undefined {
  return (attendance as { [COLUMNS]?: MarkColumns })[COLUMNS];
}

/** The marks to summarise: the compact columns when the record has them (no mark objects made), else the list. */
export function markListOf(attendance: Attendance): MarkColumns | readonly AttendanceMark[] {
  return markColumnsOf(attendance) ?? attendance.marks;
}

/**
 * Records with their marks made compact, all children's in one buffer (the server's form of a load read
 * from elsewhere, e.g. a database). Records already compact, or without marks, are kept as they are.
 */
export function compactRecords(records: readonly ChildEducationRecord[]): ChildEducationRecord[] {
  const codes = new MarkCodes();
  let total = 0;
  for (const record of records) if (!markColumnsOf(record.attendance)) total += record.attendance.marks.length;
  const buffer = new Int32Array(total);
  let offset = 0;
  return records.map((record) => {
    if (markColumnsOf(record.attendance) || record.attendance.marks.length === 0) return record;
    const { marks, summaries } = record.attendance;
    const packed = buffer.subarray(offset, offset + marks.length);
    offset += marks.length;
    try {
      for (let i = 0; i < marks.length; i += 1) packed[i] = packMark(marks[i]!.date, marks[i]!.session, codes.of(marks[i]!.code));
    } catch (error) {
      // More distinct codes than a mark can number (only a records file could hold them): kept as a list.
      if (error instanceof RangeError) return record;
      throw error;
    }
    return { ...record, attendance: compactAttendance(new MarkColumns(packed, codes.table), summaries) };
  });
}

/**
 * Children's packed marks laid out in one buffer, each child's in date and session order (a stable sort:
 * two marks for one session keep the order they were read in, and the later one counts).
 */
export function layOutMarks(lists: readonly Int32Array[], codes: readonly string[]): MarkColumns[] {
  let total = 0;
  for (const list of lists) total += list.length;
  const buffer = new Int32Array(total);
  let offset = 0;
  return lists.map((list) => {
    const packed = buffer.subarray(offset, offset + list.length);
    offset += list.length;
    let ordered = true;
    for (let i = 1; i < list.length && ordered; i += 1) ordered = keyOfPacked(list[i - 1]!) <= keyOfPacked(list[i]!);
    if (ordered) packed.set(list);
    else {
      const order = Array.from(list.keys()).sort((a, b) => keyOfPacked(list[a]!) - keyOfPacked(list[b]!) || a - b);
      for (let i = 0; i < order.length; i += 1) packed[i] = list[order[i]!]!;
    }
    return new MarkColumns(packed, codes);
  });
}

/**
 * Records made ready to post to another thread without their marks becoming objects: each compact record
 * goes with empty marks, its marks in one shared buffer (moved, not copied: list `transfer` in
 * postMessage). `fromPortable` on the other side gives records with compact marks again.
 */
export interface PortableRecords {
  records: ChildEducationRecord[];
  /** Every compact record's packed marks, one after another. */
  packed: Int32Array;
  codes: string[];
  /** For record i: where its marks start in `packed` (2i) and how many (2i + 1); -1 for a record sent whole. */
  spans: Int32Array;
}

export function toPortable(records: readonly ChildEducationRecord[]): { message: PortableRecords; transfer: ArrayBuffer[] } {
  const codes = new MarkCodes();
  const all = records.map((record) => markColumnsOf(record.attendance));
  let total = 0;
  for (const columns of all) if (columns) total += columns.length;
  const packed = new Int32Array(total);
  const spans = new Int32Array(records.length * 2).fill(-1);
  let offset = 0;
  const sent = records.map((record, i) => {
    const columns = all[i];
    if (!columns) return record;
    // The codes are numbered afresh, so records from different loads can travel together; past the codes a
    // mark can number, a record travels whole.
    let renumber: number[];
    try {
      renumber = columns.codes.map((code) => codes.of(code));
    } catch {
      all[i] = undefined;
      return record;
    }
    for (let m = 0; m < columns.length; m += 1) {
      const value = columns.packed[m]!;
      const key = keyOfPacked(value);
      packed[offset + m] = packedOfKey(key) + renumber[value - packedOfKey(key)]!;
    }
    spans[i * 2] = offset;
    spans[i * 2 + 1] = columns.length;
    offset += columns.length;
    return { ...record, attendance: { marks: [], summaries: record.attendance.summaries } };
  });
  return { message: { records: sent, packed, codes: codes.table, spans }, transfer: [packed.buffer as ArrayBuffer, spans.buffer as ArrayBuffer] };
}

export function fromPortable(portable: PortableRecords): ChildEducationRecord[] {
  return portable.records.map((record, i) => withPortableMarks(portable, record, i));
}

/**
 * Record `index` of the records `toPortable` made, with its marks again: the records can be taken in one at
 * a time, after the marks (`packed`, `codes`, `spans`) came on their own.
 */
export function withPortableMarks({ packed, codes, spans }: Omit<PortableRecords, 'records'>, record: ChildEducationRecord, index: number): ChildEducationRecord {
  const offset = spans[index * 2]!;
  if (offset < 0) return record;
  const columns = new MarkColumns(packed.subarray(offset, offset + spans[index * 2 + 1]!), codes);
  return { ...record, attendance: compactAttendance(columns, record.attendance.summaries) };
}
