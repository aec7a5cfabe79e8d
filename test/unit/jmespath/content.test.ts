// checkJmesContent and evaluateJmes on realistic secret values.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkJmesContent, decodeJsonLikeGo, evaluateJmes } from '../../../server/src/core/jmespath/index.js';
import type { JmesIssue } from '../../../server/src/core/jmespath/index.js';

const RDS = JSON.stringify({
  username: 'dbadmin',
  password: 'S3cr3t!',
  engine: 'postgres',
  host: 'mydb.cluster-abc.eu-west-1.rds.amazonaws.com',
  port: 5432,
  dbname: 'orders',
  dbInstanceIdentifier: 'mydb',
});

const CONFIG = JSON.stringify({
  database: { host: 'db.internal', port: 5432, credentials: { user: 'app', pass: 'pw' } },
  features: { beta: true, ratio: 0.25 },
  replicas: [{ host: 'r1.internal' }, { host: 'r2.internal' }],
  brokers: ['b1:9092', 'b2:9092'],
  'api-key': 'k-123',
  'a.b': 'dotted',
  'null-key': null,
  ключ: 'значение 😀',
  empty: '',
});

function content(expr: string, value: string = RDS): JmesIssue[] {
  return checkJmesContent(expr, value, 'myAlias', 'prod/db');
}

function only(expr: string, code: string, value: string = RDS): JmesIssue {
  const issues = content(expr, value);
  assert.equal(issues.length, 1, `${expr}: ${JSON.stringify(issues.map((i) => i.code))}`);
  const i = issues[0] as JmesIssue;
  assert.equal(i.code, code);
  return i;
}

function evalOn(expr: string, value: string): ReturnType<typeof evaluateJmes> {
  const d = decodeJsonLikeGo(value);
  assert.ok(d.ok);
  return evaluateJmes(expr, d.value);
}

describe('RDS-style credentials', () => {
  it('string keys mount', () => {
    for (const k of ['username', 'password', 'engine', 'host', 'dbname', 'dbInstanceIdentifier']) {
      assert.deepEqual(content(k), [], k);
      assert.equal(evalOn(k, RDS).outcome, 'string');
    }
  });

  it('port is a number: not-string with to_string() as the fix, which then mounts "5432"', () => {
    const i = only('port', 'jmespath-not-string');
    assert.equal(i.severity, 'error');
    assert.match(i.message, /selects a number/);
    assert.match(i.message, /Invalid JMES search result type for path:port\. Only string is allowed\./);
    assert.equal(i.suggestion, 'to_string(port)');
    assert.deepEqual(content('to_string(port)'), []);
    assert.equal(evalOn('to_string(port)', RDS).result, '5432');
  });

  it('a wrong-case key names the keys at that level and the closest one', () => {
    const i = only('Username', 'jmespath-no-value');
    assert.match(i.message, /`Username` not found/);
    assert.match(i.message, /keys at this level: `username`, `password`, `engine`, `host`, `port`, `dbname`/);
    assert.match(i.message, /did you mean `username`\?/);
    assert.match(
      i.message,
      /JMES Path - Username for object alias - myAlias does not point to a valid object\./,
    );
    assert.equal(i.suggestion, 'username');
    assert.equal(i.offset, 0);
    assert.equal(i.length, 8);
  });

  it('typos and -/_ variants find the key', () => {
    assert.equal(only('usrname', 'jmespath-no-value').suggestion, 'username');
    assert.equal(only('db_name', 'jmespath-no-value').suggestion, 'dbname');
    assert.equal(
      only('db-instance-identifier'.replace(/-/g, '_'), 'jmespath-no-value').suggestion,
      'dbInstanceIdentifier',
    );
  });

  it('an unrelated key gets the list without a guess', () => {
    const i = only('certificate', 'jmespath-no-value');
    assert.doesNotMatch(i.message, /did you mean/);
    assert.equal(i.suggestion, undefined);
  });
});

