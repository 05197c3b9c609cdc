import { randomBytes } from 'node:crypto';
import type { User } from './users.ts';

export const SESSION_COOKIE = 'edubridge_session';
/** A session lasts a working day. */
export const SESSION_HOURS = 8;

/** Signed-in sessions, in memory: a restart signs everyone out. */
export class SessionStore {
  private readonly sessions = new Map<string, { user: User; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  start(user: User): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { user, expires: this.now() + SESSION_HOURS * 3600_000 });
    return id;
  }

  user(id: string): User | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expires <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session.user;
  }

  end(id: string): void {
    this.sessions.delete(id);
  }
}
