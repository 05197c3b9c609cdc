/**
 * Lighthouse (from npm, lighthouse@12) on the demo's council portal and school intranet, as a signed-in
 * user would see them: mobile performance (targets ≥ 90), cumulative layout shift (≤ 0.1) and
 * accessibility (100), in Debian's Chromium headless (CHROME_PATH overrides /usr/bin/chromium) against
 * the built demo server; with the bytes transferred and the elements on the page, which do not depend on
 * how busy the machine is. Prints the figures; never fails on them.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startDemoServer, type DemoServer } from '../e2e/fixtures/demo-server.ts';

const run = promisify(execFile);
const LIGHTHOUSE = fileURLToPath(new URL('../../node_modules/lighthouse/cli/index.js', import.meta.url));
const CHROME = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Report {
  categories: Record<'performance' | 'accessibility', { score: number | null }>;
  audits: Record<string, { numericValue?: number; score: number | null; title: string }>;
}

/** Signs in as the demo's sign-in form does and returns the session cookie. */
async function sessionCookie(server: DemoServer, role: DemoServer['users'][number]['role'], next: string): Promise<string> {
  const user = server.users.find((candidate) => candidate.role === role);
  if (!user) throw new Error(`no ${role} demo user`);
  const response = await fetch(`${server.url}/signin`, {
    method: 'POST',
    body: new URLSearchParams({ token: user.token, next }),
    headers: { origin: server.url },
    redirect: 'manual',
  });
  const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  if (response.status !== 303 || !cookie) throw new Error(`signing in as ${role} failed: HTTP ${response.status}`);
  return cookie;
}

async function audit(url: string, cookie: string): Promise<Report> {
  const { stdout } = await run(
    process.execPath,
    [
      LIGHTHOUSE,
      url,
      '--quiet',
      '--output=json',
      '--output-path=stdout',
      '--only-categories=performance,accessibility',
      '--form-factor=mobile',
      `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking',
    ],
    { env: { ...process.env, CHROME_PATH: CHROME }, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as Report;
}

export default async function bench(): Promise<void> {
  const server = await startDemoServer();
  try {
    for (const [label, path, role] of [
      ['council portal (virtual school)', '/portal/', 'virtual-school'],
      ['school intranet (designated teacher)', '/intranet/', 'designated-teacher'],
    ] as const) {
      const report = await audit(`${server.url}${path}`, await sessionCookie(server, role, path));
      const score = (name: 'performance' | 'accessibility') => Math.round((report.categories[name].score ?? 0) * 100);
      const cls = report.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN;
      const lcp = (report.audits['largest-contentful-paint']?.numericValue ?? Number.NaN) / 1000;
      const tbt = report.audits['total-blocking-time']?.numericValue ?? Number.NaN;
      console.log(
        `${label.padEnd(38)} performance ${score('performance')} (target ≥ 90), CLS ${cls.toFixed(3)} (≤ 0.1), accessibility ${score('accessibility')} (100); LCP ${lcp.toFixed(1)} s, TBT ${tbt.toFixed(0)} ms (mobile)`,
      );
      // Timings follow the machine's load; these do not.
      const bytes = (report.audits['total-byte-weight']?.numericValue ?? Number.NaN) / 1024;
      const elements = report.audits['dom-size']?.numericValue ?? Number.NaN;
      console.log(`${''.padEnd(38)} transferred ${bytes.toFixed(0)} KiB, ${elements} elements`);
      const failing = Object.entries(report.audits).filter(([id, result]) => result.score !== null && result.score < 0.9 && /^(color-contrast|aria|label|image|document-title|html|meta|heading|link|button|list|tabindex)/.test(id));
      for (const [id, result] of failing) console.log(`  accessibility: ${id} — ${result.title}`);
    }
  } finally {
    await server.close();
  }
}