describe('nested config, arrays, special keys', () => {
  it('nested and quoted keys mount', () => {
    for (const e of [
      'database.host',
      'database.credentials.user',
      'replicas[0].host',
      'replicas[-1].host',
      'brokers[1]',
      '"api-key"',
      '"a.b"',
      '"ключ"',
      "join(',', brokers)",
      'to_string(features.ratio)',
    ]) {
      assert.deepEqual(content(e, CONFIG), [], e);
    }
    assert.equal(evalOn("join(',', brokers)", CONFIG).result, 'b1:9092,b2:9092');
    assert.equal(evalOn('"ключ"', CONFIG).result, 'значение 😀');
  });

  it('an empty string is mounted (ASCP accepts "")', () => {
    assert.deepEqual(content('empty', CONFIG), []);
    assert.equal(evalOn('empty', CONFIG).outcome, 'string');
  });

  it('a missing nested key is reported at its own offset with the keys of its level', () => {
    const i = only('database.hostname', 'jmespath-no-value', CONFIG);
    assert.equal(i.offset, 9);
    assert.equal(i.length, 8);
    assert.match(i.message, /in `database`; keys at this level: `host`, `port`, `credentials`/);
    assert.equal(i.suggestion, 'database.host');
  });

  it('an object result lists its keys and suggests one holding a string', () => {
    const i = only('database', 'jmespath-not-string', CONFIG);
    assert.match(i.message, /selects an object/);
    assert.match(i.message, /`host`, `port`, `credentials`/);
    assert.equal(i.suggestion, 'database.host');
  });

  it('arrays: an index or join() for strings, an element key for objects', () => {
    const b = only('brokers', 'jmespath-not-string', CONFIG);
    assert.match(b.message, /an array of 2 elements/);
    assert.match(b.message, /`brokers\[0\]`/);
    assert.equal(b.suggestion, "join(',', brokers)");
    assert.equal(only('replicas', 'jmespath-not-string', CONFIG).suggestion, 'replicas[0].host');
    assert.equal(
      only('replicas[*].host', 'jmespath-not-string', CONFIG).suggestion,
      "join(',', replicas[*].host)",
    );
  });

  it('an index out of range', () => {
    const i = only('replicas[5].host', 'jmespath-no-value', CONFIG);
    assert.match(i.message, /`replicas` has 2 elements, so index 5 is out of range/);
    assert.equal(i.suggestion, 'replicas[0].host');
  });

  it('a field of an array suggests an element', () => {
    const i = only('replicas.host', 'jmespath-no-value', CONFIG);
    assert.match(i.message, /`replicas` is an array of 2 elements, not an object/);
    assert.equal(i.suggestion, 'replicas[0].host');
  });

  it('a dotted key written unquoted is found and quoted', () => {
    const i = only('a.b', 'jmespath-no-value', CONFIG);
    assert.match(i.message, /the key `a.b` exists/);
    assert.equal(i.suggestion, '"a.b"');
    assert.equal(i.length, 3);
  });

  it('an explicit null is reported as null, not as missing', () => {
    const i = only('"null-key"', 'jmespath-no-value', CONFIG);
    assert.match(i.message, /exists but is null/);
  });

  it('booleans suggest to_string()', () => {
    const i = only('features.beta', 'jmespath-not-string', CONFIG);
    assert.match(i.message, /a boolean/);
    assert.equal(i.suggestion, 'to_string(features.beta)');
    assert.equal(evalOn('to_string(features.beta)', CONFIG).result, 'true');
  });

  it('hyphenated keys: the syntax error comes from the path, the fix works on the secret', () => {
    const i = only('api-key', 'jmespath-syntax', CONFIG);
    assert.equal(i.offset, 3);
    assert.equal(i.suggestion, '"api-key"');
    assert.deepEqual(content(i.suggestion ?? '', CONFIG), []);
  });
});

