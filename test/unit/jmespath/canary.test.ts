// No secret value may ever reach a message, suggestion, reason or explanation. A canary is planted as
// the value of many keys (nested, in arrays, in non-JSON text) and every check runs over many paths,
// right and wrong; the canary (or a distinctive part of it) must never appear in anything returned,
// except the evaluation `result`, which is internal by contract.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkJmesContent,
  checkJmesStatic,
  compileJmes,
  decodeJsonLikeGo,
  evaluateJmes,
  explainJmes,
  jmesPathsToStrings,
  shapeOf,
} from '../../../server/src/core/jmespath/index.js';

const CANARY = 'CANARY-7f3a9c-DO-NOT-LEAK';
const FRAGMENTS = [CANARY, '7f3a9c', 'DO-NOT-LEAK', 'CANARY'];

const SECRET = {
  username: CANARY,
  password: `${CANARY}<&>`,
  'api-key': CANARY,
  'a.b': CANARY,
  port: 5432,
  enabled: true,
  nothing: null,
  db: { host: CANARY, creds: { user: CANARY, pass: CANARY }, port: 1 },
  replicas: [{ host: CANARY }, { host: `${CANARY}-2` }],
  brokers: [CANARY, CANARY],
  mixed: [CANARY, 1, { k: CANARY }, [CANARY]],
  ключ: `значение ${CANARY}`,
  nested: { deeper: { deepest: { leaf: CANARY, list: [[CANARY]] } } },
};
const SECRET_TEXT = JSON.stringify(SECRET);

const NON_JSON_VALUES = [
  CANARY,
  `password: ${CANARY}\nuser: admin`,
  `PASSWORD=${CANARY}`,
  `{"password": "${CANARY}",}`,
  `{"password": ${CANARY}}`,
  `["${CANARY}"`,
  `{"password": "${CANARY}\u0001"}`,
  `{"n": 1e400, "p": "${CANARY}"}`,
];

const PATHS = [
  // right
  'username',
  'password',
  '"api-key"',
  '"a.b"',
  'db.host',
  'db.creds.user',
  'replicas[0].host',
  'brokers[1]',
  '"ключ"',
  'nested.deeper.deepest.leaf',
  "join(',', brokers)",
  'to_string(port)',
  // wrong keys, wrong case, typos, dotted
  'Username',
  'usernme',
  'db.hots',
  'db.creds.password',
  'a.b',
  'api_key',
  'replicas[9].host',
  'replicas.host',
  'brokers.x',
  'username.x',
  'port.x',
  'db[0]',
  'nested.deeper.deepest.leaf.x',
  'nested.deeper.deepest.list[0][0].x',
  // non-strings
  '@',
  'db',
  'db.creds',
  'replicas',
  'brokers',
  'mixed',
  'port',
  'enabled',
  'nothing',
  'keys(@)',
  'values(@)',
  'replicas[*].host',
  'db.*',
  'length(username)',
  'to_number(username)',
  '[username, password]',
  '{u: username}',
  // errors, crashes, order dependence
  'length(port)',
  'abs(username)',
  "join(',', mixed)",
  'sort_by(mixed, &@)',
  'max_by(replicas, &host)',
  'merge(username)',
  'contains(replicas, replicas[0])',
  '@(username)',
  'values(db.creds)[0]',
  'values(@)[0]',
  'keys(@)[0]',
  '*.to_string(@) | [0]',
  'to_string(@)',
  'to_string(values(@))',
  'not_null(nothing, username)',
  'reverse(username)',
  'type(username)',
  "username == 'x'",
  "username > 'a'",
  '[?host].host | [0]',
  'replicas[?host > `1`]',
  // syntax errors
  'api-key',
  'db.api-key',
  '$.password',
  '.username',
  'username.',
  'db..host',
  '"unclosed',
  '`secret`',
  "'api-key'",
  'lenght(username)',
];

function assertClean(label: string, thing: unknown): void {
  const text = JSON.stringify(thing) ?? '';
  for (const f of FRAGMENTS) {
    assert.ok(!text.includes(f), `${label} leaks ${f}: ${text.slice(0, 300)}`);
  }
}

describe('canary: no secret value in any output', () => {
  it('the canary is really in the secret (the test can fail)', () => {
    const d = decodeJsonLikeGo(SECRET_TEXT);
    assert.ok(d.ok);
    assert.equal(evaluateJmes('username', d.value).result, CANARY);
    assert.throws(() => assertClean('self-check', { message: `x ${CANARY} y` }));
  });

  it('checkJmesContent over many paths', () => {
    let issues = 0;
    for (const p of PATHS) {
      const found = checkJmesContent(p, SECRET_TEXT, 'alias', 'prod/app');
      issues += found.length;
      assertClean(`checkJmesContent(${p})`, found);
    }
    assert.ok(issues > 40, `expected many issues, got ${issues}`);
  });

  it('checkJmesContent on non-JSON values', () => {
    for (const v of NON_JSON_VALUES) {
      for (const p of ['username', 'api-key', 'password']) {
        const found = checkJmesContent(p, v, 'alias', 'prod/app');
        assert.ok(
          found.some((i) => i.code === 'secret-not-json'),
          v.slice(0, 30),
        );
        assertClean(`checkJmesContent(${p}) on non-JSON`, found);
      }
      const d = decodeJsonLikeGo(v);
      assertClean('decodeJsonLikeGo reason', d.ok ? {} : d.reason);
    }
  });

  it('evaluateJmes messages, static checks, explanations, compile errors', () => {
    const d = decodeJsonLikeGo(SECRET_TEXT);
    assert.ok(d.ok);
    for (const p of PATHS) {
      const ev = evaluateJmes(p, d.value);
      assertClean(`evaluateJmes(${p})`, { ...ev, result: undefined });
      assertClean(`checkJmesStatic(${p})`, checkJmesStatic(p));
      assertClean(`explainJmes(${p})`, explainJmes(p));
      assertClean(`compileJmes(${p})`, compileJmes(p));
    }
  });

  it('shapes and completion paths carry no values', () => {
    const d = decodeJsonLikeGo(SECRET_TEXT);
    assert.ok(d.ok);
    const shape = shapeOf(d.value);
    assertClean('shapeOf', shape);
    const paths = jmesPathsToStrings(shape);
    assert.ok(paths.length > 10);
    assertClean('jmesPathsToStrings', paths);
    for (const p of paths) assertClean(`content(${p})`, checkJmesContent(p, SECRET_TEXT, 'a', 'o'));
  });
});
