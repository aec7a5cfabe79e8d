// compileJmes: go-jmespath's verdict, the offending column (UTF-16), the cause and the fix.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkJmesStatic,
  compileJmes,
  evaluateJmes,
  quoteIdentifierIfNeeded,
} from '../../../server/src/core/jmespath/index.js';
import type { JmesCompileError } from '../../../server/src/core/jmespath/index.js';

function err(expr: string): JmesCompileError {
  const r = compileJmes(expr);
  assert.equal(r.ok, false, `${expr} should not compile in go-jmespath`);
  if (r.ok) throw new Error('unreachable');
  return r.error;
}

function ok(expr: string): void {
  const r = compileJmes(expr);
  assert.ok(r.ok, `${expr} should compile: ${r.ok ? '' : r.error.message}`);
}

describe('compileJmes: hyphenated keys', () => {
  it('`api-key` fails at the hyphen, with the quoted identifier as the fix', () => {
    const e = err('api-key');
    assert.equal(e.cause, 'hyphen');
    assert.equal(e.offset, 3);
    assert.equal(e.length, 1);
    assert.equal(e.suggestion, '"api-key"');
    assert.match(e.message, /Invalid JMES Path: api-key\./);
    assert.match(e.message, /unquoted `-` starts a number/);
    assert.match(e.message, /path: '"api-key"'/);
    assert.equal(e.goMessage, 'SyntaxError: Unexpected token at the end of the expression: tNumber');
  });

  it('`db.api-key` points at the hyphen after the dot', () => {
    const e = err('db.api-key');
    assert.equal(e.offset, 6);
    assert.equal(e.cause, 'hyphen');
    assert.equal(e.suggestion, 'db."api-key"');
  });

  it('several hyphens and digits are quoted as one key', () => {
    const e = err('my-secret-2.value');
    assert.equal(e.offset, 2);
    assert.equal(e.suggestion, '"my-secret-2".value');
  });

  it('a hyphen inside a function argument is still found', () => {
    const e = err('to_string(api-key)');
    assert.equal(e.cause, 'hyphen');
    assert.equal(e.offset, 13);
    assert.equal(e.suggestion, 'to_string("api-key")');
  });

  it('the quoted forms compile and select the key', () => {
    ok('"api-key"');
    ok('db."api-key"');
    const ev = evaluateJmes('"api-key"', { 'api-key': 'k' });
    assert.equal(ev.outcome, 'string');
    assert.equal(ev.result, 'k');
  });

  it('negative indexes and slices are not mistaken for hyphens', () => {
    ok('list[-1]');
    ok('list[0:-1]');
    ok('list[::-1]');
  });
});

describe('compileJmes: JSONPath and dots', () => {
  it('`$.password` is JSONPath', () => {
    const e = err('$.password');
    assert.equal(e.cause, 'jsonpath-dollar');
    assert.equal(e.offset, 0);
    assert.equal(e.suggestion, 'password');
  });

  it("`$['a-b']` and `$.a[0].b` convert to JMESPath", () => {
    assert.equal(err("$['a-b']").suggestion, '"a-b"');
    assert.equal(err('$.a[0].b').suggestion, 'a[0].b');
    assert.equal(err('$.db["user-name"]').suggestion, 'db."user-name"');
  });

  it('`.username` has a leading dot', () => {
    const e = err('.username');
    assert.equal(e.cause, 'leading-dot');
    assert.equal(e.offset, 0);
    assert.equal(e.suggestion, 'username');
  });

  it('trailing and doubled dots fail in go-jmespath (jmespath.js compiles them)', () => {
    const t = err('foo.bar.');
    assert.equal(t.cause, 'trailing-dot');
    assert.equal(t.offset, 7);
    assert.equal(t.suggestion, 'foo.bar');
    const d = err('foo..bar');
    assert.equal(d.offset, 4);
    assert.equal(d.suggestion, 'foo.bar');
  });

  it("`a['b-c']` bracket notation becomes a quoted identifier", () => {
    assert.equal(err("a['b-c']").suggestion, 'a."b-c"');
  });
});

