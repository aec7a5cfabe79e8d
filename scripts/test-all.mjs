// Runs every test tier (or the tiers named on the command line) and ends with one line:
// "N passed, N failed" over all tiers. Exit code 1 when anything failed.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// The unit tier holds the core, service and CLI tests and the rule tests (one file per rule code).
const tiers = [
  { name: 'unit', dirs: ['test/unit', 'test/rules'], build: false },
  { name: 'protocol', dirs: ['test/protocol'], build: true },
  { name: 'e2e', dirs: ['test/e2e'], build: true },
];
const wanted = process.argv.slice(2);
const selected = wanted.length ? tiers.filter((t) => wanted.includes(t.name)) : tiers;

function findTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (/\.test\.(ts|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

mkdirSync('.test-output', { recursive: true });

// The e2e tools (Debian's chromium, code-server on Node 24) are installed first when the e2e tier is
// part of the run, so that the unit tier's grammar test also runs on VS Code's own YAML grammar. The
// e2e tier checks them again (seconds when cached) and reports a failed installation as a failure.
if (selected.some((t) => t.name === 'e2e') && process.env.ASCP_E2E !== 'skip') {
  console.log('=== e2e tools (scripts/e2e/setup-tools.sh; log in .test-output/e2e-setup.log) ===');
  const log = openSync(join('.test-output', 'e2e-setup.log'), 'w');
  const r = spawnSync('bash', ['scripts/e2e/setup-tools.sh'], { stdio: ['ignore', log, log] });
  closeSync(log);
  if (r.status !== 0) {
    const lines = readFileSync(join('.test-output', 'e2e-setup.log'), 'utf8').split('\n');
    console.log(lines.slice(-40).join('\n'));
    console.log('e2e tool installation failed (the e2e tier will report it)');
  }
}
let passed = 0;
let failed = 0;
let skipped = 0;
let built = false;
for (const tier of selected) {
  const files = tier.dirs.flatMap((d) => findTests(d));
  if (files.length === 0) continue;
  if (tier.build && !built) {
    const b = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    if (b.status !== 0) {
      console.error(`build failed before the ${tier.name} tier`);
      failed++;
      break;
    }
    built = true;
  }
  const countsFile = join('.test-output', `${tier.name}-counts.json`);
  console.log(`\n=== ${tier.name} tests (${files.length} files) ===`);
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/count-reporter.mjs',
      `--test-reporter-destination=${countsFile}`,
      ...files,
    ],
    { stdio: 'inherit' },
  );
  let counts = { passed: 0, failed: 1, skipped: 0 };
  try {
    counts = JSON.parse(readFileSync(countsFile, 'utf8'));
  } catch {
    console.error(`${tier.name}: the test runner wrote no counts (exit ${r.status})`);
  }
  if (r.status !== 0 && counts.failed === 0) counts.failed = 1;
  console.log(`${tier.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
}
console.log(`\n${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
