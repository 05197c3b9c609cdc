import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { caseloadIds, checkAdapter, confirmWith, idInAddress, proposeCaseload, proposeChildAdapter, proposePath, readWithAdapter } from '../../../extension/lib/builder/adapter.ts';
import { proposeFinder } from '../../../extension/lib/builder/selectors.ts';

// "Teach EduBridge this page": from clicks on one saved page of each demo system, the builder proposes an
// adapter that then reads other children's pages, and passes the same checks as a hand-written one.

const FIXTURES = 'tests/fixtures/extension';
const load = (file: string) => parseHTML(readFileSync(`${FIXTURES}/${file}`, 'utf8')).document as unknown as Document;

/** The same page for another child: the saved page with the ID, name and date of birth replaced. */
function anotherChild(file: string, swaps: [string, string][]): Document {
  let html = readFileSync(`${FIXTURES}/${file}`, 'utf8');
  for (const [from, to] of swaps) html = html.split(from).join(to);
  return parseHTML(html).document as unknown as Document;
}

const byText = (doc: Document, selector: string, text: string) => {
  const found = Array.from(doc.querySelectorAll(selector)).find((element) => element.textContent?.trim() === text);
  if (!found) throw new Error(`no ${selector} with text ${text}`);
  return found;
};

describe('proposing a selector from the element clicked', () => {
  it('prefers a stable class under the page, never the value itself', () => {
    const doc = load('carepath-child.html');
    const name = byText(doc, 'h1', 'HORVATH, Filip');
    const proposal = proposeFinder(doc, name);
    expect(proposal.fragile).toBe(false);
    expect(proposal.finder.selector).toBe('h1.cp-person-name');
    expect(JSON.stringify(proposal.finder)).not.toMatch(/HORVATH|Filip|400248/);
  });

  it('uses the label beside a value when the value has no handle of its own (a table of details)', () => {
    const doc = load('nexus-child.html');
    const dob = byText(doc, 'td', '18 Dec 2012');
    expect(proposeFinder(doc, dob)).toMatchObject({ finder: { label: 'Date of Birth' }, basis: 'label', fragile: false });
  });

  it('never builds a selector from a data attribute that carries the person ID', () => {
    const doc = load('atlas-child.html');
    const card = doc.querySelector('section.at-person-card')!;
    expect(proposeFinder(doc, card).finder.selector ?? '').not.toContain('400248');
  });

  it('falls back to a positional chain only when nothing stable exists, and says it is fragile', () => {
    const doc = parseHTML('<html><body><div><div><span>x</span><span>Filip</span></div></div></body></html>').document as unknown as Document;
    const span = doc.querySelectorAll('span')[1]!;
    const proposal = proposeFinder(doc, span);
    expect(proposal.fragile).toBe(true);
    expect(doc.querySelector(proposal.finder.selector!)).toBe(span);
  });
});

describe('proposing the URL pattern from the address', () => {
  it('finds the ID in a path segment or a query parameter', () => {
    expect(idInAddress('http://127.0.0.1:8080/cms/carepath/people/400248', '400248')).toEqual({ from: 'path', segment: 4 });
    expect(idInAddress('http://127.0.0.1:8080/cms/nexus/workspace?view=person&personId=400248&tab=details', '400248')).toEqual({ from: 'query', param: 'personId' });
  });

  it('keeps a query parameter that is the same on every page (view=person) and drops one that varies (tab)', () => {
    const hrefs = ['http://h/cms/nexus/workspace?view=person&personId=400248&tab=details', 'http://h/cms/nexus/workspace?view=person&personId=400013&tab=plans'];
    const path = proposePath(hrefs, { from: 'query', param: 'personId' }, ['400248', '400013']);
    const re = new RegExp(path);
    expect(re.test('/cms/nexus/workspace?tab=chronology&personId=400100&view=person')).toBe(true);
    expect(re.test('/cms/nexus/workspace?view=caseload')).toBe(false);
  });
});

type System = {
  name: string;
  file: string;
  url: string;
  click: (doc: Document) => { name: Element | Element[]; dateOfBirth: Element; idElement?: Element };
  other: { url: string; swaps: [string, string][]; expect: { personId: string; name: string; dateOfBirth: string } };
};