describe('compileJmes: other causes', () => {
  it('unclosed quotes point at the opening quote', () => {
    const e = err('"api-key');
    assert.equal(e.cause, 'unclosed');
    assert.equal(e.offset, 0);
    assert.equal(e.suggestion, '"api-key"');
    const b = err('db.hosts[0');
    assert.equal(b.cause, 'unclosed');
    assert.equal(b.offset, 8);
    assert.equal(b.suggestion, 'db.hosts[0]');
  });

  it('backtick literals must be strict JSON', () => {
    const e = err('`foo`');
    assert.equal(e.cause, 'other');
    assert.match(e.message, /strict JSON/);
    ok('`"foo"`');
    ok("'foo'");
  });

  it('a single `=` suggests `==`', () => {
    assert.equal(err('[?a = `1`]').suggestion, '[?a == `1`]');
  });

  it('offsets are UTF-16 offsets', () => {
    const e = err('café');
    assert.equal(e.offset, 3);
    assert.equal(e.suggestion, '"café"');
    const emoji = err('"😀".api-key');
    assert.equal(emoji.offset, 8); // the emoji is two UTF-16 code units
    assert.equal(emoji.cause, 'hyphen');
  });

  it('an unquoted key followed by U+0080 makes go-jmespath panic while compiling', () => {
    const e = err('a\u0080');
    assert.equal(e.crash, true);
    assert.match(e.goMessage, /index out of range/);
    assert.equal(evaluateJmes('a\u0080', {}).outcome, 'crash');
    ok('"a\u0080"');
  });

  it('unicode keys need quoting; quoted ones compile', () => {
    ok('"ключ"');
    ok('"😀"');
    ok('"a.b"');
  });
});

describe('compileJmes: go-jmespath parser quirks (verified against go-jmespath)', () => {
  it('compiles what the JMESPath grammar rejects', () => {
    ok('length(a b)'); // arguments need no comma
    ok('length(a,)');
    ok('{a: a b: b}'); // hash entries need no comma
    ok('[:::]');
    ok("'length'(@)"); // a call takes its name from the node before `(`
    ok('@(foo)');
  });

  it('rejects what jmespath.js accepts', () => {
    err('foo.');
    err('foo..bar');
    err('foo.|| bar');
    err("'\\\\'");
    err('`1e400`'); // out of float64 range for encoding/json
    err('[99999999999999999999]'); // index out of int64 range
  });
});

describe('nesting beyond the checker', () => {
  it('is reported the same way on every call, as unknown rather than as a Go error', () => {
    const shallow = '('.repeat(900) + 'a' + ')'.repeat(900);
    ok(shallow);
    assert.equal(evaluateJmes(shallow, { a: 'x' }).result, 'x');
    const deep = '('.repeat(1200) + 'a' + ')'.repeat(1200);
    for (let i = 0; i < 3; i++) {
      const e = err(deep);
      assert.equal(e.unchecked, true);
      assert.match(e.message, /verdict on it is unknown/);
    }
    assert.match(evaluateJmes(deep, { a: 'x' }).message ?? '', /unknown/);
    assert.deepEqual(
      checkJmesStatic(deep).map((i) => [i.code, i.severity]),
      [['jmespath-unchecked', 'information']],
    );
  });
});

describe('quoteIdentifierIfNeeded', () => {
  it('quotes exactly what go-jmespath cannot read unquoted', () => {
    assert.equal(quoteIdentifierIfNeeded('username'), 'username');
    assert.equal(quoteIdentifierIfNeeded('_x1'), '_x1');
    assert.equal(quoteIdentifierIfNeeded('api-key'), '"api-key"');
    assert.equal(quoteIdentifierIfNeeded('a.b'), '"a.b"');
    assert.equal(quoteIdentifierIfNeeded('1st'), '"1st"');
    assert.equal(quoteIdentifierIfNeeded('café'), '"café"');
    assert.equal(quoteIdentifierIfNeeded('say "hi"'), '"say \\"hi\\""');
    assert.equal(quoteIdentifierIfNeeded(''), '""');
  });

  it('every quoted key compiles and selects that key', () => {
    for (const key of [
      'api-key',
      'a.b',
      '1st',
      'café',
      'say "hi"',
      '',
      'tab\there',
      'back\\slash',
      '😀',
      'true',
    ]) {
      const q = quoteIdentifierIfNeeded(key);
      const ev = evaluateJmes(q, { [key]: 'v' });
      assert.equal(ev.outcome, 'string', `${key} -> ${q}`);
      assert.equal(ev.result, 'v');
    }
  });
});
