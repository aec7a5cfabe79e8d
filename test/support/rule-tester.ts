// The rule tester: one call per rule, with valid manifests (near misses) and invalid ones whose
// expected diagnostics are marked in the text, in the manner of eslint's RuleTester and biome's
// snapshot tests.
//
//   ruleTester.run(rule, {
//     valid: [manifest, { manifest, secrets, catalog }, { files: { 'a.yaml': ..., 'b.yaml': ... } }],
//     invalid: [{ manifest: 'x: ⟦bad⟧', message: '...', fixes: [{ title: '...', output: 'x: good' }] }],
//   });
//
// Every manifest is analysed with every rule, as the editor does (analyzeWorkspace). The tester checks:
// - valid: no diagnostic of the rule, and no error or warning of any other rule (unless `allow`ed);
// - invalid: the rule reports exactly the ⟦ ⟧ spans (in every file), each with its message (exact text
//   or a pattern), its severity (the rule's default unless given), its related locations (⟪ ⟫, when the
//   case marks them) and exactly the fixes listed (none when none are listed);
// - every fix: its edits applied give `output`; the fixed files analysed again no longer have that
//   diagnostic, have no new diagnostic of the rule, and no new error or warning of any other rule
//   (unless `allowAfterFix`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileAnalysis, SourceFile } from '../../server/src/core/analyze';
import { ruleByCode } from '../../server/src/core/rules/registry';
import type { Rule } from '../../server/src/core/rules/rule';
import type { Diagnostic, FixData, Severity, Span } from '../../server/src/core/types';
import { analyze, MANIFEST_ID, type LookupOptions } from './analysis';
import { applyFix } from './edits';
import { hasMarkers, markup, unmark } from './markers';

interface CaseBase extends LookupOptions {
  /** shown in the test's name */
  name?: string;
  /** one manifest, analysed as `manifest.yaml` */
  manifest?: string;
  /** several files analysed together (file id -> text), for rules that link files */
  files?: Record<string, string>;
}

export interface ValidCaseObject extends CaseBase {
  /** codes of other rules whose errors or warnings this case expects */
  allow?: string[];
}

export type ValidCase = string | ValidCaseObject;

export interface ExpectedFix {
  title: string | RegExp;
  /** the whole text of the diagnostic's file after the fix */
  output: string;
  safeForFixAll?: boolean;
}

export interface ExpectedDiagnostic {
  /** the exact message, or a pattern it must match */
  message: string | RegExp;
  /** default: the rule's severity */
  severity?: Severity;
  /** exactly the diagnostic's fixes, in order; omitted: the diagnostic must have none */
  fixes?: ExpectedFix[];
  /** messages of the related locations (whose spans are the ⟪ ⟫ markers, when the case has any) */
  related?: (string | RegExp)[];
}

export interface InvalidCase extends CaseBase, Partial<ExpectedDiagnostic> {
  /** one per ⟦ ⟧ marker, in order (files in the order given); or give `message` etc. for a single one */
  errors?: ExpectedDiagnostic[];
  /** codes of other rules whose errors or warnings may appear once a fix is applied */
  allowAfterFix?: string[];
}

export interface RuleTests {
  valid: ValidCase[];
  invalid: InvalidCase[];
  /** defaults for every case (a case's own `secrets` / `catalog` replace them) */
  secrets?: LookupOptions['secrets'];
  catalog?: LookupOptions['catalog'];
  /** the rules to analyse with (default: every registered rule; the tester's own tests add broken ones) */
  rules?: LookupOptions['rules'];
}

interface MarkedFile {
  id: string;
  text: string;
  spans: Span[];
  related: Span[];
}

function caseFiles(c: CaseBase): MarkedFile[] {
  if ((c.manifest === undefined) === (c.files === undefined))
    throw new Error('a case needs exactly one of `manifest` and `files`');
  const input =
    c.manifest !== undefined ? { [MANIFEST_ID]: c.manifest } : (c.files as Record<string, string>);
  return Object.entries(input).map(([id, marked]) => {
    const m = unmark(marked);
    if (m.carets.length) throw new Error('a rule test marks spans (⟦ ⟧, ⟪ ⟫), not carets');
    return { id, text: m.text, spans: m.spans, related: m.related };
  });
}

function lookups(c: CaseBase, tests: RuleTests): LookupOptions {
  const o: LookupOptions = {};
  const secrets = c.secrets ?? tests.secrets;
  const catalog = c.catalog ?? tests.catalog;
  if (secrets) o.secrets = secrets;
  if (catalog) o.catalog = catalog;
  if (tests.rules) o.rules = tests.rules;
  return o;
}

function firstLine(c: CaseBase): string {
  const text = c.manifest ?? Object.keys(c.files ?? {}).join(', ');
  const interesting = text.split('\n').find((l) => /[⟦⟪]/.test(l)) ?? '';
  return interesting.trim().slice(0, 60);
}

const label = (d: Diagnostic) => `${d.code} (${d.severity}): ${d.message}`;

