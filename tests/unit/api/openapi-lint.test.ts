import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../core/api/openapi.ts';

// The published OpenAPI document passes two third-party linters with nothing to report: Redocly's
// `recommended` rules and Spectral's `spectral:oas` ruleset (errors, warnings, information and hints
// alike). A copy with a known flaw is linted alongside, so a linter that stopped looking would fail here.

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../node_modules/.bin/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'edubridge-openapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON document edited in place

const document = buildOpenApiDocument();
writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document, null, 2));
// The flaw: an operation without its summary, description or tags.
const flawed = structuredClone(document) as Json;
const { summary: _summary, description: _description, tags: _tags, ...bare } = flawed.paths['/api/v1/cohort/summary'].get;
flawed.paths['/api/v1/cohort/summary'].get = bare;
writeFileSync(join(dir, 'flawed.json'), JSON.stringify(flawed, null, 2));
writeFileSync(join(dir, 'redocly.yaml'), 'extends:\n  - recommended\n');
writeFileSync(join(dir, '.spectral.yaml'), 'extends: ["spectral:oas"]\n');

/** Runs a linter and returns its report (standard output), whether or not it exits with a failure. */
async function lint(command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(join(BIN, command), args, { cwd: dir, env: { ...process.env, NO_COLOR: '1', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }, timeout: 60_000 });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    if (stdout.trim() === '') throw new Error(`${command} gave no report:\n${stderr}`);
    return stdout;
  }
}

describe('the OpenAPI document passes the linters with nothing to report', () => {
  it('redocly lint (recommended rules)', async () => {
    const clean = await lint('redocly', ['lint', 'openapi.json', '--config', 'redocly.yaml', '--format', 'json']);
    const report = JSON.parse(clean) as { totals: { errors: number; warnings: number; ignored: number }; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });

    const flawedOutput = await lint('redocly', ['lint', 'flawed.json', '--config', 'redocly.yaml', '--format', 'json']);
    const flawedReport = JSON.parse(flawedOutput) as { problems: { ruleId: string }[] };
    expect(flawedReport.problems.map((p) => p.ruleId)).toContain('operation-summary');
  });

  it('spectral lint (spectral:oas), every severity', async () => {
    const output = await lint('spectral', ['lint', 'openapi.json', 'flawed.json', '--ruleset', '.spectral.yaml', '--format', 'json', '--fail-severity', 'hint']);
    const results = JSON.parse(output) as { code: string; source: string; message: string; path: string[] }[];
    const about = (file: string) => results.filter((r) => r.source.endsWith(file)).map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`);
    expect(about('/openapi.json')).toEqual([]);
    expect(about('/flawed.json').join('\n')).toMatch(/operation-description|operation-tags/);
  });
});
