export const ROOT: string;
export const CLI: string;
export const DEMO_CLI: string;
export const DEMO_DIR: string;
export const DEMO_CHILDREN: number;
export const DEMO_SEED: number;
export interface DemoUser {
  token: string;
  name: string;
  role: 'social-worker' | 'designated-teacher' | 'virtual-school';
  children: string[];
  schools: string[];
}
export function ensureDemoData(options?: { log?: (line: string) => void }): { dataDir: string; usersFile: string; asOf: string; users: DemoUser[] };