function assertText(actual: string, expected: string | RegExp, what: string): void {
  if (typeof expected === 'string') assert.equal(actual, expected, what);
  else assert.match(actual, expected, what);
}

/** Errors and warnings as comparable keys: code, message and the text they cover. */
function keyOf(d: Diagnostic, text: string): string {
  return `${d.code}\u0000${d.message}\u0000${text.slice(d.span.start, d.span.end)}`;
}

function countKeys(results: FileAnalysis[], keep: (d: Diagnostic) => boolean): Map<string, number> {
  const m = new Map<string, number>();
  for (const fa of results)
    for (const d of fa.diagnostics)
      if (keep(d)) {
        const k = `${fa.id}\u0000${keyOf(d, fa.text)}`;
        m.set(k, (m.get(k) ?? 0) + 1);
      }
  return m;
}

export function checkValid(rule: Rule, tests: RuleTests, vc: ValidCase): void {
  const c: ValidCaseObject = typeof vc === 'string' ? { manifest: vc } : vc;
  const files = caseFiles(c);
  for (const f of files)
    assert.ok(f.spans.length === 0 && f.related.length === 0, `a valid case has no markers (${f.id})`);
  const results = analyze(
    files.map((f) => ({ id: f.id, text: f.text })),
    lookups(c, tests),
  );
  const code = rule.meta.code;
  const allow = new Set(c.allow ?? []);
  for (const fa of results) {
    const own = fa.diagnostics.filter((d) => d.code === code);
    assert.deepEqual(own.map(label), [], `${fa.id}: ${code} reported on a valid case`);
    const others = fa.diagnostics.filter(
      (d) => d.code !== code && (d.severity === 'error' || d.severity === 'warning') && !allow.has(d.code),
    );
    assert.deepEqual(others.map(label), [], `${fa.id}: a valid case has no other error or warning`);
  }
}

function expectedOf(ic: InvalidCase): ExpectedDiagnostic[] {
  const single = ic.message !== undefined;
  if (single === (ic.errors !== undefined))
    throw new Error('an invalid case gives either `message` (one diagnostic) or `errors`');
  if (ic.errors) {
    if (ic.fixes || ic.severity || ic.related) throw new Error('with `errors`, give fixes etc. per error');
    return ic.errors;
  }
  const e: ExpectedDiagnostic = { message: ic.message as string | RegExp };
  if (ic.severity) e.severity = ic.severity;
  if (ic.fixes) e.fixes = ic.fixes;
  if (ic.related) e.related = ic.related;
  return [e];
}

function checkRelated(d: Diagnostic, exp: ExpectedDiagnostic, file: MarkedFile, files: MarkedFile[]): void {
  const marked = files.flatMap((f) =>
    f.related.map((span) => ({ fileId: f.id === file.id ? undefined : f.id, span })),
  );
  const actual = d.related ?? [];
  if (marked.length > 0) {
    const show = (r: { fileId?: string | undefined; span: Span }) =>
      `${r.fileId ?? file.id}@${r.span.start}-${r.span.end}`;
    const relatedText = (r: { fileId?: string | undefined; span: Span }) => {
      const f = files.find((x) => x.id === (r.fileId ?? file.id));
      return f ? markup(f.text, [], [r.span]) : `(no file ${r.fileId})`;
    };
    assert.deepEqual(
      actual.map((r) => relatedText(r)).sort(),
      marked.map((r) => relatedText(r)).sort(),
      `related locations of ${label(d)}: ${actual.map(show).join(', ')}`,
    );
  }
  if (exp.related) {
    assert.equal(actual.length, exp.related.length, `number of related locations of ${label(d)}`);
    exp.related.forEach((m, i) =>
      assertText((actual[i] as { message: string }).message, m, 'related message'),
    );
  }
}

function checkFix(
  rule: Rule,
  tests: RuleTests,
  ic: InvalidCase,
  files: MarkedFile[],
  before: FileAnalysis[],
  file: MarkedFile,
  d: Diagnostic,
  fix: FixData,
  exp: ExpectedFix,
): void {
  assertText(fix.title, exp.title, 'fix title');
  if (exp.safeForFixAll !== undefined)
    assert.equal(fix.safeForFixAll ?? false, exp.safeForFixAll, `safeForFixAll of "${fix.title}"`);
  assert.ok(!hasMarkers(exp.output), 'a fix output has no markers');
  const output = applyFix(file.text, fix);
  assert.equal(output, exp.output, `the text after "${fix.title}"`);
  const fixedSources: SourceFile[] = files.map((f) => ({
    id: f.id,
    text: f.id === file.id ? output : f.text,
  }));
  const after = analyze(fixedSources, lookups(ic, tests));
  const code = rule.meta.code;
  // This rule: what remains is what was there before, less the fixed diagnostic.
  const expectedOwn = countKeys(before, (x) => x.code === code);
  const fixedKey = `${file.id}\u0000${keyOf(d, file.text)}`;
  expectedOwn.set(fixedKey, (expectedOwn.get(fixedKey) ?? 1) - 1);
  const afterOwn = countKeys(after, (x) => x.code === code);
  for (const [k, n] of afterOwn) {
    const [fileId, , message, covered] = k.split('\u0000');
    assert.ok(
      n <= (expectedOwn.get(k) ?? 0),
      `after "${fix.title}", ${code} still (or newly) reports in ${fileId} at ${JSON.stringify(covered)}: ${message}`,
    );
  }
  // Other rules: no new error or warning.
  const allow = new Set(ic.allowAfterFix ?? []);
  const serious = (x: Diagnostic) =>
    x.code !== code && (x.severity === 'error' || x.severity === 'warning') && !allow.has(x.code);
  const beforeOthers = countKeys(before, serious);
  for (const [k, n] of countKeys(after, serious)) {
    const [fileId, otherCode, message, covered] = k.split('\u0000');
    assert.ok(
      n <= (beforeOthers.get(k) ?? 0),
      `after "${fix.title}", a new ${otherCode} in ${fileId} at ${JSON.stringify(covered)}: ${message}`,
    );
  }
}

