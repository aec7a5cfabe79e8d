// Where npm jmespath (0.16) and go-jmespath v0.4.0 (ASCP) disagree. Each row records what go-jmespath
// really returns (checked by running go-jmespath), asserts that our evaluator returns exactly that, and
// asserts that npm jmespath on its own would have predicted something else - which is why the Go layer
// exists. If npm jmespath starts agreeing on a row, that row no longer documents a divergence.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import jmespath from 'jmespath';
import { compileJmes, evaluateJmes } from '../../../server/src/core/jmespath/index.js';
import type { AscpOutcome } from '../../../server/src/core/jmespath/index.js';

const DATA = {
  a: 'x',
  n: 5,
  o: { k1: 'v1', k2: 'v2' },
  arr: [{ age: 'b' }, { age: 'a' }],
  s: 'a😀b',
  list: ['😀', '\uffff'],
};

interface Row {
  expr: string;
  /** go-jmespath: does it compile, and what does Search give (for outcome 'string'/'non-string'). */
  go: { compiles: boolean; outcome: AscpOutcome; result?: unknown };
  why: string;
}

const ROWS: Row[] = [
  { expr: 'foo.', go: { compiles: false, outcome: 'error' }, why: 'a trailing dot is a syntax error' },
  { expr: 'foo..bar', go: { compiles: false, outcome: 'error' }, why: 'a doubled dot is a syntax error' },
  { expr: '`foo`', go: { compiles: false, outcome: 'error' }, why: 'backtick literals are strict JSON' },
  { expr: "'\\\\'", go: { compiles: false, outcome: 'error' }, why: "raw strings only unescape \\'" },
  { expr: "a < 'b'", go: { compiles: true, outcome: 'null' }, why: 'ordering needs two numbers' },
  { expr: 'n > `"1"`', go: { compiles: true, outcome: 'null' }, why: 'ordering needs two numbers' },
  {
    expr: 'o.*.to_string(@)',
    go: { compiles: true, outcome: 'non-string', result: ['null', 'null', 'v1', 'v2'] },
    why: '`*` on an object also runs on one nil per entry',
  },
  {
    expr: 'o.*.length(@)',
    go: { compiles: true, outcome: 'error' },
    why: 'length(nil) fails on the nil padding',
  },
  {
    expr: 'to_string(`{"b":"<","a":1.0}`)',
    go: { compiles: true, outcome: 'string', result: '{"a":1,"b":"\\u003c"}' },
    why: 'encoding/json sorts keys and escapes HTML characters',
  },
  {
    expr: 'to_string(`-0`)',
    go: { compiles: true, outcome: 'string', result: '-0' },
    why: 'Go keeps the sign of -0',
  },
  { expr: "to_number(' 1')", go: { compiles: true, outcome: 'null' }, why: 'ParseFloat rejects spaces' },
  { expr: "to_number('0x10')", go: { compiles: true, outcome: 'null' }, why: 'hex floats need a p exponent' },
  {
    expr: "to_number('1_000')",
    go: { compiles: true, outcome: 'non-string', result: 1000 },
    why: 'ParseFloat accepts _ between digits',
  },
  {
    expr: 'length(s)',
    go: { compiles: true, outcome: 'non-string', result: 3 },
    why: 'length counts code points',
  },
  {
    expr: 'reverse(s)',
    go: { compiles: true, outcome: 'string', result: 'b😀a' },
    why: 'reverse works on code points',
  },
  {
    expr: 'sort(list)',
    go: { compiles: true, outcome: 'non-string', result: ['\uffff', '😀'] },
    why: 'strings sort by byte order',
  },
  {
    expr: 'max(list)',
    go: { compiles: true, outcome: 'string', result: '😀' },
    why: 'strings compare by byte order',
  },
  { expr: '@(a)', go: { compiles: true, outcome: 'crash' }, why: 'a nameless call panics' },
  {
    expr: 'merge(a)',
    go: { compiles: true, outcome: 'crash' },
    why: 'merge() is not type-checked and panics',
  },
  { expr: 'contains([o], o)', go: { compiles: true, outcome: 'crash' }, why: 'Go == on two maps panics' },
  {
    expr: "'length'(a)",
    go: { compiles: true, outcome: 'non-string', result: 1 },
    why: 'the call takes its name from a string literal',
  },
  { expr: 'abs(a).*', go: { compiles: true, outcome: 'null' }, why: 'errors left of `*` are swallowed' },
  {
    expr: '[arr[0].age, sort_by(arr, &age)[0].age, arr[0].age]',
    go: { compiles: true, outcome: 'non-string', result: ['b', 'a', 'a'] },
    why: 'sort_by sorts the data in place',
  },
  {
    expr: 'to_string(&a)',
    go: { compiles: true, outcome: 'string', result: '{}' },
    why: 'an expref marshals as {}',
  },
  { expr: 'type(&a)', go: { compiles: true, outcome: 'error' }, why: 'type() of an expref fails' },
];

// @types/jmespath only declares search(); compile() exists in the package.
const npmCompile = (jmespath as unknown as { compile: (expr: string) => unknown }).compile;

function npmPrediction(expr: string): { compiles: boolean; outcome: AscpOutcome; result?: unknown } {
  let compiles = true;
  try {
    npmCompile(expr);
  } catch {
    compiles = false;
  }
  try {
    const r: unknown = jmespath.search(JSON.parse(JSON.stringify(DATA)), expr);
    if (r === null || r === undefined) return { compiles, outcome: 'null' };
    return { compiles, outcome: typeof r === 'string' ? 'string' : 'non-string', result: r };
  } catch {
    return { compiles, outcome: 'error' };
  }
}

describe('divergences between npm jmespath and go-jmespath (ASCP)', () => {
  for (const row of ROWS) {
    it(`${row.expr} — ${row.why}`, () => {
      assert.equal(compileJmes(row.expr).ok, row.go.compiles, 'compile verdict');
      const ev = evaluateJmes(row.expr, JSON.parse(JSON.stringify(DATA)));
      assert.equal(ev.outcome, row.go.outcome, ev.message);
      if (row.go.result !== undefined) assert.deepEqual(ev.result, row.go.result);
      const npm = npmPrediction(row.expr);
      assert.notDeepEqual(
        { compiles: npm.compiles, outcome: npm.outcome, result: npm.result },
        { compiles: row.go.compiles, outcome: row.go.outcome, result: row.go.result },
        'npm jmespath agrees with Go here: this row no longer documents a divergence',
      );
    });
  }
});
