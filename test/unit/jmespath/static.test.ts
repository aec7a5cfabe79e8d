// checkJmesStatic: what is certain about a path before any secret is known.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkJmesStatic, evaluateJmes } from '../../../server/src/core/jmespath/index.js';
import type { JmesIssue } from '../../../server/src/core/jmespath/index.js';

function codes(expr: string): string[] {
  return checkJmesStatic(expr).map((i) => i.code);
}

function issue(expr: string, code: string): JmesIssue {
  const found = checkJmesStatic(expr).find((i) => i.code === code);
  assert.ok(found !== undefined, `${expr}: expected ${code}, got ${JSON.stringify(codes(expr))}`);
  return found;
}

describe('checkJmesStatic: syntax', () => {
  it('reports jmespath-syntax with the offset, ASCP message and hyphen hint', () => {
    const i = issue('api-key', 'jmespath-syntax');
    assert.equal(i.severity, 'error');
    assert.equal(i.offset, 3);
    assert.equal(i.suggestion, '"api-key"');
    assert.match(i.message, /Invalid JMES Path: api-key\./);
    assert.match(i.message, /starts a number/);
    assert.match(i.message, /path: '"api-key"'/);
    assert.equal(checkJmesStatic('api-key').length, 1);
  });

  it('plain and quoted keys have no issue', () => {
    for (const e of [
      'username',
      'db.host',
      '"api-key"',
      '"a.b"',
      'replicas[0].host',
      "join(',', brokers)",
      'to_string(port)',
    ]) {
      assert.deepEqual(checkJmesStatic(e), [], e);
    }
  });
});

describe('checkJmesStatic: jmespath-never-string', () => {
  const never = [
    '[username, password]',
    '{u: username}',
    'users[*].name',
    'users[].name',
    'users[?active].name',
    'db.*',
    '`1`',
    '`true`',
    '`null`',
    '`["a"]`',
    'a == b',
    'a != b',
    'a < b',
    '!a',
    'length(username)',
    'keys(@)',
    'values(@)',
    'sort(tags)',
    'sort_by(users, &name)',
    'abs(n)',
    'avg(ns)',
    'ceil(n)',
    'floor(n)',
    'sum(ns)',
    'contains(tags, `"x"`)',
    "starts_with(a, 'x')",
    "ends_with(a, 'x')",
    'to_number(port)',
    'to_array(a)',
    'map(&a, users)',
    'not_null(`1`, `2`)',
    'reverse(`[1, 2]`)',
    'a[1:2]',
  ];
  for (const e of never) {
    it(`flags ${e}`, () => {
      const i = issue(e, 'jmespath-never-string');
      assert.equal(i.severity, 'error');
      assert.match(i.message, /never a string/);
      // the claim holds: with plausible data the result is indeed not a string
      const data = {
        username: 'u',
        password: 'p',
        a: 'x',
        b: 'y',
        n: -1.5,
        ns: [1, 2],
        tags: ['x'],
        users: [{ name: 'n', active: true }],
        db: { h: 'h' },
        port: '5432',
      };
      assert.notEqual(evaluateJmes(e, data).outcome, 'string', e);
    });
  }

  const maybe = [
    'username',
    'a.b',
    'a[0]',
    'max(a)',
    'min(a)',
    'to_string(a)',
    "join(',', a)",
    'type(a)',
    'a || b',
    'a && b',
    'not_null(a, b)',
    'max_by(users, &age)',
    'min_by(users, &age)',
    'reverse(a)',
    'keys(@)[0]',
    'values(@)[0]',
    'a | [0]',
    '@',
    'users[*].name | [0]',
    'sort(tags)[0]',
    'to_array(a)[0]',
    "'literal'",
    '`"literal"`',
    'merge(a, b).c',
  ];
  for (const e of maybe) {
    it(`does not flag ${e} (it can be a string)`, () => {
      assert.ok(!codes(e).includes('jmespath-never-string'), `${e}: ${JSON.stringify(codes(e))}`);
    });
  }

  it('suggests to_string() for numbers and booleans, join() for lists of strings', () => {
    assert.equal(issue('length(a)', 'jmespath-never-string').suggestion, 'to_string(length(a))');
    assert.equal(issue('keys(@)', 'jmespath-never-string').suggestion, "join(',', keys(@))");
    assert.equal(issue('[a, b]', 'jmespath-never-string').suggestion, undefined);
  });
});