export function checkInvalid(rule: Rule, tests: RuleTests, ic: InvalidCase): void {
  const files = caseFiles(ic);
  const expected = expectedOf(ic);
  const marks = files.reduce((n, f) => n + f.spans.length, 0);
  assert.equal(
    marks,
    expected.length,
    `the case marks ${marks} spans (⟦ ⟧) for ${expected.length} diagnostics`,
  );
  const relatedMarks = files.reduce((n, f) => n + f.related.length, 0);
  if (relatedMarks > 0 && expected.length !== 1)
    throw new Error('related markers (⟪ ⟫) need a case with exactly one diagnostic');
  const results = analyze(
    files.map((f) => ({ id: f.id, text: f.text })),
    lookups(ic, tests),
  );
  const code = rule.meta.code;
  // Exact spans, file by file, shown as the marked text so that a failure reads as a diff.
  const actualByFile = new Map<string, Diagnostic[]>();
  for (const fa of results)
    actualByFile.set(
      fa.id,
      fa.diagnostics.filter((d) => d.code === code),
    );
  const render = (spansOf: (f: MarkedFile) => Span[]) =>
    files
      .filter((f) => files.length === 1 || spansOf(f).length > 0)
      .map((f) => (files.length === 1 ? '' : `# ${f.id}\n`) + markup(f.text, spansOf(f)))
      .join('\n');
  const actualMarked = render((f) => (actualByFile.get(f.id) ?? []).map((d) => d.span));
  const expectedMarked = render((f) => f.spans);
  const all = [...actualByFile.values()].flat();
  assert.equal(
    actualMarked,
    expectedMarked,
    `${code} spans (messages: ${all.map((d) => d.message).join(' | ')})`,
  );
  // (the rendering cannot tell nested from crossing spans: compare the offsets too)
  for (const f of files)
    assert.deepEqual(
      (actualByFile.get(f.id) ?? []).map((d) => d.span),
      f.spans,
      `${code} spans in ${f.id}`,
    );

  let i = 0;
  for (const f of files) {
    for (const d of actualByFile.get(f.id) ?? []) {
      const exp = expected[i++] as ExpectedDiagnostic;
      assertText(
        d.message,
        exp.message,
        `message of ${code} at ${JSON.stringify(f.text.slice(d.span.start, d.span.end))}`,
      );
      assert.equal(d.severity, exp.severity ?? rule.meta.severity, `severity of ${code}: ${d.message}`);
      checkRelated(d, exp, f, files);
      const fixes = d.fixes ?? [];
      const want = exp.fixes ?? [];
      assert.equal(
        fixes.length,
        want.length,
        `number of fixes of ${code} (${JSON.stringify(fixes.map((x) => x.title))}): ${d.message}`,
      );
      fixes.forEach((fix, j) => checkFix(rule, tests, ic, files, results, f, d, fix, want[j] as ExpectedFix));
    }
  }
}

function caseName(kind: string, i: number, c: ValidCase | InvalidCase): string {
  const obj = typeof c === 'string' ? undefined : c;
  return `${kind} ${i + 1}${obj?.name ? `: ${obj.name}` : obj ? `: ${firstLine(obj)}` : ''}`;
}

export const ruleTester = {
  run(rule: Rule, tests: RuleTests): void {
    const code = rule.meta.code;
    describe(`rule ${code}`, () => {
      it('is the registered rule of its code, tested with valid and invalid cases', () => {
        assert.equal(ruleByCode(code), rule, `${code} is in the registry`);
        assert.ok(tests.valid.length > 0, 'at least one valid case (a near miss)');
        assert.ok(tests.invalid.length > 0, 'at least one invalid case');
      });
      tests.valid.forEach((c, i) => it(caseName('valid', i, c), () => checkValid(rule, tests, c)));
      tests.invalid.forEach((c, i) => it(caseName('invalid', i, c), () => checkInvalid(rule, tests, c)));
    });
  },
};
