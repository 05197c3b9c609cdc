import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateRecords } from '../../../core/generate/index.ts';
import { deriveStatus } from '../../../core/status/derive.ts';
import { CohortMember, cohortMemberIssues, isCohortMemberQuick } from '../../../widgets/shared/cohort-check.ts';

z.config({ jitless: true });

const AS_OF = '2025-11-20';
const statuses = generateRecords({ children: 40, seed: 20251120, asOf: AS_OF }).map((record) => deriveStatus(record, { asOf: AS_OF }));

/** Every path to a value CohortMember reads (an object's own fields, and the first item of each list). */
function pathsOf(schema: z.ZodType, value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [prefix];
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodNullable || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  if (inner instanceof z.ZodObject && value && typeof value === 'object') {
    for (const [name, field] of Object.entries(inner.shape)) {
      paths.push(...pathsOf(field as z.ZodType, (value as Record<string, unknown>)[name], [...prefix, name]));
    }
  } else if (inner instanceof z.ZodArray && Array.isArray(value) && value.length > 0) {
    paths.push(...pathsOf(inner.element as z.ZodType, value[0], [...prefix, 0]));
  }
  return paths;
}

function withValue(status: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(status) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replacement === DELETE) delete node[last];
  else node[last] = replacement;
  return copy;
}

const DELETE = Symbol('delete');
// Wrong types, out-of-range numbers, bad dates and enumeration values, missing fields.
const BAD_VALUES: unknown[] = [DELETE, undefined, null, '', 'not-a-value', '2025-02-30', -1, 1.5, 101, Number.NaN, Number.POSITIVE_INFINITY, true, {}, [], [1]];

describe('the quick check of a cohort member agrees with CohortMember (the schema stays the authority)', () => {
  it('generated statuses (core/generate + deriveStatus) pass both', () => {
    for (const status of statuses) {
      expect(CohortMember.safeParse(status).success).toBe(true);
      expect(isCohortMemberQuick(status)).toBe(true);
      expect(cohortMemberIssues(status)).toBeUndefined();
    }
  });

  it('never accepts a child the schema turns down, whatever field is broken and however', () => {
    const status = statuses.find((candidate) => candidate.school && candidate.attainment.statutory.length && candidate.attainment.inYear.length && candidate.pep.nextDue)!;
    const paths = pathsOf(CohortMember, status);
    expect(paths.length).toBeGreaterThan(40);
    let rejected = 0;
    for (const path of paths) {
      for (const bad of BAD_VALUES) {
        const child = withValue(status, path, bad);
        if (!CohortMember.safeParse(child).success) {
          rejected += 1;
          expect(isCohortMemberQuick(child), `${path.join('.')} = ${String(bad)}`).toBe(false);
        }
      }
    }
    expect(rejected).toBeGreaterThan(paths.length * 5);
  });

  it.each([
    ['a missing surname', ['child', 'lastName'], DELETE, 'child.lastName'],
    ['a rating that is not green, amber, red or none', ['rag', 'overall'], 'purple', 'rag.overall'],
    ['an attendance percentage over 100', ['attendance', 'academicYear', 'attendancePercent'], 140, 'attendance.academicYear.attendancePercent'],
    ['a PEP due date that is not a calendar date', ['pep', 'nextDue'], '2025-02-30', 'pep.nextDue'],
  ] as const)('%s is named by its field', (_why, path, bad, field) => {
    const issues = cohortMemberIssues(withValue(statuses[0], [...path], bad));
    expect(issues?.[0]?.path.join('.')).toBe(field);
  });
});
