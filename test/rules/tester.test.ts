// The test support itself: markers, edits, manifest builders and the rule tester, which must fail on
// every kind of mistake it exists to catch (a tester that cannot fail tests nothing).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { providerName } from '../../server/src/core/rules/params/provider-name';
import { ALL_RULES } from '../../server/src/core/rules/registry';
import { q, type Rule } from '../../server/src/core/rules/rule';
import {
  analyze,
  applyEdits,
  caret,
  checkInvalid,
  checkValid,
  codes,
  docs,
  exampleDiagnostics,
  mark,
  markup,
  secretProviderClass,
  unmark,
  WORKLOADS,
  type InvalidCase,
  type RuleTests,
} from '../support';

describe('markers', () => {
  it('removes ⟦ ⟧, ⟪ ⟫ and ‸ and gives their offsets in the unmarked text', () => {
    const m = unmark('a⟦bc⟧d⟪e⟫‸f⟦⟧');
    assert.equal(m.text, 'abcdef');
    assert.deepEqual(m.spans, [
      { start: 1, end: 3 },
      { start: 6, end: 6 },
    ]);
    assert.deepEqual(m.related, [{ start: 4, end: 5 }]);
    assert.deepEqual(m.carets, [5]);
  });
  it('counts UTF-16 code units, as the core does', () => {
    assert.deepEqual(unmark('😀⟦é⟧').spans, [{ start: 2, end: 3 }]);
  });
  it('nests markers of one kind, for two diagnostics on one text', () => {
    assert.deepEqual(unmark('⟦⟦ab⟧⟧').spans, [
      { start: 0, end: 2 },
      { start: 0, end: 2 },
    ]);
    assert.deepEqual(unmark('⟦a⟦b⟧c⟧').spans, [
      { start: 0, end: 3 },
      { start: 1, end: 2 },
    ]);
  });
  it('markup is the inverse of unmark, adjacent, nested and empty spans included', () => {
    for (const s of ['a⟦b⟧⟦c⟧d', '⟦⟧x⟪y⟫', 'p⟦q⟪r⟫s⟧t', '⟦⟦ab⟧⟧', 'no markers']) {
      const m = unmark(s);
      assert.equal(markup(m.text, m.spans, m.related), s);
    }
  });
  it('rejects unbalanced markers', () => {
    assert.throws(() => unmark('a⟦b'), /unclosed ⟦/);
    assert.throws(() => unmark('a⟧b'), /⟧ without ⟦/);
    assert.throws(() => unmark('⟪a'), /unclosed ⟪/);
    assert.throws(() => caret('a‸b‸'), /expected one ‸/);
  });
  it('caret() and mark()', () => {
    assert.deepEqual(caret('ab‸c'), { text: 'abc', offset: 2 });
    assert.equal(mark('a: x\nb: x\n', 'x', 1), 'a: x\nb: ⟦x⟧\n');
    assert.equal(mark('a: x', 'a', 0, true), '⟪a⟫: x');
    assert.throws(() => mark('abc', 'z'), /not found/);
  });
});

describe('applyEdits', () => {
  it('applies edits against the original text, in any order', () => {
    const edits = [
      { span: { start: 4, end: 5 }, newText: 'Y' },
      { span: { start: 0, end: 1 }, newText: 'XX' },
      { span: { start: 2, end: 2 }, newText: '+' },
    ];
    assert.equal(applyEdits('a b c', edits), 'XX +b Y');
  });
  it('rejects overlapping edits and spans outside the text', () => {
    assert.throws(
      () =>
        applyEdits('abcdef', [
          { span: { start: 0, end: 3 }, newText: '' },
          { span: { start: 2, end: 4 }, newText: '' },
        ]),
      /overlapping/,
    );
    assert.throws(() => applyEdits('ab', [{ span: { start: 1, end: 5 }, newText: '' }]), /outside/);
  });
});

describe('manifest builders', () => {
  const cls = secretProviderClass({
    objects: '- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  objectAlias: "param"',
  });
  for (const [kind, build] of Object.entries(WORKLOADS)) {
    it(`${kind}: a valid workload the core reads, mounting the class`, () => {
      const [fa] = analyze(docs(cls, build({ namespace: undefined })));
      assert.ok(fa);
      assert.deepEqual(
        fa.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => d.code),
        [],
      );
      assert.deepEqual(
        fa.mounts.map((r) => [r.workloadKind, r.container, r.path]),
        [[kind, 'app', '/mnt/secrets-store/param']],
      );
    });
  }
  it('writes raw YAML values, init containers and several volumes', () => {
    const text = WORKLOADS.Deployment?.({
      name: 'api',
      namespace: 'prod',
      initContainers: [{ name: 'init', mounts: [{ name: 'other', mountPath: '/other', readOnly: null }] }],
      containers: [{ mounts: [] }],
      volumes: [
        { name: 'other', readOnly: '"true"', className: 'x', attributes: { usePodIdentity: 'true' } },
      ],
    });
    assert.ok(text);
    assert.deepEqual(codes(text), ['csi-read-only', 'class-not-found', 'volume-attribute-not-string']);
  });
  it('runs a rule example with its own secrets and catalog', () => {
    const jmes = ALL_RULES.find((r) => r.meta.code === 'jmespath-not-string') as Rule;
    assert.ok(exampleDiagnostics(jmes, 'trigger').some((d) => d.code === 'jmespath-not-string'));
    assert.ok(!exampleDiagnostics(jmes, 'nearMiss').some((d) => d.code === 'jmespath-not-string'));
  });
});

