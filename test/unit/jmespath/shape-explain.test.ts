// shapeOf, jmesPathsToStrings and explainJmes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeJsonLikeGo,
  evaluateJmes,
  explainJmes,
  jmesPathsToStrings,
  shapeOf,
} from '../../../server/src/core/jmespath/index.js';

const SECRET = {
  username: 'u',
  port: 5432,
  'api-key': 'k',
  'a.b': 'd',
  db: { host: 'h', replicas: [{ host: 'r1' }, { host: 'r2', zone: 'z' }] },
  brokers: ['b1', 'b2'],
  flags: [true],
  empty: [],
  nothing: null,
  ключ: 'v',
};

describe('shapeOf', () => {
  it('keeps types, key names and array lengths only', () => {
    const shape = shapeOf(SECRET);
    assert.equal(shape.type, 'object');
    assert.deepEqual(
      shape.keys?.map((k) => [k.name, k.shape.type]),
      [
        ['username', 'string'],
        ['port', 'number'],
        ['api-key', 'string'],
        ['a.b', 'string'],
        ['db', 'object'],
        ['brokers', 'array'],
        ['flags', 'array'],
        ['empty', 'array'],
        ['nothing', 'null'],
        ['ключ', 'string'],
      ],
    );
    const replicas = shape.keys
      ?.find((k) => k.name === 'db')
      ?.shape.keys?.find((k) => k.name === 'replicas')?.shape;
    assert.equal(replicas?.length, 2);
    assert.deepEqual(
      replicas?.items?.keys?.map((k) => k.name),
      ['host', 'zone'],
    );
    assert.doesNotMatch(JSON.stringify(shape), /"u"|"k"|r1|5432/);
  });

  it('stops below maxDepth', () => {
    const shape = shapeOf({ a: { b: { c: 'x' } } }, 1);
    assert.deepEqual(shape, { type: 'object', keys: [{ name: 'a', shape: { type: 'object' } }] });
  });
});

describe('jmesPathsToStrings', () => {
  it('lists every path to a string, quoted where needed, each of which mounts', () => {
    const paths = jmesPathsToStrings(shapeOf(SECRET));
    assert.deepEqual(paths, [
      'username',
      '"api-key"',
      '"a.b"',
      'db.host',
      'db.replicas[0].host',
      'db.replicas[0].zone',
      'brokers[0]',
      '"ключ"',
    ]);
    const decoded = decodeJsonLikeGo(JSON.stringify(SECRET));
    assert.ok(decoded.ok);
    for (const p of paths.filter((x) => x !== 'db.replicas[0].zone')) {
      assert.equal(evaluateJmes(p, decoded.value).outcome, 'string', p);
    }
  });

  it('a top-level string is `@`', () => {
    assert.deepEqual(jmesPathsToStrings(shapeOf('plain')), ['@']);
    assert.deepEqual(jmesPathsToStrings(shapeOf(5)), []);
  });
});

describe('explainJmes', () => {
  const cases: [string, string][] = [
    ['database.host', 'field `database` → field `host`'],
    ['replicas[0].host', 'element 0 of `replicas` → field `host`'],
    ["join(',', brokers[*].host)", "joins `brokers[*].host` with ','"],
    ['"api-key"', 'field `api-key`'],
    ['brokers[-1]', 'the last element of `brokers`'],
    ['brokers[*].host', 'each element of `brokers` → field `host` (a list)'],
    ['db.*', "every value of `db` (a list in Go's random map order)"],
    ["'api-key'", "the literal text `'api-key'` (not a key)"],
    ['to_string(port)', '`port` as a string (JSON text unless it already is a string)'],
    ['a || b', '`a`, or `b` when that is null, false or empty'],
  ];
  for (const [expr, text] of cases) {
    it(expr, () => assert.equal(explainJmes(expr), text));
  }

  it('explains compile errors with the fix', () => {
    assert.match(explainJmes('api-key'), /Does not compile in go-jmespath .*did you mean `"api-key"`\?/);
  });
});
