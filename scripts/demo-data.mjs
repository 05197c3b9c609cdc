// The demo data set in .demo-data/, shared by `npm start` and the browser tests' demo server:
//   .demo-data/data/        generated CSV templates (edubridge generate)
//   .demo-data/users.json   one demo user per role, made up from the data
//   .demo-data/demo.json    { asOf, seed, children }: the date the data is correct at
// Made once, when absent; delete the folder to make a fresh one (for today's date).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = join(ROOT, 'dist', 'node', 'core', 'node', 'cli', 'main.js');
/** The demo's launcher: `edubridge serve` with the demo plugin (`--demo`). */
export const DEMO_CLI = join(ROOT, 'dist', 'node', 'demo', 'server', 'main.js');
export const DEMO_DIR = join(ROOT, '.demo-data');
const DEMO_USERS_SCRIPT = join(ROOT, 'dist', 'node', 'demo', 'server', 'demo-users.js');

export const DEMO_CHILDREN = 200;
export const DEMO_SEED = 1;

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Makes .demo-data/ if it is absent (safe when several processes try at once) and describes it. */
export function ensureDemoData({ log = () => {} } = {}) {
  const meta = join(DEMO_DIR, 'demo.json');
  if (!existsSync(meta)) {
    if (!existsSync(CLI) || !existsSync(DEMO_USERS_SCRIPT)) throw new Error('The command line is not built: run "npm run build:node" first.');
    const lock = `${DEMO_DIR}.lock`;
    mkdirSync(dirname(DEMO_DIR), { recursive: true });
    let owner = false;
    for (let waited = 0; !owner; waited += 200) {
      try {
        mkdirSync(lock);
        owner = true;
      } catch {
        if (existsSync(meta)) break;
        if (waited > 120_000) throw new Error(`Timed out waiting for ${lock} (remove it if no other process is making the demo data)`);
        sleep(200);
      }
    }
    if (owner) {
      try {
        if (!existsSync(meta)) {
          const asOf = new Date().toISOString().slice(0, 10);
          const staging = `${DEMO_DIR}.tmp-${process.pid}`;
          rmSync(staging, { recursive: true, force: true });
          log(`Generating the demo data set (${DEMO_CHILDREN} fictional children, as of ${asOf}) in .demo-data/ …`);
          execFileSync(process.execPath, [CLI, 'generate', join(staging, 'data'), '--children', String(DEMO_CHILDREN), '--seed', String(DEMO_SEED), '--as-of', asOf], { stdio: ['ignore', 'ignore', 'pipe'] });
          execFileSync(process.execPath, [DEMO_USERS_SCRIPT, join(staging, 'data'), join(staging, 'users.json'), asOf], { stdio: ['ignore', 'ignore', 'pipe'] });
          writeFileSync(join(staging, 'demo.json'), `${JSON.stringify({ asOf, seed: DEMO_SEED, children: DEMO_CHILDREN }, null, 2)}\n`);
          rmSync(DEMO_DIR, { recursive: true, force: true });
          renameSync(staging, DEMO_DIR);
        }
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
  }
  const { asOf } = JSON.parse(readFileSync(meta, 'utf8'));
  return {
    dataDir: join(DEMO_DIR, 'data'),
    usersFile: join(DEMO_DIR, 'users.json'),
    asOf,
    users: JSON.parse(readFileSync(join(DEMO_DIR, 'users.json'), 'utf8')),
  };
}
