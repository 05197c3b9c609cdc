import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateRecords } from '../../../core/generate/generate.ts';
import { ChildStore, prepareAnswers } from '../../../core/node/server/data.ts';

// A refresh swaps in a new store; before it does, the answers people were being given are made ready in
// the new one (from the new data), so the swap does not leave every child to be worked out at once.

const AS_OF = '2026-03-10';
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The same children with one renamed and the last one gone: what a nightly extract might change. */
function nextDay() {
  const records = generateRecords({ children: 6, seed: 11, asOf: AS_OF });
  const renamed = structuredClone(records);
  renamed[0]!.identity.firstName = 'Renamed';
  return { records, renamed: renamed.slice(0, 5), gone: records[5]!.identity.personId };
}

describe('a new store made ready from the one it replaces', () => {
  it('works out the answers the old store kept, from the new data, in each language and compression; a child gone is passed over', async () => {
    const { records, renamed, gone } = nextDay();
    const old = new ChildStore(records, AS_OF);
    const [first, second] = [records[0]!, records[1]!];
    await old.statusBody(first, AS_OF, 'en');
    await old.statusBody(second, AS_OF, 'cy', 'gzip');
    await old.statusBody(records[5]!, AS_OF, 'en');
    // An answer for another date is not the service's date's: not made ready.
    await old.statusBody(records[2]!, '2026-01-05', 'en');

    const next = new ChildStore(renamed, AS_OF);
    expect(next.hasAnswer(first.identity.personId)).toBe(false);
    expect(await next.warmFrom(old)).toBe(2);
    expect(next.hasAnswer(first.identity.personId)).toBe(true);
    expect(next.hasAnswer(second.identity.personId, AS_OF, 'cy')).toBe(true);
    expect(next.hasAnswer(gone)).toBe(false);
    expect(next.hasAnswer(records[2]!.identity.personId, '2026-01-05')).toBe(false);

    // The figures are the new data's, exactly what a store that was never warmed gives.
    const fresh = new ChildStore(renamed, AS_OF);
    const answer = await next.statusBody(renamed[0]!);
    expect(text(answer.body)).toBe(text((await fresh.statusBody(renamed[0]!)).body));
    expect(JSON.parse(text(answer.body)).child.firstName).toBe('Renamed');
    const welsh = await next.statusBody(renamed[1]!, AS_OF, 'cy', 'gzip');
    expect(welsh.encoding).toBe('gzip');
    expect(text(gunzipSync(welsh.body))).toBe(text((await fresh.statusBody(renamed[1]!, AS_OF, 'cy')).body));
  });

  it('takes answers made elsewhere (the refresh worker) as they are, and works out only what they lack', async () => {
    const { records, renamed } = nextDay();
    const old = new ChildStore(records, AS_OF);
    for (const record of records.slice(0, 4)) await old.statusBody(record, AS_OF, 'en', 'br');
    const requests = old.answersToPrepare();
    expect(requests.map((r) => [r.personId, r.language, r.encodings])).toEqual(records.slice(0, 4).map((r) => [r.identity.personId, 'en', ['br']]));

    // Only two of the four made elsewhere: the other two are worked out here.
    const { answers: prepared } = await prepareAnswers(renamed, AS_OF, requests.slice(0, 2));
    expect(prepared).toHaveLength(2);
    const next = new ChildStore(renamed, AS_OF);
    expect(await next.warmFrom(old, prepared)).toBe(4);
    const fresh = new ChildStore(renamed, AS_OF);
    for (const record of renamed.slice(0, 4)) {
      expect(next.hasAnswer(record.identity.personId)).toBe(true);
      expect(text((await next.statusBody(record)).body)).toBe(text((await fresh.statusBody(record)).body));
    }
    // What was made elsewhere is sent as made, compressed as the old store sent it.
    expect((await next.statusBody(renamed[0]!, AS_OF, 'en', 'br')).body).toEqual(prepared[0]!.br);
  });

  it('an answer made for another date, or for a child not in this store, is not taken', async () => {
    const { records, renamed, gone } = nextDay();
    const old = new ChildStore(records, AS_OF);
    const prepared = [...(await prepareAnswers(records, '2026-03-09', [{ personId: records[0]!.identity.personId, language: 'en', encodings: [] }])).answers, ...(await prepareAnswers(records, AS_OF, [{ personId: gone, language: 'en', encodings: [] }])).answers];
    expect(prepared).toHaveLength(2);
    const next = new ChildStore(renamed, AS_OF);
    expect(await next.warmFrom(old, prepared)).toBe(0);
    expect(next.hasAnswer(records[0]!.identity.personId)).toBe(false);
    expect(next.hasAnswer(records[0]!.identity.personId, '2026-03-09')).toBe(false);
  });

  it('takes the list order worked out elsewhere when it orders every child once, and otherwise sorts again', async () => {
    const records = generateRecords({ children: 40, seed: 12, asOf: AS_OF });
    const everyone = { token: 'token-virtual-school-order', name: 'Val', role: 'virtual-school' as const, children: [], schools: [] };
    const sorted = new ChildStore(records, AS_OF);
    const names = (store: ChildStore) => store.visibleTo(everyone).map((r) => `${r.identity.lastName} ${r.identity.firstName} ${r.identity.personId}`);
    const { order } = await prepareAnswers(records, AS_OF, []);
    // Not the order the records come in: the list order is by name.
    expect([...order]).not.toEqual(records.map((_, i) => i));
    expect(names(new ChildStore(records, AS_OF, order))).toEqual(names(sorted));

    // An order from another thread that is not one of these records (too short, a child twice, out of
    // range) is not trusted: the store sorts them itself, and every child is listed once.
    const twice = Int32Array.from(order, (index, i) => (i === 1 ? (order[0] as number) : index));
    for (const bad of [order.subarray(1), twice, Int32Array.from(order, (index) => index + 1)]) {
      expect(names(new ChildStore(records, AS_OF, bad))).toEqual(names(sorted));
    }
    // A plausible order of every child once is taken as given (the records here are the same the other
    // thread ordered, so this is only the store keeping what it was given).
    const reversed = Int32Array.from(order).reverse();
    expect(names(new ChildStore(records, AS_OF, reversed))).toEqual([...names(sorted)].reverse());
  });
});