describe('values that are not JSON', () => {
  const cases: [string, string, RegExp][] = [
    ['plain text', 'hunter2', /plain text/],
    ['YAML', 'username: admin\npassword: pw\n', /YAML/],
    ['dotenv', 'DB_USER=admin\nDB_PASS=pw', /KEY=value/],
    ['empty', '', /empty/],
    ['whitespace', '   ', /whitespace/],
    ['broken JSON', '{"username": "admin",}', /starts like JSON/],
    ['single quotes', "{'username': 'admin'}", /starts like JSON/],
    ['out-of-range number', '{"username": "admin", "n": 1e400}', /float64 range/],
  ];
  for (const [name, value, hint] of cases) {
    it(`${name}: secret-not-json with ASCP's message`, () => {
      const i = only('username', 'secret-not-json', value);
      assert.equal(i.severity, 'error');
      assert.match(i.message, /Invalid JSON used with jmesPath in secret: prod\/db\./);
      assert.match(i.message, hint);
    });
  }

  it('a JSON value that is not an object decodes but selects nothing', () => {
    const i = only('username', 'jmespath-no-value', '"just a string"');
    assert.match(i.message, /The secret's JSON value is a string, not an object/);
    assert.equal(i.suggestion, '@');
    assert.match(only('a.b', 'jmespath-no-value', '[1, 2]').message, /JSON value is an array of 2 elements/);
    assert.deepEqual(content('@', '"just a string"'), []);
  });

  it('an invalid value and an invalid path are both reported, the value first', () => {
    const issues = content('api-key', 'not json');
    assert.deepEqual(
      issues.map((i) => i.code),
      ['secret-not-json', 'jmespath-syntax'],
    );
  });
});

describe('Go-specific behaviour on secrets', () => {
  it('duplicate keys: the last one wins', () => {
    assert.equal(evalOn('a', '{"a": "first", "a": "second"}').result, 'second');
  });

  it('numbers are float64: 1.0 equals 1 and big integers lose precision like in Go', () => {
    assert.equal(evalOn('to_string(n == `1`)', '{"n": 1.0}').result, 'true');
    assert.equal(evalOn('to_string(n)', '{"n": 12345678901234567890}').result, '12345678901234567000');
    assert.equal(evalOn('to_string(n)', '{"n": 1.0}').result, '1');
    assert.equal(evalOn('to_string(n)', '{"n": 1e21}').result, '1e+21');
  });

  it('to_string uses encoding/json: sorted keys and HTML-safe escapes', () => {
    const r = evalOn('to_string(@)', '{"z": "<a&b>", "a": [1.5, true, null]}');
    assert.equal(r.result, '{"a":[1.5,true,null],"z":"\\u003ca\\u0026b\\u003e"}');
  });

  it('string comparisons are null in go-jmespath, so the filter matches nothing', () => {
    const i = only("[?v > 'a'].name | [0]", 'jmespath-no-value', '[{"v": "b", "name": "x"}]');
    assert.equal(i.code, 'jmespath-no-value');
    assert.equal(evalOn("[?v > 'a'].name | [0]", '[{"v": "b", "name": "x"}]').outcome, 'null');
  });

  it('a result picked from values() depends on map order: warning, mounted value may change', () => {
    const issues = content('values(database.credentials)[0]', CONFIG);
    assert.deepEqual(
      issues.map((i) => [i.code, i.severity]),
      [['jmespath-order-dependent', 'warning']],
    );
    const ev = evalOn('values(database.credentials)[0]', CONFIG);
    assert.equal(ev.orderDependent, true);
    assert.equal(ev.outcome, 'string');
    assert.equal(evalOn('sort(values(database.credentials))[0]', CONFIG).orderDependent, false);
    assert.equal(evalOn('values(features)[0]', '{"features": {"only": "one"}}').orderDependent, false);
  });

  it('mixed types under map order: the outcome itself can change', () => {
    const ev = evalOn('values(@)[0]', '{"a": "x", "b": 1}');
    assert.equal(ev.orderDependent, true);
    assert.deepEqual([...ev.outcomes].sort(), ['non-string', 'string']);
    const issues = content('values(@)[0]', '{"a": "x", "b": 1}');
    assert.match(
      issues.find((i) => i.code === 'jmespath-order-dependent')?.message ?? '',
      /or fail on some of them/,
    );
  });

  it('`*` on an object also evaluates its right-hand side on one nil per entry', () => {
    assert.equal(evalOn('*.to_string(@) | [0]', '{"a": "x", "b": "y"}').result, 'null');
    assert.equal(evalOn('*.length(@)', '{"a": "x"}').outcome, 'error');
  });

  it('evaluation errors: eval-error with the reason, never the value', () => {
    const i = only('length(port)', 'jmespath-eval-error');
    assert.match(i.message, /got number/);
    assert.match(i.message, /Invalid JMES Path: length\(port\)\./);
  });

  it('crashes for this secret', () => {
    const i = only('merge(port)', 'jmespath-crash');
    assert.match(i.message, /panics/);
    assert.match(i.message, /not map\[string\]interface \{\}/);
    const c = only('contains(replicas, replicas[0])', 'jmespath-crash', CONFIG);
    assert.match(c.message, /comparing uncomparable type/);
  });
});
