import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRecords } from '../../../core/generate/generate.ts';
import { ChildEducationRecord } from '../../../core/model/index.ts';
import { writeTemplateCsv } from '../../../core/node/generate/write.ts';
import { loadDataDirectory } from '../../../core/node/import/load.ts';
import { summariseAttendance } from '../../../core/rules/attendance.ts';
import { yearGroup } from '../../../core/rules/year-group.ts';
import { isValidUpn } from '../../../core/rules/identifiers.ts';
import { deriveStatus } from '../../../core/status/derive.ts';

const AS_OF = '2026-03-15';
const records = generateRecords({ children: 300, seed: 42, asOf: AS_OF });

describe('generateRecords (synthetic data set)', () => {
  it('is deterministic: the same seed and date give the same records; another seed differs', () => {
    expect(generateRecords({ children: 20, seed: 42, asOf: AS_OF })).toEqual(records.slice(0, 20));
    expect(generateRecords({ children: 20, seed: 43, asOf: AS_OF })).not.toEqual(records.slice(0, 20));
  });

  it('gives each social worker about 16 children, the same ones whatever the date, and an email address of their own', () => {
    const caseloads = new Map<string, string[]>();
    for (const r of records) caseloads.set(r.care.socialWorker!.id!, [...(caseloads.get(r.care.socialWorker!.id!) ?? []), r.identity.personId]);
    // 300 children: four full teams of four (256 children) and a last team sharing the other 44.
    const full = [...caseloads].filter(([id]) => Number(id.slice(2)) <= 16).map(([, children]) => children.length);
    expect(full.length).toBe(16);
    expect(full.reduce((a, b) => a + b, 0) / full.length).toBe(16);
    expect(Math.min(...full)).toBeGreaterThanOrEqual(6);
    expect(Math.max(...full)).toBeLessThanOrEqual(28);
    const emails = new Map(records.map((r) => [r.care.socialWorker!.email, r.care.socialWorker!.id]));
    expect(emails.size).toBe(caseloads.size);
    for (const asOf of ['2026-08-20', '2026-12-02', '2027-06-30']) {
      expect(generateRecords({ children: 300, seed: 42, asOf }).map((r) => r.care.socialWorker), asOf).toEqual(records.map((r) => r.care.socialWorker));
    }
  });

  it('makes records that satisfy the schema, with unique person IDs and valid, unique UPNs', () => {
    for (const record of records) expect(ChildEducationRecord.safeParse(record).success).toBe(true);
    expect(new Set(records.map((r) => r.identity.personId)).size).toBe(300);
    const upns = records.flatMap((r) => (r.identity.upn ? [r.identity.upn] : []));
    expect(upns.length).toBeGreaterThan(280);
    expect(new Set(upns).size).toBe(upns.length);
    expect(upns.every(isValidUpn)).toBe(true);
  });

  it('ages run from Reception to Year 13, names from varied backgrounds', () => {
    const years = new Set(records.map((r) => yearGroup(r.identity.dateOfBirth, AS_OF)));
    expect(Math.min(...years)).toBe(0);
    expect(Math.max(...years)).toBe(13);
    expect(new Set(records.map((r) => r.identity.ethnicity)).size).toBeGreaterThan(8);
  });

  it('gives a year of session marks: most attend well, a minority persistently absent, a few severely', () => {
    const summaries = records.map((r) => summariseAttendance(r.attendance.marks));
    expect(Math.min(...summaries.map((s) => s.possibleSessions))).toBeGreaterThan(300);
    const persistent = summaries.filter((s) => s.persistentAbsence).length / summaries.length;
    const severe = summaries.filter((s) => s.severeAbsence).length / summaries.length;
    expect(persistent).toBeGreaterThan(0.12);
    expect(persistent).toBeLessThan(0.45);
    expect(severe).toBeGreaterThan(0.01);
    expect(severe).toBeLessThan(0.12);
    const codes = new Set(records.flatMap((r) => r.attendance.marks.map((m) => m.code)));
    for (const code of ['I', 'O', 'N', 'C2', 'E', 'M', 'L']) expect(codes).toContain(code);
    expect(summaries.every((s) => s.unknownCodes.length === 0)).toBe(true);
  });

  it('has care histories with placement changes, in- and out-of-area placements, suspensions and SEN', () => {
    expect(records.filter((r) => r.care.placementChanges.length > 0).length).toBeGreaterThan(60);
    const areas = new Set(records.map((r) => r.care.placementArea));
    expect([...areas].sort()).toEqual(['from-another-council', 'in-area', 'out-of-area']);
    expect(records.filter((r) => r.exclusions.length > 0).length).toBeGreaterThan(5);
    expect(new Set(records.map((r) => r.sen?.provision))).toEqual(new Set(['E', 'K', 'N']));
    expect(records.every((r) => r.school.enrolments.at(-1)?.designatedTeacher !== undefined)).toBe(true);
  });

  it('gives PEPs in date, due soon and overdue, with actions for every owner role', () => {
    const states = new Set(records.map((r) => deriveStatus(r, { asOf: AS_OF }).pep.state));
    for (const state of ['in-date', 'due-soon', 'overdue']) expect(states).toContain(state);
    const owners = new Set(records.flatMap((r) => r.pep.actions.map((a) => a.owner)));
    expect(owners.size).toBe(5);
  });

  it('writes the CSV templates, which import back with no problems and the same marks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edubridge-gen-'));
    try {
      const some = records.slice(0, 40);
      const written = await writeTemplateCsv(dir, some);
      expect(written.find((w) => w.file === 'attendance.csv')?.rows).toBe(some.reduce((n, r) => n + (r.identity.upn ? r.attendance.marks.length : 0), 0));
      expect((await readFile(join(dir, 'children.csv'), 'utf8')).split('\r\n')[0]).toBe(
        'child_id,upn,first_name,last_name,date_of_birth,gender,ethnicity,looked_after,care_start_date,la_code,school_urn,school_name,sen_provision,sen_primary_need,social_worker,social_worker_email,placement_in_area',
      );
      const loaded = await loadDataDirectory(dir, { asOf: AS_OF });
      expect(loaded.problems).toEqual([]);
      expect(loaded.records).toHaveLength(40);
      for (const original of some) {
        const back = loaded.records.find((r) => r.identity.personId === original.identity.personId) as ChildEducationRecord;
        expect(back.identity).toMatchObject({ firstName: original.identity.firstName, dateOfBirth: original.identity.dateOfBirth, upn: original.identity.upn });
        if (original.identity.upn) expect(back.attendance.marks).toEqual(original.attendance.marks);
        expect(back.care.periods.map((p) => p.episodes.length)).toEqual(original.care.periods.map((p) => p.episodes.length));
        expect(back.care.placementChanges).toEqual(original.care.placementChanges);
        expect(back.pep.actions).toHaveLength(original.pep.actions.length);
        // Whom to contact survives the CSV: the generated schools' designated teachers are never "not recorded".
        const current = original.school.enrolments.find((e) => e.end === undefined);
        expect(back.contacts?.designatedTeacher?.name).toBe(current?.designatedTeacher?.name);
        expect(back.contacts?.virtualSchoolCaseworker?.name).toBe(original.contacts?.virtualSchoolCaseworker?.name);
        expect(back.contacts?.pepDocument).toEqual(original.contacts?.pepDocument);
        // The allocated social worker's email survives too: it is what signs them in to their caseload.
        expect(back.care.socialWorker).toMatchObject({ name: original.care.socialWorker?.name, email: original.care.socialWorker?.email });
        expect(back.care.socialWorker?.email).toMatch(/@/);
      }
      expect(some.every((r) => r.school.enrolments.some((e) => e.end === undefined && e.designatedTeacher))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
