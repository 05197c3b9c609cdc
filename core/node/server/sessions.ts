import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'edubridge_session';
/** A session lasts a working day. */
export const SESSION_HOURS = 8;

/**
 * Signed-in sessions, in memory: a restart signs everyone out. A session holds the SHA-256 of the token it
 * was started with, not the person: each request looks the person up again, so a token revoked or expired
 * in the users file ends its sessions too.
 */
export class SessionStore {
  private readonly sessions = new Map<string, { tokenSha256: string; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  start(tokenSha256: string): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { tokenSha256, expires: this.now() + SESSION_HOURS * 3600_000 });
    return id;
  }

  /** The hash of the token a live session was started with. */
  tokenHash(id: string): string | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expires <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session.tokenSha256;
  }

  end(id: string): void {
    this.sessions.delete(id);
  }
}
