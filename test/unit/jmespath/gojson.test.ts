// Go encoding/json and strconv behaviour: decoding secrets, to_string(), to_number(), string order.
// Expected values are what Go produces (checked against go-jmespath built with Go).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJsonLikeGo, evaluateJmes } from '../../../server/src/core/jmespath/index.js';

function decoded(text: string): unknown {
  const d = decodeJsonLikeGo(text);
  assert.ok(d.ok, `${JSON.stringify(text)} should decode: ${d.ok ? '' : d.reason}`);
  return d.value;
}

function rejected(text: string): string {
  const d = decodeJsonLikeGo(text);
  assert.equal(d.ok, false, `${JSON.stringify(text).slice(0, 40)} should be rejected`);
  return d.ok ? '' : d.reason;
}

function str(expr: string, data: unknown = {}): unknown {
  const ev = evaluateJmes(expr, data);
  assert.equal(ev.outcome, 'string', `${expr}: ${ev.outcome} ${ev.message ?? ''}`);
  return ev.result;
}

function num(expr: string, data: unknown = {}): unknown {
  const ev = evaluateJmes(expr, data);
  return ev.result ?? null;
}

describe('decodeJsonLikeGo (json.Unmarshal into interface{})', () => {
  it('accepts JSON with surrounding whitespace, any top-level value', () => {
    assert.deepEqual(decoded(' \n{"a" : [1, {"b": null}]}\t'), { a: [1, { b: null }] });
    assert.equal(decoded('"x"'), 'x');
    assert.equal(decoded('true'), true);
    assert.equal(Object.is(decoded('-0'), -0), true);
  });

  it('rejects what encoding/json rejects (some of which JSON.parse accepts)', () => {
    for (const t of [
      '',
      ' ',
      '{"a":1,}',
      "{'a':1}",
      '[1,]',
      '01',
      '1.',
      '.5',
      'NaN',
      '[Infinity]',
      '\uFEFF{}',
      '{"a":1}x',
      '"\t"',
      '"\\x"',
      '"\\u12"',
    ]) {
      rejected(t);
    }
    // in range for JSON.parse (it yields Infinity), out of float64 range for Go: an error
    assert.equal(JSON.parse('{"a":1e400}').a, Infinity);
    assert.match(rejected('{"a":1e400}'), /float64 range/);
  });

  it('duplicate keys: the last one wins; __proto__ is an ordinary key', () => {
    assert.deepEqual(decoded('{"a":"x","a":"y"}'), { a: 'y' });
    const v = decoded('{"__proto__":{"x":"y"}}') as Record<string, unknown>;
    assert.equal(Object.prototype.hasOwnProperty.call(v, '__proto__'), true);
    assert.equal(str('"__proto__".x', v), 'y');
  });

  it('invalid surrogate escapes become U+FFFD like in Go', () => {
    assert.equal(decoded('"\\ud800"'), '\ufffd');
    assert.equal(decoded('"\\ud83d\\ude00"'), '😀');
    assert.equal(decoded('"\\ude00\\ud83d"'), '\ufffd\ufffd');
    assert.equal(decoded('"\\ud800\\u0041"'), '\ufffdA');
  });

  it('nesting: 10000 levels are accepted, 10001 rejected', () => {
    decoded('['.repeat(10000) + ']'.repeat(10000));
    assert.match(rejected('['.repeat(10001) + ']'.repeat(10001)), /10000/);
  });

  it('reasons give a position, never the text', () => {
    const reason = rejected('{"password": hunter2}');
    assert.match(reason, /line 1, column 14/);
    assert.doesNotMatch(reason, /hunter2|password/);
  });
});

describe('to_string() is encoding/json Marshal', () => {
  it('formats floats the Go way', () => {
    assert.equal(str('to_string(`1.0`)'), '1');
    assert.equal(str('to_string(`1e21`)'), '1e+21');
    assert.equal(str('to_string(`123456789012345678000`)'), '123456789012345680000');
    assert.equal(str('to_string(`0.000001`)'), '0.000001');
    assert.equal(str('to_string(`0.0000001`)'), '1e-7');
    assert.equal(str('to_string(`-0`)'), '-0');
    assert.equal(str('to_string(`5e-324`)'), '5e-324');
  });

  it('sorts keys by code point and escapes <, >, &, U+2028, U+2029 and controls', () => {
    assert.equal(
      str('to_string(`{"b":1,"a":"<&>","😀":0,"\\uffff":0}`)'),
      '{"a":"\\u003c\\u0026\\u003e","b":1,"\uffff":0,"😀":0}',
    );
    assert.equal(
      str('to_string(`["\\u2028\\u2029", "\\u0001\\n\\t\\"\\\\"]`)'),
      '["\\u2028\\u2029","\\u0001\\n\\t\\"\\\\"]',
    );
  });

  it('escapes \\b and \\f in the Go 1.22+ short form (ASCP is built with Go 1.26)', () => {
    assert.equal(str('to_string(`["\\b\\f"]`)'), '["\\b\\f"]');
  });

  it('NaN cannot be encoded: an error', () => {
    assert.equal(evaluateJmes('to_string(avg(`[]`))', {}).outcome, 'error');
  });

  it('an expression reference encodes as {}', () => {
    assert.equal(str('to_string(&a)'), '{}');
  });
});

describe('to_number() is strconv.ParseFloat', () => {
  const cases: [string, number | null][] = [
    ['1', 1],
    ['-1.5e3', -1500],
    ['.5', 0.5],
    ['5.', 5],
    ['+1', 1],
    ['1_000', 1000],
    ['0x1p-2', 0.25],
    ['0x1.8p1', 3],
    ['1e400', null],
    [' 1', null],
    ['1 ', null],
    ['0x10', null],
    ['1__0', null],
    ['_1', null],
    ['', null],
    ['+nan', null],
    ['infinit', null],
  ];
  for (const [input, expected] of cases) {
    it(`to_number('${input}') -> ${String(expected)}`, () => {
      assert.equal(num(`to_number(s)`, { s: input }), expected);
    });
  }

  it('accepts inf, infinity and nan (non-finite floats, never strings)', () => {
    assert.equal(num('to_number(s)', { s: 'Infinity' }), Infinity);
    assert.equal(num('to_number(s)', { s: '-inf' }), -Infinity);
    assert.ok(Number.isNaN(num('to_number(s)', { s: 'NaN' })));
    assert.equal(evaluateJmes('to_number(s)', { s: 'NaN' }).goType, 'float64');
  });
});

describe('strings are compared and counted by code point', () => {
  it('sort, max and min use Go byte order, not UTF-16 order', () => {
    const data = { l: ['😀', '\uffff', 'a'] };
    assert.deepEqual(evaluateJmes('sort(l)', data).result, ['a', '\uffff', '😀']);
    assert.equal(str('max(l)', data), '😀');
    assert.equal(str('min(l)', data), 'a');
  });

  it('length and reverse count code points', () => {
    assert.equal(num('length(s)', { s: 'a😀é' }), 3);
    assert.equal(str('reverse(s)', { s: 'a😀b' }), 'b😀a');
  });
});
