import { readFileSync, writeFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readCaseload, readChild } from '../../../extension/lib/adapters/dom.ts';
import { BUILT_IN_ADAPTERS } from '../../../extension/lib/adapters/builtin.ts';
import { Adapter, AdapterList, adapterJsonSchema } from '../../../extension/lib/adapters/schema.ts';
import { confirmIdentity } from '../../../extension/lib/identity.ts';
import { makeStatus } from './helpers/status.ts';
import { exampleFailures, hostMatches, matchPage } from '../../../extension/lib/adapters/url.ts';

const DOC = 'docs/adapters.md';

function workedExample(): unknown {
  const text = readFileSync(DOC, 'utf8');
  const section = text.slice(text.indexOf('## Worked example'));
  const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  return JSON.parse(json!);
}

function page(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

describe('docs/adapters.md', () => {
  it('carries the JSON Schema generated from the zod schema', () => {
    const text = readFileSync(DOC, 'utf8');
    const start = '<!-- adapter-schema:start -->';
    const end = '<!-- adapter-schema:end -->';
    const generated = `${start}\n\`\`\`json\n${JSON.stringify(adapterJsonSchema(), null, 2)}\n\`\`\`\n${end}`;
    const current = text.slice(text.indexOf(start), text.indexOf(end) + end.length);
    if (process.env.EDUBRIDGE_UPDATE_DOCS === '1') writeFileSync(DOC, text.replace(current, generated));
    else expect(current).toBe(generated);
  });

  it('the worked example is a valid adapter whose examples pass', () => {
    const adapter = Adapter.parse(workedExample());
    expect(exampleFailures(adapter)).toEqual([]);
  });

  it('the worked example reads the page it describes', () => {
    const adapter = Adapter.parse(workedExample());
    const doc = page(`<!doctype html><html><body>
      <div class="client-banner"><h1 class="client-banner__name">SMITH, Jane</h1>
      <table><tr><th>DOB</th><td>03-Mar-2015</td></tr></table></div></body></html>`);
    const match = matchPage([adapter], 'https://cases.council.example/app/client/12345/summary');
    expect(match).toMatchObject({ kind: 'child', idFromUrl: '12345' });
    const identity = readChild(adapter, doc, '12345');
    expect(identity).toMatchObject({ personId: '12345', name: 'SMITH, Jane', dateOfBirth: '03-Mar-2015', missing: [] });
    expect(identity.anchor?.className).toBe('client-banner__name');
    const list = page(`<table class="caseload"><tbody>
      <tr><td><a href="/app/client/12345/summary">SMITH, Jane</a></td><td>Open</td></tr>
      <tr><td>No link here</td></tr>
      <tr><td><a href="/app/client/777">JONES, Tom</a></td></tr></tbody></table>`);
    expect(readCaseload(adapter, list).map((row) => row.personId)).toEqual(['12345', '777']);
  });
});

describe('adapter validation names the field at fault', () => {
  it.each([
    [{ id: 'x', name: 'X', hosts: ['cms.example.org'] }, '(adapter): An adapter needs a `child` or a `caseload` page'],
    [{ id: 'Bad Id', name: 'X', hosts: ['cms.example.org'], caseload: { url: { path: '^/', examples: { match: ['https://cms.example.org/'] } }, row: 'tr', id: { selector: 'td' } } }, 'id'],
    [{ id: 'x', name: 'X', hosts: ['cms.example.org'], caseload: { url: { path: '([', examples: { match: ['https://cms.example.org/'] } }, row: 'tr', id: { selector: 'td' } } }, 'caseload.url.path'],
    [{ id: 'x', name: 'X', hosts: ['cms.example.org'], caseload: { url: { path: '^/', examples: { match: ['https://cms.example.org/'] } }, row: 'tr', id: { selector: 'td', label: 'ID' } } }, 'caseload.id'],
  ])('%#', (adapter, field) => {
    const result = Adapter.safeParse(adapter);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => (issue.path.length ? issue.path.join('.') : `(adapter): ${issue.message}`));
    expect(paths.some((path) => path.startsWith(field))).toBe(true);
  });
});

describe('host patterns', () => {
  it.each([
    [['cms.example.org'], 'https://cms.example.org/x', true],
    [['cms.example.org'], 'http://cms.example.org:8080/x', true],
    [['cms.example.org:8080'], 'http://cms.example.org:9090/x', false],
    [['*.council.example'], 'https://cases.council.example/', true],
    [['*.council.example'], 'https://council.example.evil.org/', false],
    [['127.0.0.1'], 'http://127.0.0.1:41234/cms/', true],
    [['localhost'], 'http://127.0.0.1:41234/cms/', false],
  ] as const)('%j on %s: %s', (patterns, url, expected) => {
    expect(hostMatches(patterns, new URL(url))).toBe(expected);
  });
});

// ---- the built-in adapters against pages saved from the demo (tests/fixtures/extension/save-demo-pages.ts)

interface SavedPage {
  file: string;
  url: string;
  kind: 'child' | 'caseload' | 'none';
  personId?: string;
  consistent?: boolean;
  record?: { firstName: string; lastName: string; displayName: string; dateOfBirth: string };
  caseloadIds?: string[];
}
const FIXTURES = 'tests/fixtures/extension/';
const SAVED: SavedPage[] = JSON.parse(readFileSync(`${FIXTURES}pages.json`, 'utf8'));
const BUILT_IN = AdapterList.parse(BUILT_IN_ADAPTERS);

