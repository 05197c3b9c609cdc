import { z } from 'zod';
import { Adapter } from './adapters/schema.ts';

/**
 * Settings: what the user sets in the options page, overridden and locked by what an organisation sets
 * by enterprise policy (`storage.managed`, schema in public/managed-schema.json).
 */

export const DEFAULT_CACHE_HOURS = 24;
export const MAX_CACHE_HOURS = 24 * 30;

export const AuthMode = z
  .enum(['cookie', 'token', 'oidc'])
  .describe('"cookie": the browser\'s sign-in session with the API; "token": a bearer token; "oidc": the person signs in with their council account at the council\'s identity provider');

/** The scope EduBridge asks the identity provider for when none is set: who the person is, and a refresh
 * token (offline_access) so the sign-in is renewed before the access token expires. */
export const DEFAULT_OIDC_SCOPE = 'openid profile email offline_access';

/**
 * Whether an identity provider may be reached over plain http: only on this computer's loopback addresses
 * (a provider the demo or the tests run), and only in the demo build; a production build names no
 * loopback address at all (wxt.config.ts).
 */
export function allowsPlainHttp(url: URL): boolean {
  return import.meta.env.WXT_EDUBRIDGE_BUILD !== 'production' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** The identity provider's issuer: https (or, in the demo build, http on a loopback address). */
export const OidcIssuer = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || allowsPlainHttp(url);
  }, 'the identity provider must use https')
  .refine((value) => !new URL(value).search && !new URL(value).hash, 'an issuer has no query or fragment')
  .describe("The identity provider's issuer, e.g. https://login.microsoftonline.com/<tenant>/v2.0");
const OidcClientId = z.string().max(256).describe("EduBridge's client (application) ID at the identity provider");
const OidcScope = z
  .string()
  .max(1024)
  .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'scopes are words separated by single spaces')
  .describe('The scopes asked for; Entra ID: "openid profile email offline_access api://edubridge/Status.Read"');
const OidcResource = z
  .union([z.literal(''), z.url()])
  .describe('The API\'s resource indicator (RFC 8707), for providers that need one, e.g. api://edubridge; empty for none');

export const UserSettings = z.object({
  apiBaseUrl: z.url({ protocol: /^https?$/ }).describe('The Education Status API address, e.g. https://education.council.example/'),
  authMode: AuthMode,
  token: z.string().max(4096).default(''),
  oidcIssuer: z.union([z.literal(''), OidcIssuer]).default(''),
  oidcClientId: OidcClientId.default(''),
  oidcScope: OidcScope.default(DEFAULT_OIDC_SCOPE),
  oidcResource: OidcResource.default(''),
  cacheHours: z.number().min(1).max(MAX_CACHE_HOURS),
  disabledAdapters: z.array(z.string()).default([]),
  customAdapters: z.array(Adapter).default([]),
});
export type UserSettings = z.infer<typeof UserSettings>;

/** What an organisation may set. Each field present locks the matching option. */
export const ManagedSettings = z
  .object({
    apiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
    authMode: AuthMode.optional(),
    token: z.string().max(4096).optional(),
    oidcIssuer: OidcIssuer.optional(),
    oidcClientId: OidcClientId.min(1).optional(),
    oidcScope: OidcScope.optional(),
    oidcResource: OidcResource.optional(),
    cacheHours: z.number().min(1).max(MAX_CACHE_HOURS).optional(),
    maxCacheHours: z.number().min(1).max(MAX_CACHE_HOURS).optional().describe('The longest cache lifetime a user may choose'),
    disabledAdapters: z.array(z.string()).optional(),
    adapters: z.array(z.unknown()).optional().describe('Adapters that add to or replace the built-in ones, by id'),
  })
  .describe('Settings an organisation sets by enterprise policy');
export type ManagedSettings = z.infer<typeof ManagedSettings>;

export const SETTING_FIELDS = ['apiBaseUrl', 'authMode', 'token', 'oidcIssuer', 'oidcClientId', 'oidcScope', 'oidcResource', 'cacheHours', 'disabledAdapters', 'customAdapters'] as const;
/** The fields that say where and how the person signs in with their council account: changing any ends
 * the sign-in. */
