import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { confirmIdentity } from '../../../core/identity/index.ts';
import { readCaseload, readChild } from '../../../extension/lib/adapters/dom.ts';
import { Adapter } from '../../../extension/lib/adapters/schema.ts';
import { exampleFailures, matchPage } from '../../../extension/lib/adapters/url.ts';

/**
 * A council's own adapters, each tested against pages saved from its own system with the personal details
 * replaced (docs/adapters.md, "Testing an adapter against your own saved pages"): one folder per adapter
 * under tests/fixtures/adapters/, holding adapter.json, pages/*.html and pages.json (what each page must
 * give). A change to an adapter, or to EduBridge, that breaks recognition fails here.
 */

const ROOT = 'tests/fixtures/adapters';

const SavedPage = z.discriminatedUnion('kind', [
  z.object({
    file: z.string(),
    url: z.url(),
    kind: z.literal('child'),
    personId: z.string(),
    name: z.string().optional(),
    dateOfBirth: z.string().optional(),
    record: z.object({ firstName: z.string(), lastName: z.string(), dateOfBirth: z.string() }).optional(),
  }),
  z.object({ file: z.string(), url: z.url(), kind: z.literal('caseload'), caseloadIds: z.array(z.string()) }),
  z.object({ file: z.string(), url: z.url(), kind: z.literal('none') }),
]);

const folders = existsSync(ROOT) ? readdirSync(ROOT, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name) : [];

it('there is at least the worked example to test', () => {
  expect(folders).toContain('council-cases');
});

describe.each(folders)('adapter %s against its saved pages', (folder) => {
  const adapter = Adapter.parse(JSON.parse(readFileSync(join(ROOT, folder, 'adapter.json'), 'utf8')));
  const pages = z.array(SavedPage).min(1).parse(JSON.parse(readFileSync(join(ROOT, folder, 'pages.json'), 'utf8')));

  it('is valid, and its example addresses pass', () => {
    expect(exampleFailures(adapter)).toEqual([]);
  });

  it.each(pages.map((p) => [p.file, p] as const))('%s', (_file, saved) => {
    const doc = parseHTML(readFileSync(join(ROOT, folder, 'pages', saved.file), 'utf8')).document as unknown as Document;
    const match = matchPage([adapter], saved.url);
    if (saved.kind === 'none') return expect(match).toBeNull();
    expect(match?.kind).toBe(saved.kind);
    if (saved.kind === 'caseload') return expect(readCaseload(adapter, doc).map((row) => row.personId)).toEqual(saved.caseloadIds);
    const identity = readChild(adapter, doc, match?.kind === 'child' ? match.idFromUrl : undefined);
    expect(identity).toMatchObject({ personId: saved.personId, missing: [] });
    if (saved.name !== undefined) expect(identity.name).toBe(saved.name);
    if (saved.dateOfBirth !== undefined) expect(identity.dateOfBirth).toBe(saved.dateOfBirth);
    if (saved.record) {
      const check = confirmIdentity(saved.record, { name: identity.name, dateOfBirth: identity.dateOfBirth }, { dateFormat: adapter.child?.dateFormat ?? 'auto' });
      expect(check).toMatchObject({ verdict: 'match' });
    }
  });
});
