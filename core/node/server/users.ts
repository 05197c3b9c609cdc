import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { Role } from '../../api/schemas.ts';

/**
 * The people who may use the reference server with a static token, from a JSON users file. A social worker
 * sees the children listed; a designated teacher the children on their schools' rolls; the virtual school
 * every child.
 *
 * The file holds each token's SHA-256, never the token (`edubridge token` makes a new one and prints both),
 * and may give each an expiry. The file is re-read when it changes, so removing a person revokes their
 * token, and the sessions it started, without a restart.
 */

export { Role };

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the token, 64 lower-case hexadecimal digits');

export const User = z
  .strictObject({
    tokenSha256: Sha256Hex.optional(),
    token: z
      .string()
      .min(16, 'a token must be at least 16 characters')
      .max(256)
      .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
      .optional()
      .describe('A token in clear: only for the demo and tests, whose tokens are public'),
    expires: z.iso.datetime({ offset: true, message: 'a date and time with its offset, e.g. 2027-03-31T23:59:59Z' }).optional(),
    name: z.string().min(1),
    role: Role,
    children: z.array(z.string().min(1)).default([]).describe('Person IDs or UPNs: the social worker’s caseload'),
    staffId: z.string().min(1).optional().describe('The social worker’s staff ID or email as the data names their allocated worker: the children allocated to them are their caseload too'),
    schools: z.array(z.string().regex(/^\d{5,7}$/)).default([]).describe('URNs of the schools a designated teacher works in'),
  })
  .superRefine((user, ctx) => {
    if (user.token === undefined && user.tokenSha256 === undefined) ctx.addIssue({ code: 'custom', path: ['tokenSha256'], message: 'give the token’s SHA-256 (run "edubridge token" for a new one)' });
    if (user.token !== undefined && user.tokenSha256 !== undefined) ctx.addIssue({ code: 'custom', path: ['token'], message: 'give the token’s SHA-256 only, not the token too' });
  });
export type User = z.infer<typeof User>;

/** The hexadecimal SHA-256 of a token: what the users file and the server keep instead of the token. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new static token (32 random bytes, base64url) and its SHA-256 for the users file. */
export function newToken(): { token: string; tokenSha256: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenSha256: hashToken(token) };
}

/** The SHA-256 a user's token is known by. */
export const tokenHashOf = (user: User): string => user.tokenSha256 ?? hashToken(user.token ?? '');

export const UsersFile = z
  .array(User)
  .min(1, 'list at least one user')
  .superRefine((users, ctx) => {
    const seen = new Set<string>();
    users.forEach((user, index) => {
      const hash = tokenHashOf(user);
      if (seen.has(hash)) ctx.addIssue({ code: 'custom', path: [index, user.token !== undefined ? 'token' : 'tokenSha256'], message: 'two users have the same token' });
      seen.add(hash);
    });
  });

export interface LoadUsersOptions {
  /** Accept tokens in clear (the demo's public tokens); a production users file holds hashes only. */
  allowPlainTokens?: boolean;
}

/** Reads and checks a users file; the error names the file and the field that is wrong. */
export async function loadUsers(file: string, options: LoadUsersOptions = {}): Promise<User[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the users file ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`the users file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const result = UsersFile.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}` : '';
    throw new Error(`the users file ${file} is not valid${where}: ${issue?.message ?? 'unknown problem'}`);
  }
  if (!options.allowPlainTokens) {
    const index = result.data.findIndex((user) => user.token !== undefined);
    if (index >= 0) throw new Error(`the users file ${file} is not valid at [${index}].token: store the token’s SHA-256 as "tokenSha256", never the token (run "edubridge token" for a new token and its hash)`);
  }
  return result.data;
}

/**
 * Who a token belongs to, now: expired tokens and people removed from the file are refused from the next
 * request on. With a file, `refresh()` re-reads it when its modification time or size changed; a file
 * that has become invalid is reported and the previous users kept.
 */
export class UserDirectory {
  private byHash = new Map<string, User>();
  private signature = '';
  private current: readonly User[] = [];

  constructor(
    users: readonly User[],
    private readonly source?: { file: string; options?: LoadUsersOptions; log?: (line: string) => void },
    private readonly now: () => number = Date.now,
  ) {
    this.replace(users);
  }

  /** Reads a users file into a directory that follows it. */
  static async fromFile(file: string, options: LoadUsersOptions = {}, log?: (line: string) => void): Promise<UserDirectory> {
    const directory = new UserDirectory(await loadUsers(file, options), { file, options, log });
    directory.signature = await signatureOf(file);
    return directory;
  }

  get users(): readonly User[] {
    return this.current;
  }

  private replace(users: readonly User[]): void {
    this.current = users;
    this.byHash = new Map(users.map((user) => [tokenHashOf(user), user]));
  }

  /** The person a token in clear belongs to, if the token is known and not expired. */
  byToken(token: string): User | undefined {
    return this.byTokenHash(hashToken(token));
  }

  /** The person a token's hash belongs to, if known and not expired (sessions keep the hash). */
  byTokenHash(hash: string): User | undefined {
    const user = this.byHash.get(hash);
    if (!user) return undefined;
    if (user.expires !== undefined && Date.parse(user.expires) <= this.now()) return undefined;
    return user;
  }

  /** Re-reads the users file if it changed; true when the users were replaced. */
  async refresh(): Promise<boolean> {
    if (!this.source) return false;
    const { file, options, log } = this.source;
    let signature: string;
    try {
      signature = await signatureOf(file);
    } catch (error) {
      log?.(`edubridge: cannot check the users file ${file}: ${(error as Error).message}; keeping the ${this.current.length} users already read`);
      return false;
    }
    if (signature === this.signature) return false;
    this.signature = signature;
    try {
      this.replace(await loadUsers(file, options));
      log?.(`edubridge: users file ${file} re-read: ${this.current.length} users`);
      return true;
    } catch (error) {
      log?.(`edubridge: ${(error as Error).message}; keeping the ${this.current.length} users already read`);
      return false;
    }
  }
}

async function signatureOf(file: string): Promise<string> {
  const info = await stat(file);
  return `${info.mtimeMs}:${info.size}:${info.ino}`;
}