export const OIDC_FIELDS = ['oidcIssuer', 'oidcClientId', 'oidcScope', 'oidcResource'] as const;
export type SettingField = (typeof SETTING_FIELDS)[number];

export interface EffectiveSettings extends UserSettings {
  /** Fields set by the organisation: shown as "set by your organisation" and not editable. */
  locked: SettingField[];
  /** Adapters from policy (already validated). */
  policyAdapters: Adapter[];
  maxCacheHours: number;
  /** Problems with the policy, named by field, for the options page. */
  policyProblems: string[];
}

export function defaultSettings(defaultApiBaseUrl: string): UserSettings {
  return {
    apiBaseUrl: defaultApiBaseUrl,
    authMode: 'cookie',
    token: '',
    oidcIssuer: '',
    oidcClientId: '',
    oidcScope: DEFAULT_OIDC_SCOPE,
    oidcResource: '',
    cacheHours: DEFAULT_CACHE_HOURS,
    disabledAdapters: [],
    customAdapters: [],
  };
}

/** Reads stored user settings, keeping each valid field and dropping the rest. */
export function readUserSettings(stored: unknown, defaults: UserSettings): UserSettings {
  const settings: UserSettings = { ...defaults };
  if (!stored || typeof stored !== 'object') return settings;
  const shape = UserSettings.shape;
  for (const field of SETTING_FIELDS) {
    const parsed = shape[field].safeParse((stored as Record<string, unknown>)[field]);
    if (parsed.success) (settings as Record<SettingField, unknown>)[field] = parsed.data;
  }
  return settings;
}

/** The settings in force: the user's, overridden (and locked) by the organisation's. */
export function mergeSettings(user: UserSettings, managedRaw: unknown): EffectiveSettings {
  const policyProblems: string[] = [];
  const managed: ManagedSettings = {};
  if (managedRaw && typeof managedRaw === 'object') {
    const shape = ManagedSettings.shape;
    for (const [field, value] of Object.entries(managedRaw as Record<string, unknown>)) {
      if (!(field in shape)) {
        policyProblems.push(`${field}: not a setting EduBridge knows`);
        continue;
      }
      const parsed = shape[field as keyof typeof shape].safeParse(value);
      if (parsed.success) (managed as Record<string, unknown>)[field] = parsed.data;
      else policyProblems.push(`${field}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
  }
  const policyAdapters: Adapter[] = [];
  (managed.adapters ?? []).forEach((raw, index) => {
    const parsed = Adapter.safeParse(raw);
    if (parsed.success) policyAdapters.push(parsed.data);
    else policyProblems.push(`adapters.${index}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  });
  const locked: SettingField[] = [];
  const effective: UserSettings = { ...user };
  for (const field of ['apiBaseUrl', 'authMode', 'token', ...OIDC_FIELDS, 'cacheHours', 'disabledAdapters'] as const) {
    if (managed[field] !== undefined) {
      (effective as Record<SettingField, unknown>)[field] = managed[field];
      locked.push(field);
    }
  }
  const maxCacheHours = managed.maxCacheHours ?? MAX_CACHE_HOURS;
  effective.cacheHours = Math.min(effective.cacheHours, maxCacheHours);
  // An organisation that sets adapters decides which systems are recognised: users cannot add more.
  if (managed.adapters !== undefined) locked.push('customAdapters');
  return { ...effective, locked, policyAdapters, maxCacheHours, policyProblems };
}

/** The adapters in force, in order: organisation's, then user's, then built-in; later ones with the same
 * id are replaced by earlier ones; disabled ones are left out. */
export function activeAdapters(builtIn: readonly Adapter[], settings: Pick<EffectiveSettings, 'policyAdapters' | 'customAdapters' | 'disabledAdapters' | 'locked'>): Adapter[] {
  const byId = new Map<string, Adapter>();
  const custom = settings.locked.includes('customAdapters') ? [] : settings.customAdapters;
  for (const adapter of [...settings.policyAdapters, ...custom, ...builtIn]) if (!byId.has(adapter.id)) byId.set(adapter.id, adapter);
  return [...byId.values()].filter((adapter) => !settings.disabledAdapters.includes(adapter.id));
}

/** Whether the user may set a field. */
export function isLocked(settings: Pick<EffectiveSettings, 'locked'>, field: SettingField): boolean {
  return settings.locked.includes(field);
}
