import { describe, expect, it } from 'vitest';
import { PENDING_MINUTES, SESSION_HOURS, SessionStore } from '../../../core/node/server/sessions.ts';
import { memoryPendingSignIns } from '../../../core/node/server/stores.ts';
import type { PendingSignIn } from '../../../core/node/server/oidc.ts';

// The embedded default's sessions and sign-ins in progress: what a browser session started through the
// identity provider keeps, how long, and how the sign-ins in progress stay bounded.

const signIn = (n: number): PendingSignIn => ({ state: `state-${n}`, nonce: `nonce-${n}`, codeVerifier: 'v'.repeat(43), next: `/page/${n}` });

describe('sign-ins in progress, in memory', () => {
  it('are taken once', async () => {
    const pending = memoryPendingSignIns();
    const id = await pending.keep(signIn(1));
    expect(await pending.take(id)).toEqual(signIn(1));
    expect(await pending.take(id)).toBeUndefined();
    expect(await pending.take('an-id-never-given')).toBeUndefined();
  });

  it(`expire ${PENDING_MINUTES} minutes after they start`, async () => {
    let now = 1_000_000;
    const pending = memoryPendingSignIns(() => now);
    const late = await pending.keep(signIn(1));
    const onTime = await pending.keep(signIn(2));
    now += PENDING_MINUTES * 60_000 - 1;
    expect(await pending.take(onTime)).toEqual(signIn(2));
    now += 1;
    expect(await pending.take(late)).toBeUndefined();
  });

  it('are bounded: beyond the limit the oldest is dropped, and the expired go first', async () => {
    let now = 0;
    const pending = memoryPendingSignIns(() => now, 3);
    const ids = [await pending.keep(signIn(0))];
    now += PENDING_MINUTES * 60_000;
    for (let n = 1; n <= 3; n++) ids.push(await pending.keep(signIn(n)));
    // The expired one made room: the three live ones are all kept.
    expect(pending.size).toBe(3);
    ids.push(await pending.keep(signIn(4)));
    expect(pending.size).toBe(3);
    expect(await pending.take(ids[1]!)).toBeUndefined();
    expect(await pending.take(ids[4]!)).toEqual(signIn(4));
    expect(await pending.take(ids[2]!)).toEqual(signIn(2));
  });
});

describe('sessions, in memory', () => {
  const person = { name: 'Rachel Sharma', role: 'social-worker' as const, staffId: 'rachel.sharma@council.example', schools: [] };

  it(`a session lasts ${SESSION_HOURS} hours, or less when the sign-in it came from ends sooner`, () => {
    let now = 0;
    const sessions = new SessionStore(() => now);
    const token = sessions.start('a'.repeat(64));
    const provider = sessions.start('b'.repeat(64), { person, expiresAt: 3600_000 });
    const capped = sessions.start('c'.repeat(64), { person, expiresAt: 100 * 3600_000 });
    expect(sessions.get(token)).toEqual({ tokenSha256: 'a'.repeat(64) });
    expect(sessions.get(provider)).toEqual({ tokenSha256: 'b'.repeat(64), person });
    now = 3600_000;
    expect(sessions.get(provider)).toBeUndefined();
    expect(sessions.tokenHash(token)).toBe('a'.repeat(64));
    now = SESSION_HOURS * 3600_000;
    expect(sessions.get(token)).toBeUndefined();
    expect(sessions.get(capped)).toBeUndefined();
  });

  it('ends when asked', () => {
    const sessions = new SessionStore();
    const id = sessions.start('a'.repeat(64), { person });
    sessions.end(id);
    expect(sessions.get(id)).toBeUndefined();
  });
});
