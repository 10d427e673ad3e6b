#!/usr/bin/env node
/**
 * Runs every end-to-end test on its own (`vitest run <file> -t "<its name>"`), so a test that only passes
 * after an earlier test of its file has set the scene is found. Slow: one vitest process per test.
 *
 *   node scripts/run-each-e2e-alone.mjs                       # every test/e2e/*.e2e.test.ts and cli/*.e2e.test.ts
 *   node scripts/run-each-e2e-alone.mjs test/e2e/reminders.e2e.test.ts cli/cli.e2e.test.ts
 *
 * Each run must report exactly one test, passed (the others of the file skipped). Prints one line per test
 * and a summary; exits 1 when any test failed alone or its name did not select exactly that test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The e2e files named on the command line, or all of them. */
function filesToRun(args) {
  if (args.length > 0) return args;
  const inDir = (dir) =>
    readdirSync(path.join(root, dir))
      .filter((name) => name.endsWith('.e2e.test.ts'))
      .map((name) => `${dir}/${name}`);
  return [...inDir('test/e2e'), ...inDir('cli')].sort();
}

function vitest(args, options = {}) {
  return spawnSync('npx', ['vitest', ...args], { cwd: root, encoding: 'utf8', ...options });
}

/** The names of a file's tests, `describe > … > test`, as vitest lists them. */
function testsOf(file) {
  const listed = vitest(['list', file, '--json']);
  if (listed.status !== 0) throw new Error(`vitest list ${file} failed:\n${listed.stderr}`);
  return JSON.parse(listed.stdout).map((t) => t.name);
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** Runs one test alone; returns what vitest's JSON report says of the file's tests. */
function runAlone(file, fullName) {
  const ownName = fullName.split(' > ').at(-1);
  const dir = mkdtempSync(path.join(tmpdir(), 'e2e-alone-'));
  const report = path.join(dir, 'report.json');
  try {
    const run = vitest(
      ['run', file, '-t', `${escapeRegExp(ownName)}$`, '--reporter=json', `--outputFile=${report}`],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let results = [];
    let fileMessages = '';
    try {
      const files = JSON.parse(readFileSync(report, 'utf8')).testResults;
      results = files.flatMap((f) => f.assertionResults);
      fileMessages = files
        .map((f) => f.message ?? '')
        .join(' ')
        .trim();
    } catch {
      return { ok: false, detail: `no report (exit ${run.status}): ${run.stderr.slice(-2000)}` };
    }
    const ran = results.filter(
      (r) => r.status !== 'skipped' && r.status !== 'pending' && r.status !== 'todo',
    );
    if (ran.length !== 1) {
      return {
        ok: false,
        detail: `the name selected ${ran.length} tests ${fileMessages.slice(0, 2000)}`.trim(),
      };
    }
    const [only] = ran;
    return only.status === 'passed'
      ? { ok: true, detail: `${Math.round(only.duration ?? 0)} ms` }
      : { ok: false, detail: (only.failureMessages ?? []).join('\n').slice(0, 2000) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let failed = 0;
let total = 0;
for (const file of filesToRun(process.argv.slice(2))) {
  for (const name of testsOf(file)) {
    total += 1;
    const result = runAlone(file, name);
    if (!result.ok) failed += 1;
    console.log(`${result.ok ? 'pass' : 'FAIL'}  ${file} › ${name}  (${result.detail})`);
  }
}
console.log(`${total - failed}/${total} tests pass alone`);
process.exit(failed === 0 ? 0 : 1);
