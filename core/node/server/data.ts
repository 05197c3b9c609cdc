import type { ChildEducationRecord, EducationStatus } from '../../model/index.ts';
import { normaliseUpn } from '../../rules/identifiers.ts';
import { deriveStatus } from '../../status/derive.ts';
import { compressBody, MIN_COMPRESS_BYTES, type Encoding } from './compression.ts';
import type { User } from './users.ts';

type Language = 'en' | 'cy';

/** A status answer kept ready to send: its JSON, and the JSON compressed each way a client took it. */
interface StatusBodies {
  json: Uint8Array;
  br?: Uint8Array;
  gzip?: Uint8Array;
}

const ENCODINGS = ['br', 'gzip'] as const;

const bodyBytes = (entry: StatusBodies) => entry.json.byteLength + (entry.br?.byteLength ?? 0) + (entry.gzip?.byteLength ?? 0);

/** A status answer's JSON, as sent. */
const answerJson = (status: EducationStatus) => new TextEncoder().encode(JSON.stringify(status));

const answerKey = (asOf: string, language: Language, personId: string) => `${asOf} ${language} ${personId}`;

function parseAnswerKey(key: string): { date: string; language: Language; personId: string } {
  const [date = '', language = 'en'] = key.split(' ', 2) as [string, Language];
  return { date, language, personId: key.slice(date.length + language.length + 2) };
}

/** A status answer to make ready for a new store: the child, the language, and the compressions wanted. */
export interface AnswerRequest {
  personId: string;
  language: Language;
  encodings: Encoding[];
}

/** A status answer made ready (`prepareAnswers`), keyed as the store keeps it. */
export interface PreparedAnswer {
  key: string;
  json: Uint8Array;
  br?: Uint8Array;
  gzip?: Uint8Array;
}

/**
 * Makes the status answers `requests` asks for, on `asOf`, from `records`, as a store of them would
 * (`ChildStore.prepare`), and the store's list order: what a refresh's own process does before it hands
 * the new children over, so that the server's thread only takes the bytes in (see `ChildStore.warmFrom`)
 * and the order as it is. Children not in `records` are passed over.
 */
export async function prepareAnswers(records: readonly ChildEducationRecord[], asOf: string, requests: readonly AnswerRequest[]): Promise<{ answers: PreparedAnswer[]; order: Int32Array }> {
  const store = new ChildStore(records, asOf);
  await store.prepare(requests);
  return { answers: store.keptAnswers(), order: store.order() };
}

/**
 * Whether the person with this staff ID is the child's allocated social worker in the data: their staff ID
 * (SSDA903 SW_ID) exactly, or their email (the children template's social_worker_email) in any case.
 */
export function isAllocatedWorker(staffId: string | undefined, record: ChildEducationRecord): boolean {
  const worker = record.care.socialWorker;
  if (staffId === undefined || staffId === '' || !worker) return false;
  return worker.id === staffId || (worker.email !== undefined && worker.email !== '' && worker.email.toLowerCase() === staffId.toLowerCase());
}

/** Whether `order` holds each of 0 to `length` − 1 once. */
function isOrderOf(order: Int32Array, length: number): boolean {
  if (order.length !== length) return false;
  const seen = new Uint8Array(length);
  for (const index of order) {
    if (index < 0 || index >= length || seen[index] === 1) return false;
    seen[index] = 1;
  }
  return true;
}

/** How many dates' statuses are kept besides the service's own date (each is one status per child). */
export const CACHED_OTHER_DATES = 3;
/**
 * Bytes of status answers kept ready to send, as JSON and compressed, most recently asked for kept (about
 * 20 kB a child as JSON with its three-year trend, a few kB compressed: 48 MB is some 2,400 children). A
 * status asked for again is sent without serialising or compressing it again.
 */
export const STATUS_BODY_CACHE_BYTES = 48 * 1024 * 1024;
/** Statuses worked out between two yields to the event loop, so one long list never holds up other requests. */
const SLICE = 64;
/** Milliseconds of work on a new store's statuses between two yields (see `warmFrom`). */
const WARM_SLICE_MS = 4;

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The children the server knows, their statuses (worked out when first asked for, then kept per date and
 * language), and who may see whom. The service's date is a function, so it can follow the clock.
 */
export class ChildStore {
  readonly records: readonly ChildEducationRecord[];
  private readonly byPersonId = new Map<string, ChildEducationRecord>();
  private readonly byUpn = new Map<string, ChildEducationRecord>();
  /** Statuses by "date language", most recently used last. */
  private readonly statuses = new Map<string, Map<string, EducationStatus>>();
  /** Statuses as JSON bytes by "date language personId", most recently used last, within `STATUS_BODY_CACHE_BYTES`. */
  private readonly bodies = new Map<string, StatusBodies>();
  private bodyBytes = 0;
  /** Ordered by last name, first name, person ID: the order of every list. */
  private readonly ordered: ChildEducationRecord[];
  private readonly today: () => string;

