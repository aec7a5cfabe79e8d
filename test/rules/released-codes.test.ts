// Codes never change once released. released-codes.json lists every released code; a code may leave the
// registry only with a recorded replacement, and a new code must be added to the list deliberately.
// Every registered code also has its own test file, test/rules/<family>/<code>.test.ts, next to its
// module server/src/core/rules/<family>/<code>.ts.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../server/src/core/rules/registry';

const ROOT = join(__dirname, '..', '..');
const RULES_SRC = join(ROOT, 'server', 'src', 'core', 'rules');
const RULES_TESTS = __dirname;

interface ReleasedCodes {
  released: string[];
  replacedBy: Record<string, string | string[]>;
}

const file = JSON.parse(readFileSync(join(ROOT, 'released-codes.json'), 'utf8')) as ReleasedCodes;
const registered = new Set(ALL_RULES.map((r) => r.meta.code));

/** The codes that now report what `code` reported, following replacements (undefined: a dead end). */
function successors(code: string, seen = new Set<string>()): string[] | undefined {
  if (registered.has(code)) return [code];
  if (seen.has(code)) return undefined; // a cycle
  seen.add(code);
  const next = file.replacedBy[code];
  if (next === undefined) return undefined;
  const out: string[] = [];
  for (const n of Array.isArray(next) ? next : [next]) {
    const s = successors(n, seen);
    if (!s) return undefined;
    out.push(...s);
  }
  return out;
}

/** The family folder of a code's module (server/src/core/rules/<family>/<code>.ts). */
function familyOf(code: string): string | undefined {
  return readdirSync(RULES_SRC, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .find((family) => existsSync(join(RULES_SRC, family, `${code}.ts`)));
}

describe('released codes', () => {
  it('lists each released code once, sorted', () => {
    assert.deepEqual(file.released, [...new Set(file.released)].sort());
  });
  it('has every registered code (a new code is added deliberately)', () => {
    const missing = [...registered].filter((c) => !file.released.includes(c));
    assert.deepEqual(missing, [], 'add these codes to released-codes.json');
  });
  it('keeps every released code: registered, or replaced by registered codes', () => {
    const lost = file.released.filter((c) => successors(c) === undefined);
    assert.deepEqual(lost, [], 'a released code left the registry without a replacement in replacedBy');
  });
  it('records replacements only for released codes that left the registry', () => {
    for (const [old, next] of Object.entries(file.replacedBy)) {
      assert.ok(file.released.includes(old), `${old} was never released`);
      assert.ok(!registered.has(old), `${old} is still registered, yet replaced by ${String(next)}`);
    }
  });
  it('follows replacements (a made-up history)', () => {
    // the same check on a history where a code split in two and one of them was renamed later
    const saved = { ...file.replacedBy };
    try {
      file.replacedBy['old-code'] = ['yaml-syntax', 'interim-code'];
      file.replacedBy['interim-code'] = 'objects-syntax';
      assert.deepEqual(successors('old-code'), ['yaml-syntax', 'objects-syntax']);
      file.replacedBy['interim-code'] = 'old-code';
      assert.equal(successors('old-code'), undefined, 'a cycle is no replacement');
      assert.equal(successors('never-heard-of'), undefined);
    } finally {
      file.replacedBy = saved;
    }
  });
});

describe('one test file per rule', () => {
  const testFiles = readdirSync(RULES_TESTS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(RULES_TESTS, d.name))
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => `${d.name}/${f.replace(/\.test\.ts$/, '')}`),
    )
    .sort();

  // Fixes of the jmesPath rules come from the checker's suggestions (rules/jmes/shared.ts pathFix), not
  // from their modules: these codes can carry one.
  const JMES_FIXABLE = new Set([
    'jmespath-syntax',
    'jmespath-crash',
    'jmespath-eval-error',
    'jmespath-no-value',
    'jmespath-never-string',
    'jmespath-not-string',
    'jmespath-constant',
  ]);

  for (const rule of ALL_RULES) {
    const code = rule.meta.code;
    it(`${code}: test/rules/<family>/${code}.test.ts runs the rule tester on it`, () => {
      const family = familyOf(code);
      assert.ok(family, `no module server/src/core/rules/<family>/${code}.ts`);
      const path = join(RULES_TESTS, family, `${code}.test.ts`);
      assert.ok(existsSync(path), `missing test/rules/${family}/${code}.test.ts`);
      const text = readFileSync(path, 'utf8');
      assert.ok(
        text.includes(`/server/src/core/rules/${family}/${code}'`) && /ruleTester\.run\(/.test(text),
        'the file imports the rule module and runs ruleTester.run on it',
      );
      const module = readFileSync(join(RULES_SRC, family, `${code}.ts`), 'utf8');
      const fixable =
        /\bedits\s*:|insertKeyAfter|renameKey|insertIntoMap|replaceValue/.test(module) ||
        JMES_FIXABLE.has(code);
      if (fixable) assert.match(text, /\boutput\b/, 'the rule offers fixes: a case asserts one (`output:`)');
    });
  }

  it('has no test file for a code that is not registered', () => {
    const known = new Set(ALL_RULES.map((r) => `${familyOf(r.meta.code)}/${r.meta.code}`));
    assert.deepEqual(
      testFiles.filter((f) => !known.has(f)),
      [],
    );
  });
});
