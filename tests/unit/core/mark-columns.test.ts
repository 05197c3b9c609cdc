import { describe, expect, it } from 'vitest';
import { generateRecords } from '../../../core/generate/index.ts';
import type { ChildEducationRecord } from '../../../core/model/index.ts';
import { loadDataDirectory } from '../../../core/node/import/load.ts';
import { compactRecords, fromPortable, markColumnsOf, MarkColumns, toPortable, withPortableMarks } from '../../../core/rules/mark-columns.ts';
import { addDays } from '../../../core/rules/calendar.ts';
import { deriveStatus } from '../../../core/status/derive.ts';
import { AS_OF, FIXTURES, SAMPLE_903 } from '../import/helpers.ts';

/**
 * The server holds attendance marks compactly (core/rules/mark-columns.ts). Whatever the records, a
 * compact record must read as the plain one and give exactly the same status.
 */
const plain = (records: readonly ChildEducationRecord[]): ChildEducationRecord[] => JSON.parse(JSON.stringify(records));

function expectSameStatuses(compact: readonly ChildEducationRecord[], reference: readonly ChildEducationRecord[], dates: readonly string[]): void {
  expect(compact).toHaveLength(reference.length);
  for (const asOf of dates) {
    for (const language of ['en', 'cy'] as const) {
      compact.forEach((record, i) => {
        expect(deriveStatus(record, { asOf, language }), `${record.identity.personId} on ${asOf} (${language})`).toEqual(deriveStatus(reference[i]!, { asOf, language }));
      });
    }
  }
}

describe('compact attendance marks (core/rules/mark-columns.ts)', () => {
  it('a generated cohort: the compact records read as the plain ones and give the same statuses, on several dates', () => {
    const records = generateRecords({ children: 120, seed: 11, asOf: '2026-03-10' });
    const compact = compactRecords(records);
    expect(compact.filter((r) => markColumnsOf(r.attendance) !== undefined).length).toBeGreaterThan(100);
    expect(plain(compact)).toEqual(plain(records));
    expectSameStatuses(compact, records, ['2026-03-10', '2025-10-20', '2026-07-31']);
  });

  it('the SSDA903 sample and the import fixtures: what the importer builds (compact) gives the statuses its plain JSON gives', async () => {
    for (const dir of [SAMPLE_903, `${FIXTURES}valid`]) {
      const { records } = await loadDataDirectory(dir, { asOf: AS_OF });
      expectSameStatuses(records, plain(records), [AS_OF]);
    }
    const { records } = await loadDataDirectory(`${FIXTURES}valid`, { asOf: AS_OF });
    const withMarks = records.filter((r) => markColumnsOf(r.attendance) !== undefined);
    expect(withMarks.length).toBeGreaterThan(0);
    // The marks read as the usual list, in date and session order.
    for (const record of withMarks) {
      const marks = record.attendance.marks;
      expect(marks.length).toBe(markColumnsOf(record.attendance)!.length);
      for (let i = 1; i < marks.length; i++) expect(marks[i - 1]!.date + marks[i - 1]!.session <= marks[i]!.date + marks[i]!.session).toBe(true);
    }
  });

  it('records sent to another thread keep their marks compact: empty lists in the message, one buffer moved beside them', () => {
    const records = compactRecords(generateRecords({ children: 30, seed: 3, asOf: '2026-03-10' }));
    const { message, transfer } = toPortable(records);
    expect(message.records.every((r) => r.attendance.marks.length === 0)).toBe(true);
    expect(transfer).toHaveLength(2);
    const received = fromPortable(structuredClone(message, { transfer }));
    expect(received.every((r, i) => (markColumnsOf(r.attendance) === undefined) === (markColumnsOf(records[i]!.attendance) === undefined))).toBe(true);
    expect(plain(received)).toEqual(plain(records));
    expectSameStatuses(received, records, ['2026-03-10']);
  });

  it('the marks can go first and the records after, a few at a time, each given its marks as it comes', () => {
    const records = compactRecords(generateRecords({ children: 30, seed: 4, asOf: '2026-03-10' }));
    const { message, transfer } = toPortable(records);
    const { records: sent, ...marks } = message;
    const arrived = structuredClone(marks, { transfer });
    const received: ChildEducationRecord[] = [];
    for (let start = 0; start < sent.length; start += 7) for (const record of structuredClone(sent.slice(start, start + 7))) received.push(withPortableMarks(arrived, record, received.length));
    expect(received.some((r) => markColumnsOf(r.attendance) !== undefined)).toBe(true);
    expect(plain(received)).toEqual(plain(records));
    expectSameStatuses(received, records, ['2026-03-10']);
  });

  it('a records file with more distinct codes than a mark can number: those records keep their marks as a list, and the same status', () => {
    const [base] = generateRecords({ children: 1, seed: 5, asOf: '2026-03-10' });
    const codes = Array.from({ length: 300 }, (_, i) => String.fromCharCode(0x41 + (i % 26)) + String.fromCharCode(0x30 + Math.floor(i / 26)));
    const odd = { ...base!, attendance: { marks: codes.map((code, i) => ({ date: addDays('2025-09-01', i), session: 'AM' as const, code })), summaries: [] } };
    const compact = compactRecords([base!, odd]);
    expect(markColumnsOf(compact[0]!.attendance)).toBeDefined();
    expect(markColumnsOf(compact[1]!.attendance)).toBeUndefined();
    expectSameStatuses(compact, [base!, odd], ['2026-03-10']);
    const { message } = toPortable(compact);
    expect(plain(fromPortable(message))).toEqual(plain([base!, odd]));
  });

  it('holds any date the record schema allows (years 0000 to 9999), each session and code as given, in the order given', () => {
    const marks = [
      { date: '9999-12-31', session: 'PM' as const, code: '/' },
      { date: '0000-01-01', session: 'AM' as const, code: 'C2' },
      { date: '1970-01-01', session: 'PM' as const, code: '\\' },
      { date: '1969-12-31', session: 'AM' as const, code: '#' },
      { date: '1969-12-31', session: 'AM' as const, code: 'N' },
    ];
    const columns = MarkColumns.from(marks);
    expect(columns.toMarks()).toEqual(marks);
    expect(columns.ordered).toBe(false);
    expect(MarkColumns.from([marks[1]!, marks[3]!, marks[2]!, marks[0]!]).ordered).toBe(true);
    expect(() => MarkColumns.from([{ date: '2025-02-30', session: 'AM', code: '/' }])).toThrow(RangeError);
  });
});
