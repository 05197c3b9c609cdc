import { describe, expect, it } from 'vitest';
import { activeAdapters, defaultSettings, mergeSettings, readUserSettings } from '../../../extension/lib/settings.ts';
import type { Adapter } from '../../../extension/lib/adapters/schema.ts';

const defaults = defaultSettings('http://localhost:8080/');
const adapter = (id: string, name = id): Adapter => ({
  id,
  name,
  hosts: ['cms.example.org'],
  child: {
    url: { path: '^/people/(?<id>\\d+)', examples: { match: ['https://cms.example.org/people/1'], noMatch: [] } },
    id: { from: 'path' },
    dateFormat: 'auto',
  },
});

describe('user settings', () => {
  it('keeps valid fields and drops invalid ones', () => {
    const read = readUserSettings({ apiBaseUrl: 'not a url', cacheHours: 6, authMode: 'token' }, defaults);
    expect(read.apiBaseUrl).toBe('http://localhost:8080/');
    expect(read.cacheHours).toBe(6);
    expect(read.authMode).toBe('token');
  });
});

describe('organisation policy overrides and locks', () => {
  it('locks each field the policy sets', () => {
    const merged = mergeSettings({ ...defaults, apiBaseUrl: 'https://mine.example/' }, { apiBaseUrl: 'https://edu.council.example/', authMode: 'token', token: 'abc' });
    expect(merged.apiBaseUrl).toBe('https://edu.council.example/');
    expect(merged.token).toBe('abc');
    expect(merged.locked.sort()).toEqual(['apiBaseUrl', 'authMode', 'token']);
  });
  it('caps the cache lifetime without locking it', () => {
    const merged = mergeSettings({ ...defaults, cacheHours: 72 }, { maxCacheHours: 8 });
    expect(merged.cacheHours).toBe(8);
    expect(merged.maxCacheHours).toBe(8);
    expect(merged.locked).toEqual([]);
  });
  it('reports bad policy values by field and ignores them', () => {
    const merged = mergeSettings(defaults, { apiBaseUrl: 'ftp://x', colour: 'red', adapters: [{ id: 'Bad Id' }] });
    expect(merged.apiBaseUrl).toBe(defaults.apiBaseUrl);
    expect(merged.policyProblems.some((p) => p.startsWith('apiBaseUrl:'))).toBe(true);
    expect(merged.policyProblems).toContain('colour: not a setting EduBridge knows');
    expect(merged.policyProblems.some((p) => p.startsWith('adapters.0:'))).toBe(true);
  });
  it('sets and locks the council sign-in, and refuses an identity provider that is not https', () => {
    const policy = { authMode: 'oidc', oidcIssuer: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0', oidcClientId: 'edubridge-extension', oidcScope: 'openid profile offline_access api://edubridge/Status.Read' };
    const merged = mergeSettings(defaults, policy);
    expect(merged).toMatchObject(policy);
    expect(merged.oidcResource).toBe('');
    expect(merged.locked.sort()).toEqual(['authMode', 'oidcClientId', 'oidcIssuer', 'oidcScope']);
    const refused = mergeSettings(defaults, { oidcIssuer: 'http://login.council.example/', oidcScope: 'openid  profile' });
    expect(refused.oidcIssuer).toBe('');
    expect(refused.policyProblems).toEqual(['oidcIssuer: the identity provider must use https', 'oidcScope: scopes are words separated by single spaces']);
    // A provider on this computer (a test or a local provider) may use plain http, as the server allows.
    expect(mergeSettings(defaults, { oidcIssuer: 'http://127.0.0.1:4000' }).oidcIssuer).toBe('http://127.0.0.1:4000');
  });
  it('no policy: nothing locked', () => {
    expect(mergeSettings(defaults, undefined).locked).toEqual([]);
  });
});

describe('which adapters are in force', () => {
  it('policy replaces user replaces built-in, by id; disabled ones are left out', () => {
    const merged = mergeSettings({ ...defaults, customAdapters: [adapter('a', 'user a'), adapter('c', 'user c')], disabledAdapters: ['d'] }, {
      adapters: [adapter('a', 'policy a')],
    });
    // A policy that sets adapters locks the user's own out.
    expect(activeAdapters([adapter('a', 'built-in a'), adapter('b'), adapter('d')], merged).map((a) => a.name)).toEqual(['policy a', 'b']);
    const unlocked = mergeSettings({ ...defaults, customAdapters: [adapter('a', 'user a')], disabledAdapters: ['d'] }, undefined);
    expect(activeAdapters([adapter('a', 'built-in a'), adapter('b'), adapter('d')], unlocked).map((a) => a.name)).toEqual(['user a', 'b']);
  });
});

describe('the managed-storage schema the browser enforces', () => {
  it('names exactly the settings an organisation may set', async () => {
    const { readFileSync } = await import('node:fs');
    const { ManagedSettings } = await import('../../../extension/lib/settings.ts');
    const schema = JSON.parse(readFileSync('extension/public/managed-schema.json', 'utf8')) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(ManagedSettings.shape).sort());
  });
});
