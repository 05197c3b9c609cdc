import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Role } from '../../api/schemas.ts';

export const SESSION_COOKIE = 'edubridge_session';
/** A session lasts a working day. */
export const SESSION_HOURS = 8;
/** How long a browser has to come back from the identity provider to finish signing in. */
export const PENDING_MINUTES = 10;

/**
 * Who a session started through the identity provider names: what each request needs to know about the
 * person, kept with the session so that every instance sharing the store can serve it. A session started
 * with a static token keeps no person: each request looks the token up in the users file again.
 */
export const SessionPerson = z.strictObject({
  name: z.string().min(1).max(500),
  role: Role,
  /** What the data's allocated-worker column holds for this person (e.g. their email). */
  staffId: z.string().min(1).max(500).optional(),
  /** A designated teacher's schools (URNs). */
  schools: z.array(z.string().regex(/^\d{5,7}$/)).max(1000),
});
export type SessionPerson = z.infer<typeof SessionPerson>;

/** A live session: the hash it was started with (a static token's, or the person key of `oidc-auth.ts`) and, for the identity provider's sign-ins, the person. */
export interface SessionRecord {
  tokenSha256: string;
  person?: SessionPerson;
}

export interface StartSession {
  /** Who the identity provider signed in (not given for a static token). */
  person?: SessionPerson;
  /** When the session must end (milliseconds since the epoch), if sooner than `SESSION_HOURS` from now. */
  expiresAt?: number;
}

/**
 * Signed-in sessions, in memory: a restart signs everyone out. A session started with a static token holds
 * the SHA-256 of the token, not the person: each request looks the person up again, so a token revoked or
 * expired in the users file ends its sessions too.
 */
export class SessionStore {
  private readonly sessions = new Map<string, SessionRecord & { expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  start(tokenSha256: string, options: StartSession = {}): string {
    const id = randomBytes(32).toString('base64url');
    const expires = Math.min(this.now() + SESSION_HOURS * 3600_000, options.expiresAt ?? Infinity);
    this.sessions.set(id, { tokenSha256, expires, ...(options.person ? { person: options.person } : {}) });
    return id;
  }

  /** A live session, by its ID. */
  get(id: string): SessionRecord | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expires <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return { tokenSha256: session.tokenSha256, ...(session.person ? { person: session.person } : {}) };
  }

  /** The hash of the token a live session was started with. */
  tokenHash(id: string): string | undefined {
    return this.get(id)?.tokenSha256;
  }

  end(id: string): void {
    this.sessions.delete(id);
  }
}
