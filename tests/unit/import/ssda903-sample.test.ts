import { beforeAll, describe, expect, it } from 'vitest';
import { ChildEducationRecord } from '../../../core/model/index.ts';
import { loadDataDirectory, type LoadResult } from '../../../core/node/import/load.ts';
import { AS_OF, SAMPLE_903 } from './helpers.ts';

// Row counts from the sample's README (tests/fixtures/ssda903/README.md).
const EXPECTED_ROWS: [string, string, number][] = [
  ['header.csv', 'SSDA903 header', 2675],
  ['episodes.csv', 'SSDA903 episodes', 5050],
  ['reviews.csv', 'SSDA903 reviews', 12582],
  ['oc2.csv', 'SSDA903 OC2', 2675],
  ['previous_permanence.csv', 'SSDA903 previous permanence', 2675],
  ['uasc.csv', 'SSDA903 UASC', 132],
  ['oc3.csv', 'SSDA903 OC3', 53],
  ['missing.csv', 'SSDA903 missing', 43],
  ['ad1.csv', 'SSDA903 AD1', 29],
  ['placed_for_adoption.csv', 'SSDA903 placed for adoption', 29],
  ['sw_episodes.csv', 'SSDA903 social worker episodes', 1],
];

describe('the SSDA903 sample return (tests/fixtures/ssda903, csc-validator-be-903 fake data)', () => {
  let result: LoadResult;
  beforeAll(async () => {
    result = await loadDataDirectory(SAMPLE_903, { asOf: AS_OF });
  });

  it.each(EXPECTED_ROWS)('%s is recognised as %s by its columns and all %i rows are read', (file, format, rows) => {
    const summary = result.files.find((f) => f.file === file);
    expect(summary).toMatchObject({ format, rowsRead: rows, rejectedWhole: false });
  });

  it('keeps or reports every row: read = accepted + rejected, and each rejection has an error', () => {
    for (const summary of result.files) {
      expect(summary.accepted + summary.rejected, summary.file).toBe(summary.rowsRead);
      expect(summary.errors, summary.file).toBeGreaterThanOrEqual(summary.rejected);
    }
  });

  it('makes one record per child: 2,675 from header.csv and 253 from the XML, all schema-valid', () => {
    expect(result.records).toHaveLength(2675 + 253);
    for (const record of result.records) expect(ChildEducationRecord.safeParse(record).success).toBe(true);
  });

  it('reads the XML form: 253 children with 459 episodes', () => {
    const xml = result.files.find((f) => f.file === 'fake_903.xml');
    expect(xml).toMatchObject({ format: 'SSDA903 XML', rejected: 0 });
    const xmlChildren = result.records.filter((r) => r.provenance.identity?.source === 'fake_903.xml');
    expect(xmlChildren).toHaveLength(253);
    expect(xmlChildren.reduce((n, r) => n + r.care.periods.reduce((m, p) => m + p.episodes.length, 0), 0)).toBe(459);
  });

  it('keeps all 5,050 episodes in periods of care, with placement changes', () => {
    const fromCsv = result.records.filter((r) => r.provenance.care?.source.includes('episodes.csv'));
    expect(fromCsv.reduce((n, r) => n + r.care.periods.reduce((m, p) => m + p.episodes.length, 0), 0)).toBe(5050);
    expect(fromCsv).toHaveLength(2123);
    expect(fromCsv.some((r) => r.care.placementChanges.length > 0)).toBe(true);
  });

  it('maps the pre-2024 SEX codes 1/2 to male/female', () => {
    const genders = new Set(result.records.map((r) => r.identity.gender));
    expect([...genders].sort()).toEqual(['female', 'male']);
  });

  it('warns about UPNs with wrong check letters (about 22 in 23) and keeps them', () => {
    const upnWarnings = result.problems.filter((p) => p.file === 'header.csv' && p.code === 'upn-check');
    expect(upnWarnings.length).toBeGreaterThan(2400);
    expect(upnWarnings.every((p) => p.severity === 'warning' && p.column === 'UPN')).toBe(true);
    expect(result.records.filter((r) => r.identity.upn !== undefined).length).toBeGreaterThanOrEqual(2675);
  });

  it('lists the social-worker episode of a child the return has no header for', () => {
    expect(result.problems.filter((p) => p.file === 'sw_episodes.csv').map((p) => [p.line, p.column, p.code])).toEqual([[2, 'CHILD', 'unknown-child']]);
  });
});