describe('checkJmesStatic: crashes and failures', () => {
  it('a call named by a non-name node always crashes', () => {
    const i = issue('@(foo)', 'jmespath-crash');
    assert.equal(i.severity, 'error');
    assert.match(i.message, /provider process crashes/);
    assert.equal(issue('`1`(a)', 'jmespath-crash').severity, 'error');
  });

  it('merge() of something that is never an object always crashes; of unknowns it may', () => {
    assert.equal(issue('merge(`1`)', 'jmespath-crash').severity, 'error');
    assert.equal(issue('merge(a, b)', 'jmespath-crash').severity, 'warning');
    assert.ok(!codes('merge(`{}`, `{"a": 1}`)').includes('jmespath-crash'));
    assert.equal(evaluateJmes('merge(a)', { a: 'x' }).outcome, 'crash');
  });

  it('contains() may crash comparing objects or arrays', () => {
    assert.equal(issue('contains(a, b)', 'jmespath-crash').severity, 'warning');
    assert.ok(!codes("contains(a, 'x')").includes('jmespath-crash'));
    assert.equal(evaluateJmes('contains(a, b)', { a: [{}], b: {} }).outcome, 'crash');
  });

  it('unknown functions, wrong arity and impossible argument types always fail', () => {
    const u = issue('lenght(username)', 'jmespath-eval-error');
    assert.match(u.message, /did you mean `length\(\)`/);
    assert.equal(u.suggestion, 'length(username)');
    assert.equal(u.offset, 0);
    assert.equal(u.length, 6);
    assert.match(issue('length(a, b)', 'jmespath-eval-error').message, /takes 1 argument but gets 2/);
    const t = issue('length(`1`)', 'jmespath-eval-error');
    assert.equal(t.offset, 7);
    assert.match(t.message, /must be string or array or object/);
    assert.ok(codes('sort_by(users, name)').includes('jmespath-eval-error'));
    assert.equal(evaluateJmes('length(`1`)', {}).outcome, 'error');
  });

  it('a function inside an alternative is reported without claiming every value fails', () => {
    const i = issue("a || lenght('x')", 'jmespath-eval-error');
    assert.match(i.message, /whenever this part is evaluated/);
  });
});

describe('checkJmesStatic: warnings', () => {
  it("a raw string literal mounts itself, not the key's value", () => {
    const i = issue("'api-key'", 'jmespath-constant');
    assert.equal(i.severity, 'warning');
    assert.equal(i.suggestion, '"api-key"');
    assert.equal(evaluateJmes("'api-key'", { 'api-key': 'secret' }).result, 'api-key');
  });

  it('ordering comparisons with non-numbers are always null in go-jmespath', () => {
    const i = issue("[?version > '1.2'].name | [0]", 'jmespath-non-numeric-comparison');
    assert.equal(i.severity, 'warning');
    assert.equal(evaluateJmes("version > '1.2'", { version: '2.0' }).outcome, 'null');
    assert.ok(!codes('[?n > `1`].name | [0]').includes('jmespath-non-numeric-comparison'));
  });

  it('results picked by position from *, keys() or values() depend on Go map order', () => {
    for (const e of [
      'values(@)[0]',
      'keys(@)[0]',
      '*.host | [0]',
      "join(',', values(@))",
      'to_string(keys(@))',
    ]) {
      assert.ok(codes(e).includes('jmespath-order-dependent'), e);
    }
    for (const e of [
      'sort(values(@))[0]',
      'to_string(length(values(@)))',
      "join(',', sort(keys(@)))",
      'db.host',
    ]) {
      assert.ok(!codes(e).includes('jmespath-order-dependent'), e);
    }
  });
});
