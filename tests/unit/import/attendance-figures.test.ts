import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRecords } from '../../../core/generate/index.ts';
import { writeTemplateCsv } from '../../../core/node/generate/write.ts';
import { loadDataDirectory } from '../../../core/node/import/load.ts';
import { brief } from './helpers.ts';

const AS_OF = '2026-02-11';

describe('attendance figures for past terms (attendance_summaries.csv)', () => {
  it('the generator writes each child’s termly figures, and importing the templates gives them back unchanged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edubridge-figures-'));
    try {
      const records = generateRecords({ children: 30, seed: 11, asOf: AS_OF });
      expect(records.some((r) => r.attendance.summaries.length > 0)).toBe(true);
      await writeTemplateCsv(dir, records);
      const loaded = await loadDataDirectory(dir, { asOf: AS_OF });
      expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
      for (const record of records) {
        if (!record.identity.upn) continue;
        const imported = loaded.records.find((r) => r.identity.personId === record.identity.personId)!;
        expect(imported.attendance.summaries, record.identity.personId).toEqual(record.attendance.summaries);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a row whose figures do not add up is an error naming file, line and column; the valid rows are kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edubridge-figures-'));
    try {
      const [record] = generateRecords({ children: 1, seed: 11, asOf: AS_OF });
      await writeTemplateCsv(dir, [record!]);
      const upn = record!.identity.upn!;
      await writeFile(
        join(dir, 'attendance_summaries.csv'),
        [
          'upn,from_date,to_date,possible_sessions,attended_sessions,authorised_absence_sessions,unauthorised_absence_sessions',
          `${upn},2024-09-03,2024-12-20,140,130,6,4`,
          `${upn},2025-01-06,2025-04-04,110,100,6,1`,
          `${upn},2025-06-01,2025-04-28,10,10,0,0`,
        ].join('\r\n'),
      );
      const loaded = await loadDataDirectory(dir, { asOf: AS_OF });
      const figures = loaded.problems.filter((p) => p.file === 'attendance_summaries.csv');
      expect(brief(figures)).toEqual(['attendance_summaries.csv:3:possible_sessions error bad-value', 'attendance_summaries.csv:4:to_date error bad-value']);
      expect(figures[0]!.message).toContain('= 107 sessions, but possible sessions are given as 110');
      const imported = loaded.records.find((r) => r.identity.personId === record!.identity.personId)!;
      expect(imported.attendance.summaries).toEqual([
        { from: '2024-09-03', to: '2024-12-20', possibleSessions: 140, attendedSessions: 130, authorisedAbsenceSessions: 6, unauthorisedAbsenceSessions: 4 },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
