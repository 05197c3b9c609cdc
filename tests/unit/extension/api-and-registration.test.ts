import { describe, expect, it } from 'vitest';
import { ApiProblem, createStatusApi } from '../../../extension/lib/background/api.ts';
import { CONTENT_SCRIPT_ID, syncContentScripts, type ScriptingApi } from '../../../extension/lib/background/content-scripts.ts';
import { defaultSettings, mergeSettings } from '../../../extension/lib/settings.ts';
import { makeStatus } from './helpers/status.ts';

const settings = (patch: Record<string, unknown> = {}) => mergeSettings({ ...defaultSettings('https://edu.council.example/'), ...patch }, undefined);

function fakeFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return respond(url, init);
  }) as unknown as typeof fetch;
  return { impl, calls };
}

const PAGE = { purpose: 'case record page', pageOrigin: 'https://cases.council.example' };

describe('the API client the background uses', () => {
  it('says why it asks and for which page: EduBridge-Purpose and EduBridge-Page-Origin on every request', async () => {
    const { impl, calls } = fakeFetch((url) => (url.includes('/me') ? Response.json({ user: 'x' }) : Response.json(makeStatus())));
    const api = createStatusApi(settings({ authMode: 'token', token: 'T0K' }), PAGE, impl);
    await api.status('P1');
    await api.whoAmI();
    for (const call of calls) {
      const headers = new Headers(call.init.headers);
      expect(headers.get('EduBridge-Purpose')).toBe('case record page');
      expect(headers.get('EduBridge-Page-Origin')).toBe('https://cases.council.example');
    }
  });

  it('asks for compact summaries of the named children only', async () => {
    const { impl, calls } = fakeFetch(() => Response.json({ items: [], page: 1, pageSize: 2, total: 0 }));
    await createStatusApi(settings(), { purpose: 'caseload page', pageOrigin: 'https://cases.council.example' }, impl)
      .summaries(['P1', 'P2'])
      .catch(() => undefined);
    const url = new URL(calls[0]!.url);
    expect(url.pathname).toBe('/api/v1/children');
    expect(url.searchParams.get('view')).toBe('summary');
    expect(url.searchParams.get('ids')).toBe('P1,P2');
  });

  it('"who am I": the answer as text, nothing when the API has no such endpoint, a problem on 401', async () => {
    const answers = [Response.json({ user: 'sw1' }), new Response('', { status: 404 }), new Response('', { status: 401 })];
    const { impl, calls } = fakeFetch(() => answers.shift()!);
    const api = createStatusApi(settings(), PAGE, impl);
    expect(await api.whoAmI()).toBe('{"user":"sw1"}');
    expect(calls[0]!.url).toBe('https://edu.council.example/api/v1/me');
    expect(await api.whoAmI()).toBeUndefined();
    await expect(api.whoAmI()).rejects.toMatchObject({ kind: 'unauthorised' });
  });

  it('asks for the status by person ID with the token, and validates the answer', async () => {
    const status = makeStatus({ personId: 'P 1/2' });
    const { impl, calls } = fakeFetch(() => Response.json(status));
    const api = createStatusApi(settings({ authMode: 'token', token: 'T0K' }), PAGE, impl);
    expect((await api.status('P 1/2')).child.personId).toBe('P 1/2');
    expect(calls[0]!.url).toBe('https://edu.council.example/api/v1/children/P%201%2F2/status');
    expect(new Headers(calls[0]!.init.headers).get('authorization')).toBe('Bearer T0K');
    expect(calls[0]!.init.credentials).toBe('omit');
  });

  it('signed in with a council account: the sign-in\'s current access token, no cookie, never a typed token', async () => {
    const { impl, calls } = fakeFetch(() => Response.json(makeStatus()));
    const tokens = ['first-jwt', 'renewed-jwt'];
    const api = createStatusApi(settings({ authMode: 'oidc', token: 'T0K' }), PAGE, impl, undefined, async () => tokens.shift());
    await api.status('P1');
    await api.status('P1');
    expect(calls.map((call) => new Headers(call.init.headers).get('authorization'))).toEqual(['Bearer first-jwt', 'Bearer renewed-jwt']);
    expect(calls.every((call) => call.init.credentials === 'omit')).toBe(true);
  });

  it('signed out of the council account: nothing is asked of the API, and the call fails as unauthorised', async () => {
    const { impl, calls } = fakeFetch(() => Response.json(makeStatus()));
    const api = createStatusApi(settings({ authMode: 'oidc' }), PAGE, impl, undefined, async () => undefined);
    await expect(api.status('P1')).rejects.toMatchObject({ kind: 'unauthorised' });
    await expect(api.summaries(['P1'])).rejects.toMatchObject({ kind: 'unauthorised' });
    await expect(api.whoAmI()).rejects.toMatchObject({ kind: 'unauthorised' });
    expect(calls).toEqual([]);
  });

  it('uses the browser session cookie in cookie mode and sends no token', async () => {
    const { impl, calls } = fakeFetch(() => Response.json(makeStatus()));
    await createStatusApi(settings({ authMode: 'cookie', token: 'T0K' }), PAGE, impl).status('P1');
    expect(calls[0]!.init.credentials).toBe('include');
    expect(new Headers(calls[0]!.init.headers).get('authorization')).toBeNull();
  });

  it.each([
    ['401', () => new Response('', { status: 401 }), 'unauthorised'],
    ['403', () => new Response('', { status: 403 }), 'not-found'],
    ['404', () => new Response('', { status: 404 }), 'not-found'],
    ['500', () => new Response('', { status: 500 }), 'server'],
    ['a body that fails the schema', () => Response.json({ schemaVersion: 99 }), 'schema'],
    ['a body that is not JSON', () => new Response('<html>', { status: 200 }), 'schema'],
    ['a network failure', () => Promise.reject(new TypeError('Failed to fetch')), 'offline'],
    [
      'no answer in time',
      (_url: string, init: RequestInit) =>
        new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
      'timeout',
    ],
  ] as const)('%s → %s', async (_label, respond, kind) => {
    const { impl } = fakeFetch(respond as () => Response);
    const error = await createStatusApi(settings(), PAGE, impl, 50).status('P1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).kind).toBe(kind);
    // The explanation a person reads is plain words, never a stack trace or a schema dump.
    expect((error as ApiProblem).message).toMatch(/^[A-Z][^\n]*\.$/);
    expect((error as ApiProblem).message).not.toMatch(/at .*\.ts|ZodError|\{/);
  });
});

describe('content scripts follow the granted origins', () => {
  function fakeScripting(initial: { id: string; matches: string[]; runAt?: string }[] = []) {
    let registered: { id: string; matches: string[]; runAt?: string }[] = initial;
    const api: ScriptingApi = {
      getRegisteredContentScripts: async () => registered,
      registerContentScripts: async (scripts) => void (registered = [...registered, ...scripts]),
      unregisterContentScripts: async () => void (registered = []),
    };
    return { api, registered: () => registered };
  }

  it('registers for web origins only, and re-registers when they change', async () => {
    const scripting = fakeScripting();
    await syncContentScripts(scripting.api, ['http://localhost/*', 'chrome://favicon/*', 'https://cases.council.example/*']);
    expect(scripting.registered()).toMatchObject([{ id: CONTENT_SCRIPT_ID, matches: ['http://localhost/*', 'https://cases.council.example/*'] }]);
    await syncContentScripts(scripting.api, ['http://localhost/*']);
    expect(scripting.registered()).toMatchObject([{ matches: ['http://localhost/*'] }]);
  });

  it('replaces a registration kept from an earlier version that ran at document end', async () => {
    const scripting = fakeScripting([{ id: CONTENT_SCRIPT_ID, matches: ['http://localhost/*'], runAt: 'document_end' }]);
    await syncContentScripts(scripting.api, ['http://localhost/*']);
    expect(scripting.registered()).toEqual([expect.objectContaining({ matches: ['http://localhost/*'], runAt: 'document_start' })]);
  });

  it('registers nothing when nothing is granted', async () => {
    const scripting = fakeScripting();
    await syncContentScripts(scripting.api, ['http://localhost/*']);
    await syncContentScripts(scripting.api, []);
    expect(scripting.registered()).toEqual([]);
  });
});
