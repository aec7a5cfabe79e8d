// The sample secrets file: its format (shared with ascp-lint --secrets) and the skeleton Create Sample
// Secrets File writes, checked by analysing the manifests against the skeleton itself.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeWorkspace, parseFile } from '../../server/src/core/analyze';
import { spc } from '../../server/src/core/rules/rule';
import { MAX_SAMPLE_STEPS, pathSteps, sampleSecrets } from '../../server/src/service/sample-secrets';
import { layered, parseSecretStore } from '../../server/src/service/secret-store';

const classesOf = (text: string) => parseFile('x.yaml', text).docs.flatMap((d) => (d.class ? [d.class] : []));

const jmes = (name: string, ...paths: string[]) =>
  `- objectName: "${name}"\n  objectType: "secretsmanager"\n  jmesPath:\n` +
  paths.map((p, i) => `    - path: ${p}\n      objectAlias: A${i}\n`).join('');

describe('the secret store format', () => {
  it('takes strings as they are and other JSON as its text', () => {
    const r = parseSecretStore('\ufeff{"a": "x", "b": {"k": 1}, "c": [1], "d": 5}');
    assert.ok(r.ok);
    assert.equal(r.store.get('a', undefined), 'x');
    assert.equal(r.store.get('b', undefined), '{"k":1}');
    assert.equal(r.store.get('c', undefined), '[1]');
    assert.equal(r.store.get('d', undefined), '5');
    assert.equal(r.store.get('toString', undefined), undefined);
    assert.equal(r.store.size, 4);
  });

  it('says why it cannot be used without quoting the text', () => {
    const secret = 'hunter2-do-not-print';
    for (const text of [`{"a": ${secret}}`, `["${secret}"]`, `"${secret}"`, 'null']) {
      const r = parseSecretStore(text);
      assert.ok(!r.ok);
      assert.ok(!r.reason.includes(secret) && !r.reason.includes('hunter'), r.reason);
    }
  });

  it('asks the first layer, then the second', () => {
    const a = { get: (n: string) => (n === 'x' ? 'from a' : undefined) };
    const b = { get: (n: string) => (n === 'y' || n === 'x' ? 'from b' : undefined) };
    const both = layered(a, b);
    assert.equal(both.get('x', undefined), 'from a');
    assert.equal(both.get('y', undefined), 'from b');
  });
});

describe('the skeleton', () => {
  it('turns key paths into keys, nested paths into objects, positions into lists', () => {
    assert.deepEqual(pathSteps('username'), { steps: ['username'] });
    assert.deepEqual(pathSteps('"api-key"'), { steps: ['api-key'] });
    assert.deepEqual(pathSteps('database.hosts[2].name'), { steps: ['database', 'hosts', 2, 'name'] });
    for (const p of ['a || b', 'length(a)', 'a[*].b', 'a[?x].b', '[0]', 'a[-1]', 'a[100]', "'lit'", 'a.'])
      assert.ok('reason' in pathSteps(p), p);
  });

  it('bounds the work of a hostile path', () => {
    const long = Array.from({ length: 5000 }, (_, i) => `k${i}`).join('.');
    const r = pathSteps(long);
    assert.ok('reason' in r && r.reason.includes(String(MAX_SAMPLE_STEPS)));
  });

  it('covers every objectName and path of the classes, and the manifests pass against it', () => {
    const text =
      spc(
        jmes('prod/db', 'username', 'password', 'database.host', `'"api-key"'`, 'replicas[1].host') +
          '- objectName: "/app/url"\n  objectType: "ssmparameter"\n' +
          jmes('prod/odd', 'join(`,`, hosts)', 'a.b', 'a'),
        { region: 'us-east-1' },
      ) +
      '---\n' +
      spc('- objectName: "prod/db"\n  objectType: "secretsmanager"\n  objectAlias: whole\n', {
        region: 'us-east-1',
      }).replace('name: example', 'name: other');
    const s = sampleSecrets(classesOf(text));
    assert.equal(s.objects, 3);
    assert.deepEqual(JSON.parse(JSON.stringify(s.value)), {
      'prod/db': {
        username: '<username>',
        password: '<password>',
        database: { host: '<host>' },
        'api-key': '<api-key>',
        replicas: [null, { host: '<host>' }],
      },
      '/app/url': '<sample>',
      'prod/odd': { a: { b: '<b>' } },
    });
    assert.deepEqual(
      s.skipped.map((k) => [k.objectName, k.path]),
      [
        ['prod/odd', 'join(`,`, hosts)'],
        ['prod/odd', 'a'],
      ],
    );
    assert.match(s.skipped[1]?.reason ?? '', /another path makes `a` an object/);
    // the manifests checked against their own skeleton: no content problem on what it covers
    const store = parseSecretStore(JSON.stringify(s.value));
    assert.ok(store.ok);
    const [r] = analyzeWorkspace([{ id: 'x.yaml', text }], { secrets: store.store });
    const content = (r?.diagnostics ?? []).filter((d) =>
      /^(jmespath-(no-value|not-string)|secret-not-json)$/.test(d.code),
    );
    assert.deepEqual(
      content.map((d) => d.code),
      ['jmespath-not-string'],
      'only `a`, which the skeleton could not make a string as well as an object',
    );
  });

  it('leaves out templated names and keeps keys such as __proto__ as keys', () => {
    const s = sampleSecrets([
      ...classesOf(spc(jmes('{{ .Values.name }}', 'a'))),
      ...classesOf(spc(jmes('${NAME}', 'a') + jmes('n', '__proto__.x'))),
    ]);
    assert.ok(!Object.keys(s.value).some((k) => /\{\{|\$\{/.test(k)), 'no template among the names');
    assert.equal(JSON.stringify(s.value), '{"n":{"__proto__":{"x":"<x>"}}}');
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });
});
