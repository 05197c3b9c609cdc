/**
 * The XML form of the SSDA903 return: `EXPSSDA903 > CHILD > HEADER` (CHILDID for CHILD, with AREVIEW,
 * AMISSING, OC2, PERMANENCE, AD_PLACED and UASC details nested) and `EPISODE` elements beside HEADER (PL
 * for PLACE). Each element becomes a row of the matching 903 table, checked exactly like the CSV form.
 * Problems name the line of the child's element and the element path, e.g. `CHILD[12]/EPISODE[2]/DECOM`.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { DataSet } from './dataset.ts';
import type { FileSummary } from './problem.ts';
import { TableReader } from './reader.ts';
import {
  SSDA903_AD1,
  SSDA903_EPISODES,
  SSDA903_HEADER,
  SSDA903_MISSING,
  SSDA903_OC2,
  SSDA903_OC3,
  SSDA903_PLACED_FOR_ADOPTION,
  SSDA903_PREVIOUS_PERMANENCE,
  SSDA903_REVIEWS,
  SSDA903_SW_EPISODES,
  SSDA903_UASC,
  type TableSpec,
} from './tables.ts';

const REPEATED = new Set(['CHILD', 'EPISODE', 'AREVIEW', 'AMISSING', 'AD_PLACED', 'SW_EPISODE', 'SWEPISODE']);

type Element = Record<string, unknown>;

/** The value of a simple element: its text, undefined when empty or absent, or the element itself when
 * it has children (the row schema then reports that it is not text). */
function value(element: Element | undefined, name: string): string | undefined {
  const v = element?.[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v as unknown as string;
}

function asElement(v: unknown): Element | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Element) : undefined;
}

function asElements(v: unknown): Element[] {
  if (Array.isArray(v)) return v.map((x) => asElement(x) ?? {});
  const one = asElement(v);
  return one ? [one] : [];
}

/** A parser's message on one line and at most 200 characters (it may list every unclosed tag). */
function brief(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Line numbers of each `<CHILD>` start tag, in order. */
function childLines(text: string): number[] {
  const lines: number[] = [];
  const pattern = /<CHILD[\s>/]/g;
  let line = 1;
  let newline = text.indexOf('\n');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    while (newline !== -1 && newline < match.index) {
      line++;
      newline = text.indexOf('\n', newline + 1);
    }
    lines.push(line);
  }
  return lines;
}

/** Reads one SSDA903 XML document into the data set. Returns false (after rejecting the file) when it
 * is not well-formed or not a 903 return. */
