import { describe, expect, it } from 'vitest';
import { createClient } from '../../../core/api/client.ts';
import { StatusPage, StatusSummaryPage } from '../../../core/api/schemas.ts';
import { buildOpenApiDocument } from '../../../core/api/openapi.ts';
import { summariseStatus, StatusSummary } from '../../../core/model/summary.ts';
import type { User } from '../../../core/node/server/users.ts';
import { AS_OF, bearer, EXPECTED_SCOPE, makeApp, RECORDS, USERS } from './helpers.ts';

// The compact list (view=summary) and the `ids` narrowing: what lists and caseload chips fetch instead of
// whole statuses.

const { app, audit } = makeApp();
const get = (path: string, user: User = USERS.virtualSchool) => app.request(path, { headers: bearer(user) });

describe('GET /children?view=summary: the compact form lists show', () => {
  it('has the same children, in the same order, with the same figures as the full list, at a fraction of the size', async () => {
    const full = await get('/api/v1/children?pageSize=40');
    const compact = await get('/api/v1/children?pageSize=40&view=summary');
    const fullText = await full.text();
    const compactText = await compact.text();
    const fullPage = StatusPage.parse(JSON.parse(fullText));
    const compactPage = StatusSummaryPage.parse(JSON.parse(compactText));
    expect(compactPage.items.map((s) => s.child.personId)).toEqual(fullPage.items.map((s) => s.child.personId));
    expect(compactPage.items).toEqual(fullPage.items.map(summariseStatus));
    expect(compactPage.items[0]!.rag.overall).toBe(fullPage.items[0]!.rag.overall);
    expect(compactText.length).toBeLessThan(fullText.length / 5);
  });

  it('keeps no field outside the summary schema (a summary is not a full status in disguise)', async () => {
    const body = (await (await get('/api/v1/children?pageSize=5&view=summary')).json()) as { items: Record<string, unknown>[] };
    const allowed = Object.keys(StatusSummary.shape).sort();
    for (const item of body.items) expect(Object.keys(item).sort()).toEqual(allowed);
    expect(JSON.stringify(body)).not.toContain('"meaning"');
    expect(JSON.stringify(body)).not.toContain('"weekly"');
  });

  it('an unknown view is a 400 naming the parameter', async () => {
    const response = await get('/api/v1/children?view=everything');
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('"view"');
  });
});

describe('GET /children?ids=…: only the children named', () => {
  it('returns just those children, by person ID or UPN', async () => {
    const [a, b] = RECORDS;
    const upn = b!.identity.upn;
    const ids = [a!.identity.personId, upn ?? b!.identity.personId].join(',');
    const page = StatusSummaryPage.parse(await (await get(`/api/v1/children?view=summary&ids=${ids}`)).json());
    expect(page.items.map((s) => s.child.personId).sort()).toEqual([a!.identity.personId, b!.identity.personId].sort());
    expect(page.total).toBe(2);
  });

  it('leaves out, alike, a child the caller may not see and a child that does not exist, and audits only what was sent', async () => {
    const mine = USERS.socialWorker.children[0]!;
    const notMine = EXPECTED_SCOPE.virtualSchool.find((id) => !USERS.socialWorker.children.includes(id))!;
    const before = audit.entries.length;
    const page = StatusSummaryPage.parse(await (await get(`/api/v1/children?view=summary&ids=${mine},${notMine},999999999`, USERS.socialWorker)).json());
    expect(page.items.map((s) => s.child.personId)).toEqual([mine]);
    expect(page.total).toBe(1);
    const written = audit.entries.slice(before);
    expect(written.map((e) => e.child)).toEqual([mine]);
  });

  it(`refuses more than 200 IDs, and an ID that is not one`, async () => {
    const many = Array.from({ length: 201 }, (_, i) => String(500000 + i)).join(',');
    expect((await get(`/api/v1/children?ids=${many}`)).status).toBe(400);
    expect((await get('/api/v1/children?ids=..%2Fsecret')).status).toBe(400);
  });
});

describe('the typed client and the OpenAPI document know the compact list', () => {
  it('listChildSummaries sends view=summary and the IDs, and validates the answer', async () => {
    const sent: string[] = [];
    const client = createClient({
      baseUrl: 'https://education.council.example',
      token: USERS.virtualSchool.token,
      fetch: async (input, init) => {
        const url = new URL(String(input instanceof Request ? input.url : input));
        sent.push(url.pathname + url.search);
        return app.request(url.pathname + url.search, { headers: init?.headers });
      },
    });
    const ids = RECORDS.slice(0, 3).map((r) => r.identity.personId);
    const page = await client.listChildSummaries({ ids, asOf: AS_OF });
    expect(page.items).toHaveLength(3);
    expect(sent[0]).toContain('view=summary');
    expect(sent[0]).toContain(`ids=${ids.join('%2C')}`);
  });

  it('documents view and ids on listChildren, and the StatusSummaryPage response', () => {
    const document = buildOpenApiDocument() as { paths: Record<string, { get: { parameters: { name: string }[] } }>; components: { schemas: Record<string, unknown> } };
    const names = document.paths['/api/v1/children']!.get.parameters.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['view', 'ids']));
    expect(document.components.schemas.StatusSummaryPage).toBeDefined();
  });
});