  /**
   * `order`: the list order as indices into `records` (`order()` of a store of the same records, made on
   * another thread), so that it is not worked out again here; anything but an order of every record once
   * is ignored.
   */
  constructor(records: readonly ChildEducationRecord[], asOf: string | (() => string), order?: Int32Array) {
    this.records = records;
    this.today = typeof asOf === 'string' ? () => asOf : asOf;
    // A UPN names a child only when one record has it: shared, it would widen scope to both.
    const sharedUpns = new Set<string>();
    for (const record of records) {
      this.byPersonId.set(record.identity.personId, record);
      if (!record.identity.upn) continue;
      const upn = normaliseUpn(record.identity.upn);
      if (this.byUpn.has(upn)) sharedUpns.add(upn);
      else this.byUpn.set(upn, record);
    }
    for (const upn of sharedUpns) this.byUpn.delete(upn);
    this.ordered =
      order !== undefined && isOrderOf(order, records.length)
        ? Array.from(order, (index) => records[index] as ChildEducationRecord)
        : [...records].sort(
            (a, b) =>
              a.identity.lastName.localeCompare(b.identity.lastName, 'en-GB') ||
              a.identity.firstName.localeCompare(b.identity.firstName, 'en-GB') ||
              a.identity.personId.localeCompare(b.identity.personId),
          );
  }

  /** The list order, as indices into `records` (for a store of the same records: see the constructor). */
  order(): Int32Array {
    const index = new Map(this.records.map((record, i) => [record, i]));
    return Int32Array.from(this.ordered, (record) => index.get(record) as number);
  }

  /** The service's date: statuses are worked out for it unless a request names another. */
  get asOf(): string {
    return this.today();
  }

  /** The record with this person ID, or else this UPN (when only one record has it). */
  find(id: string): ChildEducationRecord | undefined {
    return this.byPersonId.get(id) ?? this.byUpn.get(normaliseUpn(id));
  }

  private cacheFor(asOf: string, language: Language): Map<string, EducationStatus> {
    const key = `${asOf} ${language}`;
    let cache = this.statuses.get(key);
    if (cache) {
      // Most recently used last.
      this.statuses.delete(key);
      this.statuses.set(key, cache);
      return cache;
    }
    cache = new Map();
    this.statuses.set(key, cache);
    const today = `${this.asOf} en`;
    if (this.statuses.size > CACHED_OTHER_DATES + 1) {
      for (const old of this.statuses.keys()) {
        if (this.statuses.size <= CACHED_OTHER_DATES + 1) break;
        if (old !== today && old !== key) this.statuses.delete(old);
      }
    }
    return cache;
  }

  /** The status on `asOf` (the service's date unless given), worked out once per date and language. */
  status(record: ChildEducationRecord, asOf: string = this.asOf, language: Language = 'en'): EducationStatus {
    const cache = this.cacheFor(asOf, language);
    let status = cache.get(record.identity.personId);
    if (!status) {
      status = deriveStatus(record, { asOf, language });
      cache.set(record.identity.personId, status);
    }
    return status;
  }

  /**
   * The status as `status` gives it, as JSON (UTF-8 bytes), and compressed with `encoding` when given and
   * the JSON is large enough to gain (`encoding` in the answer says whether it is): each kept for the next
   * time it is asked for, so a status asked for again costs neither serialising nor compressing.
   */
  async statusBody(record: ChildEducationRecord, asOf: string = this.asOf, language: Language = 'en', encoding?: Encoding): Promise<{ body: Uint8Array; encoding: Encoding | undefined }> {
    const key = answerKey(asOf, language, record.identity.personId);
    let entry = this.bodies.get(key);
    if (entry) {
      // Most recently used last.
      this.bodies.delete(key);
      this.bodies.set(key, entry);
    } else {
      entry = { json: answerJson(this.status(record, asOf, language)) };
      this.keep(key, entry, entry.json.byteLength);
    }
    if (encoding === undefined || entry.json.byteLength < MIN_COMPRESS_BYTES) return { body: entry.json, encoding: undefined };
    let compressed = entry[encoding];
    if (compressed === undefined) {
      compressed = await compressBody(entry.json, encoding, 'dynamic');
      entry[encoding] = compressed;
      if (this.bodies.get(key) === entry) this.keep(key, entry, compressed.byteLength);
    }
    return { body: compressed, encoding };
  }

  /** Counts `bytes` more for the kept answer `key`, forgetting the least recently used past the limit. */
  private keep(key: string, entry: StatusBodies, bytes: number): void {
    this.bodies.set(key, entry);
    this.bodyBytes += bytes;
    for (const [old, oldEntry] of this.bodies) {
      if (this.bodyBytes <= STATUS_BODY_CACHE_BYTES || old === key) break;
      this.bodies.delete(old);
      this.bodyBytes -= bodyBytes(oldEntry);
    }
  }

