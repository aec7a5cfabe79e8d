// The repository's own standards, checked with the tests so that CI catches a regression: strict
// TypeScript, ESLint with zero warnings, Prettier formatting, and the core's purity (ESLint's
// no-restricted-imports on server/src/core).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

function run(cmd: string, args: string[]) {
  const r = spawnSync(process.execPath, [join('node_modules', cmd), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}`.trim() };
}

describe('static checks', () => {
  it('typechecks (tsc --noEmit, strict)', () => {
    const r = run('typescript/bin/tsc', ['-p', 'tsconfig.json', '--noEmit']);
    assert.equal(r.status, 0, r.out);
  });
  it('lints with zero warnings (eslint)', () => {
    const r = run('eslint/bin/eslint.js', ['--max-warnings', '0', '.']);
    assert.equal(r.status, 0, r.out);
  });
  it('is formatted (prettier --check)', () => {
    const r = run('prettier/bin/prettier.cjs', ['--check', '.']);
    assert.equal(r.status, 0, r.out);
  });
});
