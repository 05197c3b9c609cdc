import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { Role } from '../../api/schemas.ts';

/**
 * The people who may use the reference server, from a JSON users file. A social worker sees the children
 * listed; a designated teacher the children on their schools' rolls; the virtual school every child.
 */

export { Role };

export const User = z.strictObject({
  token: z.string().min(16, 'a token must be at least 16 characters').max(256).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces'),
  name: z.string().min(1),
  role: Role,
  children: z.array(z.string().min(1)).default([]).describe('Person IDs or UPNs: the social worker’s caseload'),
  schools: z.array(z.string().regex(/^\d{5,7}$/)).default([]).describe('URNs of the schools a designated teacher works in'),
});
export type User = z.infer<typeof User>;

export const UsersFile = z
  .array(User)
  .min(1, 'list at least one user')
  .superRefine((users, ctx) => {
    const seen = new Set<string>();
    users.forEach((user, index) => {
      if (seen.has(user.token)) ctx.addIssue({ code: 'custom', path: [index, 'token'], message: 'two users have the same token' });
      seen.add(user.token);
    });
  });

/** Reads and checks a users file; the error names the file and the field that is wrong. */
export async function loadUsers(file: string): Promise<User[]> {
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
  return result.data;
}