describe('built-in adapters', () => {
  it.each(BUILT_IN.map((adapter) => [adapter.id, adapter] as const))('%s: valid, and its example URLs pass', (_id, adapter) => {
    expect(exampleFailures(adapter)).toEqual([]);
  });

  it.each(SAVED.filter((p) => p.kind === 'child').map((p) => [p.file, p] as const))('%s: finds the child, and the identity check is right', (_file, saved) => {
    const match = matchPage(BUILT_IN, saved.url);
    expect(match?.kind).toBe('child');
    const doc = page(readFileSync(`${FIXTURES}${saved.file}`, 'utf8'));
    const identity = readChild(match!.adapter, doc, match!.kind === 'child' ? match!.idFromUrl : undefined);
    expect(identity.personId).toBe(saved.personId);
    expect(identity.missing).toEqual([]);
    expect(identity.anchor).not.toBeNull();
    const child = { ...makeStatus().child, ...saved.record! };
    const check = confirmIdentity(child, identity, match!.adapter.child!.dateFormat);
    expect(check.notes).toEqual([]);
    expect(check.verdict).toBe(saved.consistent ? 'match' : 'mismatch');
  });

  it.each(SAVED.filter((p) => p.kind === 'caseload').map((p) => [p.file, p] as const))('%s: finds a row for each child on the caseload', (_file, saved) => {
    const match = matchPage(BUILT_IN, saved.url);
    expect(match?.kind).toBe('caseload');
    const rows = readCaseload(match!.adapter, page(readFileSync(`${FIXTURES}${saved.file}`, 'utf8')));
    expect(rows.map((row) => row.personId).sort()).toEqual(saved.caseloadIds);
    expect(rows.every((row) => row.anchor !== row.row)).toBe(true);
  });

  it.each(SAVED.filter((p) => p.kind === 'none').map((p) => [p.file, p] as const))('%s: is neither a child page nor a caseload', (_file, saved) => {
    expect(matchPage(BUILT_IN, saved.url)).toBeNull();
  });
});

// The saved pages again, with the child's name swapped for names that case-management systems write
// differently from the record: each written as that system writes names (CarePath: SURNAME, First in
// capitals; Nexus: separate cells; Atlas: as given).
describe('built-in adapters recognise names as each system writes them', () => {
  const NAMES = [
    ['İsmail', 'Yılmaz'],
    ['İpek', 'Aydın'],
    ['Lukas', 'Strauß'],
    ['Zoë', 'Wiśniewski'],
    ['Jessica', "O'Neill"],
    ['Jessica', 'O’Neill'],
    ['Jake', 'ap Rhys'],
    ['Megan', 'ab Owen'],
  ] as const;
  const SYSTEMS = [
    ['carepath-child.html', (html: string, first: string, last: string) => html.replace('>HORVATH, Filip<', `>${last.toUpperCase()}, ${first}<`)],
    ['nexus-child.html', (html: string, first: string, last: string) => html.replace('Forename</th><td>Filip<', `Forename</th><td>${first}<`).replace('Surname</th><td>Horvath<', `Surname</th><td>${last}<`)],
    ['atlas-child.html', (html: string, first: string, last: string) => html.replace('>Filip Horvath<', `>${first} ${last}<`)],
  ] as const;
  const cases = SYSTEMS.flatMap(([file, write]) => NAMES.map(([first, last]) => [file, first, last, write] as const));

  it.each(cases)('%s: %s %s is a match', (file, first, last, write) => {
    const saved = SAVED.find((p) => p.file === file)!;
    const original = readFileSync(`${FIXTURES}${file}`, 'utf8');
    const html = write(original, first.replace(/'/g, '&#39;'), last.replace(/'/g, '&#39;'));
    expect(html).not.toBe(original);
    const match = matchPage(BUILT_IN, saved.url)!;
    const identity = readChild(match.adapter, page(html), match.kind === 'child' ? match.idFromUrl : undefined);
    const child = { ...makeStatus().child, firstName: first, lastName: last, displayName: `${first} ${last}`, dateOfBirth: saved.record!.dateOfBirth };
    expect(confirmIdentity(child, identity, match.adapter.child!.dateFormat)).toEqual({ verdict: 'match', reasons: [], notes: [] });
  });

  it.each(SYSTEMS.map(([file, write]) => [file, write] as const))('%s: a sibling with the same unusual surname is not a match', (file, write) => {
    const saved = SAVED.find((p) => p.file === file)!;
    const html = write(readFileSync(`${FIXTURES}${file}`, 'utf8'), 'Emir', 'Yılmaz');
    const match = matchPage(BUILT_IN, saved.url)!;
    const identity = readChild(match.adapter, page(html), match.kind === 'child' ? match.idFromUrl : undefined);
    const child = { ...makeStatus().child, firstName: 'İsmail', lastName: 'Yılmaz', displayName: 'İsmail Yılmaz', dateOfBirth: saved.record!.dateOfBirth };
    expect(confirmIdentity(child, identity, match.adapter.child!.dateFormat).verdict).toBe('mismatch');
  });
});
