import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChildEducationRecord } from '../../../core/model/record.ts';
import { registerSchema } from '../../../core/node/cli/commands/schema.ts';
import { jsonSchemaOf, jsonSchemas } from '../../../core/schema.ts';
import { deriveStatus } from '../../../core/status/derive.ts';

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; $schema?: string; title?: string; $id?: string };

const record = ChildEducationRecord.parse({
  schemaVersion: 1,
  identity: { personId: 'P1', firstName: 'A', lastName: 'B', dateOfBirth: '2015-05-05', gender: 'female' },
  care: { lookedAfter: true, periods: [], placementChanges: [] },
  school: { enrolments: [] },
  attendance: { marks: [], summaries: [] },
  attainment: { assessments: [], termly: [] },
  exclusions: [],
  pep: { meetings: [{ date: '2025-10-01', status: 'approved' }], actions: [] },
  provenance: {},
});

/** Every object key in `value` is described by `schema` (a structural check of the generated schema). */
function keysDescribed(value: unknown, schema: JsonSchema, path: string, missing: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) if (schema.items) keysDescribed(item, schema.items, `${path}[]`, missing);
    return;
  }
  if (value === null || typeof value !== 'object' || !schema.properties) return;
  for (const [key, child] of Object.entries(value)) {
    const childSchema = schema.properties[key];
    if (!childSchema) missing.push(`${path}.${key}`);
    else keysDescribed(child, childSchema, `${path}.${key}`, missing);
  }
}

describe('JSON Schema of the record and the status (issue 2: "Export their JSON Schema")', () => {
  it('is draft 2020-12 with an id and title', () => {
    const schema = jsonSchemaOf('status') as JsonSchema;
    expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'Education status', type: 'object' });
    expect(Object.keys(schema).slice(0, 3)).toEqual(['$schema', '$id', 'title']);
  });

  it('names the stable status fields portal developers rely on', () => {
    const schema = jsonSchemaOf('status') as JsonSchema;
    const p = schema.properties!;
    expect(p.attendance?.required).toEqual(expect.arrayContaining(['academicYear', 'term']));
    expect(p.attendance?.properties?.academicYear?.required).toEqual(
      expect.arrayContaining(['possibleSessions', 'attendedSessions', 'authorisedAbsenceSessions', 'unauthorisedAbsenceSessions', 'attendancePercent', 'persistentAbsence', 'severeAbsence']),
    );
    expect(p.pep?.required).toEqual(expect.arrayContaining(['state', 'nextDue', 'daysOverdue']));
    expect(p.rag?.required).toEqual(expect.arrayContaining(['overall', 'attendance', 'pep', 'exclusions', 'attainment', 'reasons']));
  });

  it('describes every field a derived status has', () => {
    const missing: string[] = [];
    keysDescribed(deriveStatus(record, { asOf: '2026-03-02' }), jsonSchemaOf('status') as JsonSchema, 'status', missing);
    expect(missing).toEqual([]);
  });

  it('describes records as written: fields with defaults (PEP meeting targets) are optional', () => {
    const schema = jsonSchemaOf('record') as JsonSchema;
    const meeting = schema.properties?.pep?.properties?.meetings?.items;
    expect(meeting?.required).not.toContain('targets');
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'identity', 'care', 'school', 'attendance', 'attainment', 'exclusions', 'pep', 'provenance']));
  });
});

describe('edubridge schema [record|status]', () => {
  afterEach(() => vi.restoreAllMocks());

  async function run(...args: string[]): Promise<string> {
    const output: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
    const program = new Command('edubridge').exitOverride().configureOutput({ writeErr: () => {} });
    registerSchema(program);
    await program.parseAsync(['node', 'edubridge', 'schema', ...args]);
    return output.join('');
  }

  it.each(['record', 'status'] as const)('prints the %s schema as JSON', async (which) => {
    expect(JSON.parse(await run(which))).toEqual(jsonSchemaOf(which));
  });

  it('prints both, keyed by name, without an argument', async () => {
    expect(JSON.parse(await run())).toEqual(jsonSchemas());
  });

  it('rejects another name with a usage error', async () => {
    await expect(run('cohort')).rejects.toThrow(/Choose record or status/);
  });
});