/** A rule of the tester's own tests: reports every objectName containing `x`, with a configurable fix. */
function fakeRule(fixText: (value: string) => string): Rule {
  return {
    meta: { ...providerName.meta, code: 'tester-fake', severity: 'warning' },
    checkClass(ctx) {
      for (const e of ctx.cls.objects?.entries ?? []) {
        const n = e.objectName;
        if (!n || !n.value.includes('x')) continue;
        ctx.report({
          span: n.span,
          message: `name ${q(n.value)}`,
          fixes: [{ title: 'fix it', edits: [{ span: n.span, newText: fixText(n.value) }] }],
        });
      }
    },
  };
}

const fakeTests = (rule: Rule): RuleTests => ({ valid: [], invalid: [], rules: [...ALL_RULES, rule] });
const withName = (name: string) =>
  secretProviderClass({ objects: `- objectName: ${name}\n  objectType: "ssmparameter"` });

describe('the rule tester', () => {
  const bad = withName('⟦"/xx"⟧').replace('provider: aws', 'provider: AWS');
  const good = withName('"/xx"');
  const providerCase = (over: Partial<InvalidCase>): InvalidCase => ({
    manifest: mark(secretProviderClass({ provider: 'AWS' }), 'AWS'),
    message: /^Provider `AWS` is not `aws`/,
    fixes: [{ title: 'Change the provider to aws', output: secretProviderClass(), safeForFixAll: true }],
    ...over,
  });
  const tests: RuleTests = { valid: [], invalid: [] };

  it('passes a correct case', () => {
    checkInvalid(providerName, tests, providerCase({}));
    checkValid(providerName, tests, secretProviderClass());
  });
  it('fails on a span one character off, at either end', () => {
    for (const manifest of [
      secretProviderClass({ provider: 'A⟦WS⟧' }),
      secretProviderClass({ provider: '⟦AW⟧S' }),
      secretProviderClass({ provider: '⟦AWS⟧ ' }).replace('AWS⟧ ', 'AWS ⟧'),
    ])
      assert.throws(
        () => checkInvalid(providerName, tests, providerCase({ manifest })),
        /provider-name spans/,
      );
  });
  it('fails when the rule reports more or fewer diagnostics than marked', () => {
    const twice = docs(
      mark(secretProviderClass({ provider: 'AWS' }), 'AWS'),
      secretProviderClass({ provider: 'AWS', name: 'b' }),
    );
    assert.throws(() => checkInvalid(providerName, tests, providerCase({ manifest: twice })), /spans/);
    assert.throws(
      () => checkInvalid(providerName, tests, providerCase({ manifest: mark(secretProviderClass(), 'aws') })),
      /spans/,
    );
  });
  it('fails on a wrong message, severity, fix title or fix output, and on an undeclared fix', () => {
    assert.throws(() => checkInvalid(providerName, tests, providerCase({ message: 'Provider' })), /message/);
    assert.throws(() => checkInvalid(providerName, tests, providerCase({ message: /^AWS/ })), /message/);
    assert.throws(() => checkInvalid(providerName, tests, providerCase({ severity: 'warning' })), /severity/);
    assert.throws(
      () =>
        checkInvalid(
          providerName,
          tests,
          providerCase({ fixes: [{ title: 'x', output: secretProviderClass() }] }),
        ),
      /fix title/,
    );
    assert.throws(
      () =>
        checkInvalid(
          providerName,
          tests,
          providerCase({ fixes: [{ title: /provider/, output: secretProviderClass({ provider: 'aws ' }) }] }),
        ),
      /the text after/,
    );
    assert.throws(
      () =>
        checkInvalid(
          providerName,
          tests,
          providerCase({
            fixes: [{ title: /provider/, output: secretProviderClass(), safeForFixAll: false }],
          }),
        ),
      /safeForFixAll/,
    );
    const { fixes: _fixes, ...noFixes } = providerCase({});
    assert.throws(() => checkInvalid(providerName, tests, noFixes), /number of fixes/);
  });
  it('fails on a related location off by one', () => {
    const fake = fakeRule((v) => JSON.stringify(v.replace(/x/g, '')));
    const rule: Rule = {
      ...fake,
      checkClass(ctx) {
        const e = ctx.cls.objects?.entries[0];
        if (e?.objectName && e.objectType)
          ctx.report({
            span: e.objectName.span,
            message: 'm',
            related: [{ span: e.objectType.span, message: 'r' }],
          });
      },
    };
    const manifest = (t: string) =>
      secretProviderClass({ objects: `- objectName: ⟦"/a"⟧\n  objectType: ${t}` });
    checkInvalid(rule, fakeTests(rule), {
      manifest: manifest('⟪"ssmparameter"⟫'),
      message: 'm',
      related: ['r'],
    });
    assert.throws(
      () => checkInvalid(rule, fakeTests(rule), { manifest: manifest('"⟪ssmparameter"⟫'), message: 'm' }),
      /related locations/,
    );
    assert.throws(
      () =>
        checkInvalid(rule, fakeTests(rule), {
          manifest: manifest('"ssmparameter"'),
          message: 'm',
          related: ['q'],
        }),
      /related message/,
    );
  });
  it('fails when a fix leaves its diagnostic in place', () => {
    const rule = fakeRule((v) => JSON.stringify(v));
    assert.throws(
      () =>
        checkInvalid(rule, fakeTests(rule), {
          manifest: withName('⟦"/xx"⟧'),
          message: 'name `/xx`',
          fixes: [{ title: 'fix it', output: good }],
        }),
      /still \(or newly\) reports/,
    );
  });
  it('fails when a fix brings a new diagnostic of the same rule', () => {
    const rule = fakeRule((v) => JSON.stringify(v + 'x'));
    assert.throws(
      () =>
        checkInvalid(rule, fakeTests(rule), {
          manifest: withName('⟦"/xx"⟧'),
          message: 'name `/xx`',
          fixes: [{ title: 'fix it', output: withName('"/xxx"') }],
        }),
      /newly\) reports/,
    );
  });
  it('fails when a fix brings a new error of another rule, unless allowed', () => {
    const rule = fakeRule(() => '"/a');
    const c: InvalidCase = {
      manifest: withName('⟦"/xx"⟧'),
      message: 'name `/xx`',
      fixes: [{ title: 'fix it', output: withName('"/a') }],
    };
    assert.throws(() => checkInvalid(rule, fakeTests(rule), c), /a new objects-syntax/);
    checkInvalid(rule, fakeTests(rule), { ...c, allowAfterFix: ['objects-syntax'] });
  });
  it('passes a fix that removes its diagnostic and adds nothing', () => {
    const rule = fakeRule((v) => JSON.stringify(v.replace(/x/g, 'y')));
    checkInvalid(rule, fakeTests(rule), {
      manifest: withName('⟦"/xx"⟧'),
      message: 'name `/xx`',
      fixes: [{ title: 'fix it', output: withName('"/yy"') }],
    });
  });
  it('fails a valid case that the rule reports, or that has another error or warning', () => {
    assert.throws(
      () => checkValid(providerName, tests, bad.replace(/[⟦⟧]/g, '')),
      /reported on a valid case/,
    );
    const other = secretProviderClass({ objects: '- objectName: "/a"' });
    assert.throws(() => checkValid(providerName, tests, other), /no other error or warning/);
    checkValid(providerName, tests, { manifest: other, allow: ['object-type-missing'] });
    // hints and information are fine
    checkValid(providerName, tests, secretProviderClass({ region: null }));
  });
  it('checks every file of a multi-file case', () => {
    const rule = ALL_RULES.find((r) => r.meta.code === 'class-not-found') as Rule;
    const files = {
      'class.yaml': secretProviderClass({ name: 'app-secrets' }),
      'pod.yaml': WORKLOADS.Pod?.({ volumes: [{ className: '⟦app-secret⟧' }] }) ?? '',
    };
    checkInvalid(rule, tests, {
      files,
      message: /^No SecretProviderClass named `app-secret` in the analysed files; did you mean `app-secrets`/,
      fixes: [
        {
          title: 'Use class app-secrets',
          output: (files['pod.yaml'] as string).replace(/⟦app-secret⟧/, 'app-secrets'),
        },
      ],
    });
    assert.throws(
      () =>
        checkInvalid(rule, tests, {
          files: { ...files, 'pod.yaml': files['pod.yaml'].replace(/[⟦⟧]/g, '') },
          message: /x/,
        }),
      /marks 0 spans/,
    );
  });
});