  /**
   * The statuses of many children, worked out a slice at a time with other requests served in between:
   * a long list for a new date takes longer, but never stops anyone else being answered.
   */
  async statusesOf(records: readonly ChildEducationRecord[], asOf: string = this.asOf, language: Language = 'en'): Promise<EducationStatus[]> {
    const out: EducationStatus[] = [];
    let worked = 0;
    for (const record of records) {
      const cache = this.cacheFor(asOf, language);
      let status = cache.get(record.identity.personId);
      if (!status) {
        status = deriveStatus(record, { asOf, language });
        cache.set(record.identity.personId, status);
        if (++worked % SLICE === 0) await yieldToOthers();
      }
      out.push(status);
    }
    return out;
  }

  /**
   * The status answers this store keeps for the service's date (who was asked about, in which language,
   * compressed which ways), to be made ready for the store that replaces it (see `prepareAnswers`).
   */
  answersToPrepare(): AnswerRequest[] {
    const asOf = this.asOf;
    const requests: AnswerRequest[] = [];
    for (const [key, entry] of this.bodies) {
      const { date, language, personId } = parseAnswerKey(key);
      if (date === asOf) requests.push({ personId, language, encodings: ENCODINGS.filter((encoding) => entry[encoding] !== undefined) });
    }
    return requests;
  }

  /**
   * Makes ready here what `previous` (the store this one replaces) keeps for the service's date, so that
   * once this store is swapped in, the children people are looking at are answered as fast as before
   * rather than all worked out anew at once. Answers made elsewhere from this store's data (`prepared`,
   * by the refresh's own process) are taken as they are; the rest are worked out here, a few
   * milliseconds at a time with other requests answered in between. Every figure is the new data's; a
   * child no longer in the data is passed over. Returns how many answers are ready.
   */
  async warmFrom(previous: ChildStore, prepared: readonly PreparedAnswer[] = []): Promise<number> {
    const asOf = this.asOf;
    let ready = 0;
    for (const answer of prepared) {
      const { date, personId } = parseAnswerKey(answer.key);
      if (date !== asOf || !this.byPersonId.has(personId) || this.bodies.has(answer.key)) continue;
      const entry: StatusBodies = { json: answer.json, br: answer.br, gzip: answer.gzip };
      this.keep(answer.key, entry, bodyBytes(entry));
      ready++;
    }
    return ready + (await this.prepare(previous.answersToPrepare()));
  }

  /**
   * Works out the status answers `requests` asks for on the service's date and keeps them, a few
   * milliseconds at a time with other requests answered in between; answers already kept, and children
   * not in this store, are passed over. Returns how many were worked out.
   */
  async prepare(requests: Iterable<AnswerRequest>): Promise<number> {
    const asOf = this.asOf;
    let made = 0;
    let sliceStart = performance.now();
    for (const request of requests) {
      const record = this.byPersonId.get(request.personId);
      if (record === undefined || this.bodies.has(answerKey(asOf, request.language, request.personId))) continue;
      await this.statusBody(record, asOf, request.language);
      for (const encoding of request.encodings) await this.statusBody(record, asOf, request.language, encoding);
      made++;
      if (performance.now() - sliceStart >= WARM_SLICE_MS) {
        await yieldToOthers();
        sliceStart = performance.now();
      }
    }
    return made;
  }

  /** Every status answer this store keeps, with its key, as `warmFrom` takes them. */
  keptAnswers(): PreparedAnswer[] {
    return [...this.bodies].map(([key, entry]) => ({ key, ...entry }));
  }

  /** Whether the answer for this child on `asOf` in `language` is ready to send (see `warmFrom`). */
  hasAnswer(personId: string, asOf: string = this.asOf, language: Language = 'en'): boolean {
    return this.bodies.has(answerKey(asOf, language, personId));
  }

  /** Whether `user` may see this child (judged on the service's date). */
  maySee(user: User, record: ChildEducationRecord): boolean {
    switch (user.role) {
      case 'virtual-school':
        return true;
      case 'social-worker': {
        const { personId } = record.identity;
        return user.children.some((id) => id === personId || this.byUpn.get(normaliseUpn(id)) === record) || isAllocatedWorker(user.staffId, record);
      }
      case 'designated-teacher': {
        const school = this.status(record).school;
        return school !== null && user.schools.includes(school.urn);
      }
    }
  }

  /** Every child `user` may see, in list order. */
  visibleTo(user: User): ChildEducationRecord[] {
    return this.ordered.filter((record) => this.maySee(user, record));
  }

  /**
   * The same, letting other requests through meanwhile: a designated teacher's scope needs every child's
   * current school, from the statuses on the service's date, which on a new day are not worked out yet.
   */
  async visibleToSliced(user: User): Promise<ChildEducationRecord[]> {
    if (user.role === 'designated-teacher') await this.statusesOf(this.ordered);
    return this.visibleTo(user);
  }
}