export function readSsda903Xml(file: string, text: string, data: DataSet, summary: FileSummary): boolean {
  if (/<!ENTITY/i.test(text)) {
    data.rejectFile({ file, line: 1, column: '-', severity: 'error', code: 'xml-syntax', message: 'The XML declares entities (<!ENTITY>), which EduBridge does not expand. File not imported.' });
    return false;
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    data.rejectFile({ file, line: valid.err.line, column: '-', severity: 'error', code: 'xml-syntax', message: `Not well-formed XML: ${brief(valid.err.msg)} (column ${valid.err.col}). File not imported.` });
    return false;
  }
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => REPEATED.has(name), processEntities: true, htmlEntities: false });
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    data.rejectFile({ file, line: 1, column: '-', severity: 'error', code: 'xml-syntax', message: `The XML cannot be read: ${brief((error as Error).message)}. File not imported.` });
    return false;
  }
  const root = asElement(asElement(parsed)?.EXPSSDA903);
  if (!root) {
    data.rejectFile({ file, line: 1, column: '-', severity: 'error', code: 'unrecognised-file', message: 'The XML has no EXPSSDA903 root element, so it is not an SSDA903 return. File not imported.' });
    return false;
  }
  const readers = new Map<TableSpec, TableReader>();
  const reader = (spec: TableSpec): TableReader => {
    let r = readers.get(spec);
    if (!r) readers.set(spec, (r = new TableReader(file, spec as TableSpec, undefined, data, summary)));
    return r;
  };
  const lines = childLines(text);
  asElements(root.CHILD).forEach((child, index) => {
    const line = lines[index] ?? 1;
    const at = `CHILD[${index + 1}]/`;
    const header = asElement(child.HEADER) ?? {};
    const id = value(header, 'CHILDID');
    const dob = value(header, 'DOB');
    const base = { CHILD: id, DOB: dob };
    reader(SSDA903_HEADER as TableSpec).record({ CHILD: id, SEX: value(header, 'SEX'), DOB: dob, ETHNIC: value(header, 'ETHNIC'), UPN: value(header, 'UPN'), MOTHER: value(header, 'MOTHER'), MC_DOB: value(header, 'MC_DOB') }, line, `${at}HEADER/`);
    if (value(header, 'DUC') !== undefined) reader(SSDA903_UASC as TableSpec).record({ ...base, SEX: value(header, 'SEX'), DUC: value(header, 'DUC') }, line, `${at}HEADER/`);
    asElements(header.AREVIEW).forEach((review, i) => reader(SSDA903_REVIEWS as TableSpec).record({ ...base, REVIEW: value(review, 'REVIEW'), REVIEW_CODE: value(review, 'REVIEW_CODE') }, line, `${at}HEADER/AREVIEW[${i + 1}]/`));
    asElements(header.AMISSING).forEach((missing, i) => reader(SSDA903_MISSING as TableSpec).record({ ...base, MISSING: value(missing, 'MISSING'), MIS_START: value(missing, 'MIS_START'), MIS_END: value(missing, 'MIS_END') }, line, `${at}HEADER/AMISSING[${i + 1}]/`));
    const oc2 = asElement(header.OC2);
    if (oc2) reader(SSDA903_OC2 as TableSpec).record({ ...base, ...Object.fromEntries(SSDA903_OC2.columns.slice(2).map((c) => [c, value(oc2, c)])) }, line, `${at}HEADER/OC2/`);
    const permanence = asElement(header.PERMANENCE);
    if (permanence) reader(SSDA903_PREVIOUS_PERMANENCE as TableSpec).record({ ...base, PREV_PERM: value(permanence, 'PREV_PERM'), LA_PERM: value(permanence, 'LA_PERM'), DATE_PERM: value(permanence, 'DATE_PERM') }, line, `${at}HEADER/PERMANENCE/`);
    if (value(header, 'IN_TOUCH') !== undefined) reader(SSDA903_OC3 as TableSpec).record({ ...base, IN_TOUCH: value(header, 'IN_TOUCH'), ACTIV: value(header, 'ACTIV'), ACCOM: value(header, 'ACCOM') }, line, `${at}HEADER/`);
    if (value(header, 'DATE_INT') !== undefined) reader(SSDA903_AD1 as TableSpec).record({ ...base, ...Object.fromEntries(SSDA903_AD1.columns.slice(2).map((c) => [c, value(header, c)])) }, line, `${at}HEADER/`);
    asElements(header.AD_PLACED).forEach((placed, i) => reader(SSDA903_PLACED_FOR_ADOPTION as TableSpec).record({ ...base, DATE_PLACED: value(placed, 'DATE_PLACED'), DATE_PLACED_CEASED: value(placed, 'DATE_PLACED_CEASED'), REASON_PLACED_CEASED: value(placed, 'REASON_PLACED_CEASED') }, line, `${at}HEADER/AD_PLACED[${i + 1}]/`));
    asElements(child.EPISODE).forEach((episode, i) =>
      reader(SSDA903_EPISODES as TableSpec).record(
        { CHILD: id, DECOM: value(episode, 'DECOM'), RNE: value(episode, 'RNE'), LS: value(episode, 'LS'), CIN: value(episode, 'CIN'), PLACE: value(episode, 'PL') ?? value(episode, 'PLACE'), PLACE_PROVIDER: value(episode, 'PLACE_PROVIDER'), DEC: value(episode, 'DEC'), REC: value(episode, 'REC'), REASON_PLACE_CHANGE: value(episode, 'REASON_PLACE_CHANGE'), HOME_POST: value(episode, 'HOME_POST'), PL_POST: value(episode, 'PL_POST'), URN: value(episode, 'URN') },
        line,
        `${at}EPISODE[${i + 1}]/`,
      ),
    );
    [...asElements(child.SW_EPISODE), ...asElements(child.SWEPISODE)].forEach((sw, i) =>
      reader(SSDA903_SW_EPISODES as TableSpec).record({ ...base, SW_ID: value(sw, 'SW_ID'), SW_DECOM: value(sw, 'SW_DECOM'), SW_DEC: value(sw, 'SW_DEC'), SW_REASON: value(sw, 'SW_REASON') }, line, `${at}SW_EPISODE[${i + 1}]/`),
    );
  });
  for (const r of readers.values()) r.finish();
  return true;
}
