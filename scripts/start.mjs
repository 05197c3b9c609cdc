// `npm start`: build, make the demo data set if absent, and serve the demo with one user per role.
// Works offline and without a display. Options: --skip-build (reuse dist/); PORT=N to change the port
// (default 5177).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_CLI, DEMO_DIR, ensureDemoData, ROOT } from './demo-data.mjs';

const port = process.env.PORT ?? '5177';
const skipBuild = process.argv.includes('--skip-build');

if (!skipBuild) {
  console.log('Building EduBridge (npm run build) …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed: see the messages above.');
    process.exit(build.status ?? 1);
  }
}

const demo = ensureDemoData({ log: (line) => console.log(line) });
const auditFile = join(DEMO_DIR, 'audit.jsonl');
const server = spawn(
  process.execPath,
  // chrome-extension://* lets any extension (an unpacked one has a random ID) call the API: fine for a demo only.
  [DEMO_CLI, 'serve', demo.dataDir, '--port', port, '--demo', '--users', demo.usersFile, '--as-of', demo.asOf, '--audit', auditFile, '--origin', 'chrome-extension://*', '--origin', 'moz-extension://*'],
  { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
);

let shown = false;
let printed = '';
let odd = '';
let outside = '';
server.stdout.setEncoding('utf8');
server.stdout.on('data', (chunk) => {
  printed += chunk;
  const text = printed;
  odd = /^Inconsistent record .*person ID (\S+)$/m.exec(text)?.[1] ?? odd;
  outside = /^Record not on the demo social worker's caseload: person ID (\S+)$/m.exec(text)?.[1] ?? outside;
  const match = /listening on (http:\/\/\S+)/.exec(text);
  if (!match || shown) return;
  shown = true;
  const url = match[1];
  const cms = url.replace('//localhost:', '//127.0.0.1:');
  console.log(`
EduBridge demo is running (data as of ${demo.asOf}; audit log ${auditFile})

  Demo index          ${url}/
  Sign in             ${url}/signin
  API                 ${url}/api/v1/   (OpenAPI: ${url}/api/v1/openapi.json)
  CarePath (SSR)      ${cms}/cms/carepath/
  Nexus (frames)      ${cms}/cms/nexus/
  Atlas (SPA)         ${cms}/cms/atlas/
  Council portal      ${url}/portal/
  School intranet     ${url}/intranet/
  Widgets docs        ${url}/widgets/docs/
${odd ? `\n  Inconsistent record (name and date of birth disagree): person ID ${odd}` : ''}${outside ? `\n  Not on the social worker's caseload (API answers 404): person ID ${outside}` : ''}

Demo users (tokens are public, for this demo only):
${demo.users.map((u) => `  ${u.role.padEnd(20)} ${u.token.padEnd(26)} ${u.name}`).join('\n')}

Press Ctrl+C to stop.`);
});

const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