const SYSTEMS: System[] = [
  {
    name: 'CarePath',
    file: 'carepath-child.html',
    url: 'http://127.0.0.1:8080/cms/carepath/people/400248',
    click: (doc) => ({ name: byText(doc, 'h1', 'HORVATH, Filip'), dateOfBirth: byText(doc, 'dd', '18/12/2012') }),
    other: {
      url: 'http://127.0.0.1:8080/cms/carepath/people/400013/chronology',
      swaps: [['400248', '400013'], ['HORVATH, Filip', 'YILMAZ, Emre'], ['18/12/2012', '03/03/2012']],
      expect: { personId: '400013', name: 'YILMAZ, Emre', dateOfBirth: '03/03/2012' },
    },
  },
  {
    name: 'Nexus',
    file: 'nexus-child.html',
    url: 'http://127.0.0.1:8080/cms/nexus/workspace?view=person&personId=400248&tab=details',
    click: (doc) => ({ name: [byText(doc, 'td', 'Filip'), byText(doc, 'td', 'Horvath')], dateOfBirth: byText(doc, 'td', '18 Dec 2012') }),
    other: {
      url: 'http://127.0.0.1:8080/cms/nexus/workspace?tab=plans&personId=400013&view=person',
      swaps: [['400248', '400013'], ['>Filip<', '>Emre<'], ['>Horvath<', '>Yılmaz<'], ['18 Dec 2012', '3 Mar 2012']],
      expect: { personId: '400013', name: 'Emre Yılmaz', dateOfBirth: '3 Mar 2012' },
    },
  },
  {
    name: 'Atlas',
    file: 'atlas-child.html',
    url: 'http://127.0.0.1:8080/cms/atlas/people/400248',
    click: (doc) => ({ name: byText(doc, 'h1', 'Filip Horvath'), dateOfBirth: byText(doc, 'dd', '2012-12-18') }),
    other: {
      url: 'http://127.0.0.1:8080/cms/atlas/people/400013',
      swaps: [['400248', '400013'], ['Filip Horvath', 'Zoë Wiśniewski'], ['2012-12-18', '2012-03-03']],
      expect: { personId: '400013', name: 'Zoë Wiśniewski', dateOfBirth: '2012-03-03' },
    },
  },
];

describe.each(SYSTEMS)('teaching $name: one page clicked, another child confirmed', (system) => {
  const doc = load(system.file);
  const proposal = proposeChildAdapter(`${system.name} (taught)`, doc, { url: system.url, personId: '400248', ...system.click(doc) });

  it('proposes an adapter that passes the schema and its own example URLs, with no fragile part', () => {
    expect(checkAdapter(proposal.adapter)).toMatchObject({ ok: true });
    expect(proposal.fragile).toEqual([]);
  });

  it('reads the page it was taught on', () => {
    const reading = readWithAdapter(proposal.adapter, system.url, doc);
    expect(reading).toMatchObject({ matched: true, personId: '400248', anchorFound: true, missing: [] });
    expect(reading.dateOfBirth).toBeDefined();
  });

  it('reads another child’s page, and that page joins the examples', () => {
    const other = anotherChild(system.file, system.other.swaps);
    const { adapter, reading } = confirmWith(proposal.adapter, system.other.url, other);
    expect(reading).toMatchObject({ matched: true, ...system.other.expect, anchorFound: true, missing: [] });
    expect(adapter.child!.url.examples.match).toEqual([system.url, system.other.url]);
    expect(checkAdapter(adapter)).toMatchObject({ ok: true });
  });
});

describe('teaching a caseload list', () => {
  it.each([
    ['carepath-caseload.html', 'http://127.0.0.1:8080/cms/carepath/'],
    ['nexus-caseload.html', 'http://127.0.0.1:8080/cms/nexus/workspace?view=caseload'],
  ])('%s: one ID clicked finds every row', (file, url) => {
    const doc = load(file);
    const cells = Array.from(doc.querySelectorAll('td, td a')).filter((element) => /^\d{6}$/.test(element.textContent?.trim() ?? '') && element.children.length === 0);
    expect(cells.length).toBeGreaterThan(3);
    const caseload = proposeCaseload(doc, { url, idElement: cells[0]! });
    expect(caseload).toBeDefined();
    const adapter = { id: 'taught', name: 'Taught', hosts: ['127.0.0.1:8080'], caseload: caseload! };
    expect(checkAdapter(adapter)).toMatchObject({ ok: true });
    expect(caseloadIds(adapter, doc)).toEqual(cells.map((cell) => cell.textContent!.trim()));
  });

  it('atlas-caseload.html: the ID is only in the link to the record, read by the taught child-page pattern', () => {
    const childDoc = load('atlas-child.html');
    const child = proposeChildAdapter('Atlas', childDoc, { url: 'http://127.0.0.1:8080/cms/atlas/people/400248', personId: '400248', name: byText(childDoc, 'h1', 'Filip Horvath'), dateOfBirth: byText(childDoc, 'dd', '2012-12-18') });
    const doc = load('atlas-caseload.html');
    const links = Array.from(doc.querySelectorAll('ul.caseload a.at-card-name'));
    expect(links.length).toBeGreaterThan(3);
    const caseload = proposeCaseload(doc, { url: 'http://127.0.0.1:8080/cms/atlas/', idElement: links[0]! }, child.adapter.child);
    const adapter = { ...child.adapter, caseload: caseload! };
    expect(checkAdapter(adapter)).toMatchObject({ ok: true });
    expect(caseloadIds(adapter, doc)).toEqual(links.map((link) => /people\/(\d+)/.exec(link.getAttribute('href')!)![1]));
  });

  it('a click outside any list row proposes nothing rather than a wrong list', () => {
    const doc = load('carepath-child.html');
    expect(proposeCaseload(doc, { url: 'http://127.0.0.1:8080/cms/carepath/people/400248', idElement: doc.querySelector('h1')! })).toBeUndefined();
  });
});
