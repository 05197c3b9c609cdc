import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

/**
 * The sources zip for Firefox's review is built from the files git tracks (wxt.config.ts): nothing
 * personal in the working copy — `data/`, `records/`, `.demo-data/`, logs — can end up in it. Reads the
 * zip `npm run build:ext` wrote to .output/.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const { version } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };

test('the sources zip holds exactly the files git tracks', () => {
  const zipped = execFileSync('zipinfo', ['-1', `${ROOT}.output/edubridge-${version}-sources.zip`], { encoding: 'utf8' })
    .split('\n')
    .filter((entry) => entry && !entry.endsWith('/'))
    .sort();
  const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean).sort();
  expect(zipped.filter((file) => !tracked.includes(file))).toEqual([]);
  expect(tracked.filter((file) => !zipped.includes(file))).toEqual([]);
  expect(zipped).toContain('wxt.config.ts');
});

test('the data folders the command line writes are ignored by git', () => {
  const ignored = execFileSync('git', ['check-ignore', '--no-index', 'data/children.csv', 'records/401366.json', '.demo-data/records/1.json'], { cwd: ROOT, encoding: 'utf8' });
  expect(ignored.split('\n').filter(Boolean)).toEqual(['data/children.csv', 'records/401366.json', '.demo-data/records/1.json']);
});
