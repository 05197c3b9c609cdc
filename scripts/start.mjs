// `npm start`: build, make the demo data set if absent, and serve the demo with one user per role.
// Works offline and without a display. Options: --skip-build (reuse dist/); --origin URL (repeatable)
// lets a page on another origin use the API, e.g. `npm start -- --origin http://localhost:3000` for a
// portal under development; PORT=N to change the port (default 5177).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_CLI, DEMO_DIR, ensureDemoData, ROOT } from './demo-data.mjs';

const port = process.env.PORT ?? '5177';
const skipBuild = process.argv.includes('--skip-build');

/** The values of every `--origin URL` (or `--origin=URL`) given to `npm start --`. */
function originsFrom(argv) {
  const origins = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--origin') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        console.error('--origin needs a value: an origin such as http://localhost:3000');
        process.exit(2);
      }
      origins.push(value);
      i++;
    } else if (arg.startsWith('--origin=')) origins.push(arg.slice('--origin='.length));
  }
  return origins;
}
const extraOrigins = originsFrom(process.argv.slice(2));

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
  [DEMO_CLI, 'serve', demo.dataDir, '--port', port, '--demo', '--users', demo.usersFile, '--as-of', demo.asOf, '--audit', auditFile, '--origin', 'chrome-extension://*', '--origin', 'moz-extension://*', ...extraOrigins.flatMap((origin) => ['--origin', origin])],
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
  Widget bundle       ${url}/widgets/dist/edubridge-widgets.js${extraOrigins.length > 0 ? `\n  Also allowed        ${extraOrigins.join(', ')}` : ''}
${odd ? `\n  Inconsistent record (name and date of birth disagree): person ID ${odd}` : ''}${outside ? `\n  Not on the social worker's caseload (API answers 404): person ID ${outside}` : ''}

Demo users (tokens are public, for this demo only):
${demo.users.map((u) => `  ${u.role.padEnd(20)} ${u.token.padEnd(26)} ${u.name}`).join('\n')}

Press Ctrl+C to stop.`);
});

const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
