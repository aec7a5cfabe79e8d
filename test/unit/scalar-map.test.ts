import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isScalar, parseAllDocuments, parseDocument, visit } from 'yaml';
import type { Document, Scalar } from 'yaml';
import { composeScalarMaps, mapScalar, mapScalarSource } from '../../server/src/core/scalar-map';
import type { ScalarMap } from '../../server/src/core/scalar-map';

// ---------------------------------------------------------------------------------------------------
// helpers

const opts = { keepSourceTokens: true } as const;

function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 0;
  let ls = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    ls = i + 1;
  }
  return { line, col: offset - ls };
}

function docs(text: string): Document.Parsed[] {
  const all = parseAllDocuments(text, opts);
  assert.ok(Array.isArray(all), 'expected documents');
  for (const d of all) assert.deepEqual(d.errors, [], `parse errors in ${JSON.stringify(text)}`);
  return all;
}

function scalarAt(doc: Document.Parsed, path: (string | number)[]): Scalar {
  const node: unknown = doc.getIn(path, true);
  assert.ok(isScalar(node), `no scalar at ${path.join('.')}`);
  return node;
}

function scalars(doc: Document): Scalar[] {
  const out: Scalar[] = [];
  visit(doc, {
    Scalar(_k, n) {
      out.push(n);
    },
  });
  return out;
}

/** Offset of the n-th (0-based) occurrence of `needle` in `text` at or after `from`. */
function nth(text: string, needle: string, n = 0, from = 0): number {
  let at = text.indexOf(needle, from);
  for (let k = 0; k < n && at !== -1; k++) at = text.indexOf(needle, at + 1);
  assert.ok(at !== -1, `${JSON.stringify(needle)} #${n} not found`);
  return at;
}

const eols = [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
] as const;

/**
 * The decoded `needle` (n-th occurrence in m.value) must map to the n-th occurrence of `outer` (default:
 * the needle itself) in the text, searched from the start of the scalar: same line AND column, and the
 * decoded span must cover exactly the outer span when the needle is verbatim.
 */
function expectAt(text: string, m: ScalarMap, needle: string, n = 0, outer = needle): void {
  const i = nth(m.value, needle, n);
  const want = nth(text, outer, n, m.whole.start);
  assert.deepEqual(
    lineCol(text, m.toSource(i)),
    lineCol(text, want),
    `position of ${JSON.stringify(needle)} #${n}`,
  );
  if (outer === needle)
    assert.deepEqual(m.spanToSource(i, i + needle.length), { start: want, end: want + needle.length });
}

/** Maps the inner YAML of an outer scalar; returns the composed maps of all inner scalars. */
function innerMaps(outer: ScalarMap): { node: Scalar; map: ScalarMap }[] {
  const inner = parseDocument(outer.value, opts);
  assert.deepEqual(inner.errors, [], `inner YAML errors in ${JSON.stringify(outer.value)}`);
  return scalars(inner).map((node) => {
    const im = mapScalar(outer.value, node);
    assert.ok(im.exact, `inner scalar ${JSON.stringify(node.source)} not exact`);
    return { node, map: composeScalarMaps(outer, im) };
  });
}

function innerScalar(list: { node: Scalar; map: ScalarMap }[], source: string, n = 0): ScalarMap {
  const found = list.filter((x) => x.node.source === source);
  const hit = found[n];
  assert.ok(hit, `inner scalar ${JSON.stringify(source)} #${n} not found`);
  return hit.map;
}

// ---------------------------------------------------------------------------------------------------
// golden tests: inner YAML positions in the outer file

const SPC_HEAD = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app
spec:
  provider: aws
  parameters:
`;

describe('golden: objects as block literal', () => {
  for (const [name, eol] of eols) {
    test(`| with tab and multi-byte text (${name})`, () => {
      const text = (
        SPC_HEAD +
        `    objects: |
      - objectName: "/test/parameter"
        objectType: "ssmparameter"
        objectAlias:\t"秘密😀key"
      - objectName: "MySecret"
        objectType: secretsmanager
`
      ).replaceAll('\n', eol);
      const [doc] = docs(text);
      assert.ok(doc);
      const node = scalarAt(doc, ['spec', 'parameters', 'objects']);
      assert.equal(node.type, 'BLOCK_LITERAL');
      const m = mapScalar(text, node);
      assert.ok(m.exact);
      assert.equal(m.value, node.value);
      // hand-checked golden positions (0-based line / column in the outer file)
      const i = m.value.indexOf('objectType');
      assert.deepEqual(lineCol(text, m.toSource(i)), { line: 9, col: 8 });
      assert.deepEqual(lineCol(text, m.toSource(m.value.indexOf('key"'))), { line: 10, col: 26 });
      assert.deepEqual(lineCol(text, m.toSource(m.value.indexOf('\t'))), { line: 10, col: 20 });
      // decoded \n maps to the start of the line break (the \r of CRLF)
      const nl = m.value.indexOf('\n');
      assert.equal(text.slice(m.toSource(nl), m.toSource(nl) + eol.length), eol);
      assert.deepEqual(m.spanToSource(nl, nl + 1), {
        start: m.toSource(nl),
        end: m.toSource(nl) + eol.length,
      });
      expectAt(text, m, 'objectType', 0);
      expectAt(text, m, 'objectType', 1);
      expectAt(text, m, '秘密😀key');
      expectAt(text, m, 'secretsmanager');
      // the surrogate halves map one-to-one
      const e = m.value.indexOf('😀');
      assert.equal(m.toSource(e + 1), m.toSource(e) + 1);
      assert.equal(text[m.toSource(e + 1)], m.value[e + 1]);
      // composed with the inner parse
      const inner = innerMaps(m);
      const objectType = innerScalar(inner, 'objectType', 1);
      assert.deepEqual(lineCol(text, objectType.toSource(0)), { line: 12, col: 8 });
      const path = innerScalar(inner, '/test/parameter');
      assert.deepEqual(lineCol(text, path.toSource(0)), { line: 8, col: 21 });
      assert.deepEqual(path.whole, {
        start: nth(text, '"/test/parameter"'),
        end: nth(text, '"/test/parameter"') + 17,
      });
      const alias = innerScalar(inner, '秘密😀key');
      assert.equal(alias.toSource(4), nth(text, 'key"'));
    });

    test(`|- with header comment and leading blank lines (${name})`, () => {
      const text = (
        SPC_HEAD +
        `    objects: |- # the objects, as YAML
      ${''}
   ${''}

      - objectName: "a"
        objectType: "secretsmanager"
    region: us-east-1
`
      ).replaceAll('\n', eol);
      const [doc] = docs(text);
      assert.ok(doc);
      const m = mapScalar(text, scalarAt(doc, ['spec', 'parameters', 'objects']));
      assert.ok(m.exact);
      assert.ok(m.value.startsWith('\n\n\n- objectName'), JSON.stringify(m.value));
      assert.ok(m.value.endsWith('"secretsmanager"'));
      expectAt(text, m, 'objectName');
      expectAt(text, m, 'secretsmanager');
      // leading blank lines: each newline maps to its own line break
      assert.deepEqual(lineCol(text, m.toSource(0)), { line: 8, col: 6 });
      assert.deepEqual(lineCol(text, m.toSource(1)), { line: 9, col: 3 });
      assert.deepEqual(lineCol(text, m.toSource(2)), { line: 10, col: 0 });
      assert.deepEqual(m.whole, { start: nth(text, '|-'), end: nth(text, '    region') });
      const inner = innerMaps(m);
      assert.deepEqual(lineCol(text, innerScalar(inner, 'objectType').toSource(0)), { line: 12, col: 8 });
    });

    test(`|+ keeps trailing lines, in the second document (${name})`, () => {
      const text = (
        `kind: ConfigMap
data: {a: b}
---
` +
        SPC_HEAD +
        `    objects: |+
      - objectName: "x"
        objectType: ssmparameter


---
kind: Other
`
      ).replaceAll('\n', eol);
      const all = docs(text);
      const doc = all[1];
      assert.ok(doc);
      const m = mapScalar(text, scalarAt(doc, ['spec', 'parameters', 'objects']));
      assert.ok(m.exact);
      assert.ok(m.value.endsWith('ssmparameter\n\n\n'));
      expectAt(text, m, 'ssmparameter');
      const last = m.value.length - 1;
      assert.equal(text.slice(m.toSource(last), m.toSource(last) + eol.length), eol);
      assert.deepEqual(lineCol(text, m.toSource(last)), { line: 14, col: 0 });
      assert.deepEqual(lineCol(text, m.toSource(m.value.length)), { line: 15, col: 0 });
      const inner = innerMaps(m);
      assert.deepEqual(lineCol(text, innerScalar(inner, 'x').toSource(0)), { line: 11, col: 21 });
    });

    for (const header of ['|2', '|2-', '|-2']) {
      test(`${header} explicit indentation, deep in a List (${name})`, () => {
        const text = `apiVersion: v1
kind: List
items:
  - apiVersion: secrets-store.csi.x-k8s.io/v1
    kind: SecretProviderClass
    spec:
      parameters:
        objects: ${header}

            - objectName: "deep"
              objectType: "secretsmanager"
        usePodIdentity: "true"
`.replaceAll('\n', eol);
        const [doc] = docs(text);
        assert.ok(doc);
        const node = scalarAt(doc, ['items', 0, 'spec', 'parameters', 'objects']);
        const m = mapScalar(text, node);
        assert.ok(m.exact);
        assert.ok(m.value.startsWith('\n  - objectName'), JSON.stringify(m.value));
        assert.deepEqual(lineCol(text, m.toSource(m.value.indexOf('objectType'))), { line: 10, col: 14 });
        // the two spaces beyond the explicit indentation are content and map to columns 10 and 11
        assert.deepEqual(lineCol(text, m.toSource(1)), { line: 9, col: 10 });
        const inner = innerMaps(m);
        assert.deepEqual(lineCol(text, innerScalar(inner, 'deep').toSource(0)), { line: 9, col: 27 });
        // same result without a node, inferring the parent indentation from the header's line
        const raw = mapScalarSource(text, m.whole.start, m.whole.end, 'BLOCK_LITERAL');
        assert.ok(raw?.exact);
        assert.equal(raw.value, m.value);
        assert.equal(raw.toSource(1), m.toSource(1));
      });
    }
  }
});

describe('golden: objects as block folded', () => {
  for (const [name, eol] of eols) {
    test(`> folds text lines, keeps more-indented and blank lines (${name})`, () => {
      const text = (
        SPC_HEAD +
        `    objects: >
      - objectName:
      "folded value"
        objectType: "b"
      - objectName: c

      \t# tab comment
`
      ).replaceAll('\n', eol);
      const [doc] = docs(text);
      assert.ok(doc);
      const node = scalarAt(doc, ['spec', 'parameters', 'objects']);
      assert.equal(node.type, 'BLOCK_FOLDED');
      const m = mapScalar(text, node);
      assert.ok(m.exact);
      assert.equal(
        m.value,
        '- objectName: "folded value"\n  objectType: "b"\n- objectName: c\n\n\t# tab comment\n',
      );
      // the folded space maps to the line break after "objectName:"
      const sp = m.value.indexOf(' "folded');
      assert.equal(m.toSource(sp), nth(text, eol, 0, nth(text, '- objectName:')));
      assert.deepEqual(lineCol(text, m.toSource(sp)), { line: 8, col: 19 });
      expectAt(text, m, '"folded value"');
      expectAt(text, m, 'objectType: "b"');
      expectAt(text, m, '\t# tab');
      const inner = innerMaps(m);
      assert.deepEqual(lineCol(text, innerScalar(inner, 'folded value').toSource(0)), { line: 9, col: 7 });
      assert.deepEqual(lineCol(text, innerScalar(inner, 'b').toSource(0)), { line: 10, col: 21 });
    });

    test(`>- folded flow YAML (${name})`, () => {
      const text = (
        SPC_HEAD +
        `    objects: >-
      [{objectName: "/test/parameter",
      objectType: "ssmparameter"},

      {objectName: "x", objectType: secretsmanager}]
`
      ).replaceAll('\n', eol);
      const [doc] = docs(text);
      assert.ok(doc);
      const m = mapScalar(text, scalarAt(doc, ['spec', 'parameters', 'objects']));
      assert.ok(m.exact);
      assert.equal(
        m.value,
        '[{objectName: "/test/parameter", objectType: "ssmparameter"},\n{objectName: "x", objectType: secretsmanager}]',
      );
      expectAt(text, m, 'objectType', 0);
      expectAt(text, m, 'objectType', 1);
      // the kept newline maps to the break ending the blank line
      const nl = m.value.indexOf('\n');
      assert.deepEqual(lineCol(text, m.toSource(nl)), { line: 10, col: 0 });
      const inner = innerMaps(m);
      assert.deepEqual(lineCol(text, innerScalar(inner, 'secretsmanager').toSource(0)), {
        line: 11,
        col: 36,
      });
    });
  }
});

describe('golden: objects as flow scalars', () => {
  for (const [name, eol] of eols) {
    test(`double-quoted with escapes and line continuation (${name})`, () => {
      const text = (
        SPC_HEAD +
        `    objects: "- objectName: \\"/test/parameter\\"\\n  objectType: \\"ssmparameter\\"\\n\\
      - objectName: \\"\\u00e9t\\u00E9\\U0001F600\\"\\n\\
      \\  objectType: secretsmanager\\n\\t# tab\\x41"
`
      ).replaceAll('\n', eol);
      const [doc] = docs(text);
      assert.ok(doc);
      const node = scalarAt(doc, ['spec', 'parameters', 'objects']);
      assert.equal(node.type, 'QUOTE_DOUBLE');
      const m = mapScalar(text, node);
      assert.ok(m.exact);
      assert.equal(m.value, node.value);
      expectAt(text, m, 'objectType', 0);
      expectAt(text, m, 'objectType', 1);
      expectAt(text, m, 'secretsmanager');
      // escapes map to their backslash, spans cover the whole escape
      const e = m.value.indexOf('é');
      assert.equal(m.toSource(e), nth(text, '\\u00e9'));
      assert.deepEqual(m.spanToSource(e, e + 1), {
        start: nth(text, '\\u00e9'),
        end: nth(text, '\\u00e9') + 6,
      });
      const smile = m.value.indexOf('😀');
      assert.equal(m.toSource(smile), nth(text, '\\U0001F600'));
      assert.equal(m.toSource(smile + 1), nth(text, '\\U0001F600'));
      assert.equal(m.toSource(m.value.indexOf('A')), nth(text, '\\x41'));
      assert.equal(m.toSource(m.value.length), m.whole.end - 1);
      const inner = innerMaps(m);
      assert.deepEqual(lineCol(text, innerScalar(inner, 'objectType', 1).toSource(0)), { line: 9, col: 9 });
      const path = innerScalar(inner, '/test/parameter');
      assert.equal(path.toSource(0), nth(text, '/test/parameter'));
      assert.equal(path.whole.start, nth(text, '\\"/test'));
      const ete = innerScalar(inner, 'ét\u00e9😀');
      assert.equal(ete.toSource(1), nth(text, 't\\u00E9'));
    });

    test(`double-quoted multi-line folding (${name})`, () => {
      const text = (
        SPC_HEAD +
        `    objects: "[{objectName: a,   \t
      objectType: ssmparameter},

      \t {objectName: 😀b}]"
`
      ).replaceAll('\n', eol);
      const [doc] = docs(text);
      assert.ok(doc);
      const m = mapScalar(text, scalarAt(doc, ['spec', 'parameters', 'objects']));
      assert.ok(m.exact);
      assert.equal(m.value, '[{objectName: a, objectType: ssmparameter},\n{objectName: 😀b}]');
      const sp = m.value.indexOf(' objectType');
      assert.deepEqual(lineCol(text, m.toSource(sp)), { line: 7, col: 34 });
      assert.deepEqual(lineCol(text, m.toSource(m.value.indexOf('\n'))), { line: 9, col: 0 });
      expectAt(text, m, 'objectType');
      expectAt(text, m, '😀b');
      const inner = innerMaps(m);
      assert.deepEqual(lineCol(text, innerScalar(inner, '😀b').toSource(2)), { line: 10, col: 23 });
    });

    test(`single-quoted with '' and blank-line newlines (${name})`, () => {
      const text = (
        SPC_HEAD +
        `    objects: '[{objectName: ''/test/parameter'',  
      objectType: "ssmparameter"},

      {objectName: ''it''''s 中文''}]'
`
      ).replaceAll('\n', eol);
      const [doc] = docs(text);
      assert.ok(doc);
      const node = scalarAt(doc, ['spec', 'parameters', 'objects']);
      assert.equal(node.type, 'QUOTE_SINGLE');
      const m = mapScalar(text, node);
      assert.ok(m.exact);
      assert.equal(
        m.value,
        `[{objectName: '/test/parameter', objectType: "ssmparameter"},\n{objectName: 'it''s 中文'}]`,
      );
      expectAt(text, m, '/test/parameter');
      expectAt(text, m, 'objectType: "ssmparameter"');
      expectAt(text, m, '中文');
      const q = m.value.indexOf("'/test");
      assert.deepEqual(m.spanToSource(q, q + 1), {
        start: nth(text, "''/test"),
        end: nth(text, "''/test") + 2,
      });
      const inner = innerMaps(m);
      const path = innerScalar(inner, '/test/parameter');
      assert.deepEqual(lineCol(text, path.toSource(0)), { line: 7, col: 30 });
      const its = innerScalar(inner, "it's 中文");
      // the inner '' escape is itself written as '''' in the outer text
      assert.equal(its.toSource(2), nth(text, "''''s"));
      assert.equal(its.toSource(3), nth(text, 's 中文'));
    });

    test(`plain multi-line with tab, blank line and multi-byte text (${name})`, () => {
      const text = (
        SPC_HEAD +
        `    objects: first line
      second\tline with tab  
  ${''}
      third 中文 😀 end
    region: eu-west-1
`
      ).replaceAll('\n', eol);
      const [doc] = docs(text);
      assert.ok(doc);
      const node = scalarAt(doc, ['spec', 'parameters', 'objects']);
      assert.equal(node.type, 'PLAIN');
      const m = mapScalar(text, node);
      assert.ok(m.exact);
      assert.equal(m.value, 'first line second\tline with tab\nthird 中文 😀 end');
      expectAt(text, m, 'second\tline');
      expectAt(text, m, 'third 中文 😀 end');
      assert.deepEqual(lineCol(text, m.toSource(m.value.indexOf('end'))), { line: 10, col: 18 });
      assert.deepEqual(lineCol(text, m.toSource(m.value.indexOf('\n'))), { line: 9, col: 2 });
      assert.equal(m.toSource(m.value.length), nth(text, ' end') + 4);
    });
  }

  test('three levels: block literal > inner single-quoted > jmesPath double-quoted', () => {
    for (const [, eol] of eols) {
      const text = (
        SPC_HEAD +
        `    objects: |
      - objectName: "MySecret"
        objectType: secretsmanager
        jmesPath:
          - path: '"api-key"'
            objectAlias: key
`
      ).replaceAll('\n', eol);
      const [doc] = docs(text);
      assert.ok(doc);
      const outer = mapScalar(text, scalarAt(doc, ['spec', 'parameters', 'objects']));
      const inner = innerMaps(outer);
      const pathMap = innerScalar(inner, '"api-key"');
      const jmes = mapScalarSource(pathMap.value, 0, pathMap.value.length, 'QUOTE_DOUBLE');
      assert.ok(jmes?.exact);
      assert.equal(jmes.value, 'api-key');
      const all = composeScalarMaps(pathMap, jmes);
      assert.ok(all.exact);
      assert.equal(all.value, 'api-key');
      assert.deepEqual(lineCol(text, all.toSource(0)), { line: 11, col: 20 });
      assert.deepEqual(all.spanToSource(0, 7), {
        start: nth(text, 'api-key'),
        end: nth(text, 'api-key') + 7,
      });
      assert.deepEqual(all.whole, { start: nth(text, '"api-key"'), end: nth(text, '"api-key"') + 9 });
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// fallback: never a wrong position

describe('fallback', () => {
  const text = `a: plain value
b: 'single'
c: "double \\t x"
d: |
  literal
e: >-
  folded
  text
`;

  test('a node whose value was mutated falls back for every style', () => {
    const [doc] = docs(text);
    assert.ok(doc);
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      for (const mutate of [
        (v: string) => v + 'x',
        (v: string) => 'X' + v.slice(1),
        (v: string) => v.slice(1),
      ]) {
        const node = scalarAt(doc, [key]);
        const original = node.value;
        assert.equal(typeof original, 'string');
        assert.ok(mapScalar(text, node).exact, `${key} exact before mutation`);
        node.value = mutate(original as string);
        try {
          const m = mapScalar(text, node);
          assert.equal(m.exact, false, `${key} must fall back`);
          assert.equal(m.value, node.value);
          const range = node.range;
          assert.ok(range);
          assert.deepEqual(m.whole, { start: range[0], end: range[1] });
          for (let i = 0; i <= m.value.length; i++) assert.equal(m.toSource(i), range[0]);
          assert.deepEqual(m.spanToSource(1, 3), m.whole);
        } finally {
          node.value = original;
        }
      }
    }
  });

  test('value and source mutated together: only the comparison with the decoding can tell', () => {
    const [doc] = docs(text);
    assert.ok(doc);
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      const node = scalarAt(doc, [key]);
      const original = node.value as string;
      node.value = node.source = original.replace(/[a-z]/, 'Q');
      try {
        const m = mapScalar(text, node);
        assert.equal(m.exact, false, key);
        assert.equal(m.value, node.value);
        assert.equal(m.toSource(2), m.whole.start);
      } finally {
        node.value = node.source = original;
      }
    }
  });

  test('a mutated source string, a different text and a wrong style fall back', () => {
    const [doc] = docs(text);
    assert.ok(doc);
    const node = scalarAt(doc, ['c']);
    node.source = 'other';
    assert.equal(mapScalar(text, node).exact, false);
    node.source = node.value as string;
    assert.equal(mapScalar(text, node).exact, true);
    assert.equal(mapScalar(text.replace('double', 'dOuble'), node).exact, false);
    const range = node.range;
    assert.ok(range);
    const wrong = mapScalarSource(text, range[0], range[1], 'QUOTE_SINGLE');
    assert.equal(wrong?.exact, false);
    assert.equal(mapScalarSource(text, range[0], range[1], 'JSON' as Scalar.Type), null);
  });

  test('invalid escapes fall back (the library keeps them raw)', () => {
    const bad = 'k: "a\\qb \\x4G"\n';
    const all = parseAllDocuments(bad, opts);
    assert.ok(Array.isArray(all));
    const doc = all[0];
    assert.ok(doc);
    assert.ok(doc.errors.length > 0);
    const m = mapScalar(bad, scalarAt(doc, ['k']));
    assert.equal(m.exact, false);
    assert.equal(m.value, 'a\\qb \\x4G');
    assert.equal(m.toSource(3), 3);
  });

  test('an inexact inner map composes to the inner scalar span in the outer text', () => {
    const t = 'o: |\n  k: "v\\tw"\n';
    const [doc] = docs(t);
    assert.ok(doc);
    const outer = mapScalar(t, scalarAt(doc, ['o']));
    const innerDoc = parseDocument(outer.value, opts);
    const v = scalarAt(innerDoc, ['k']);
    v.value = 'changed';
    const composed = composeScalarMaps(outer, mapScalar(outer.value, v));
    assert.equal(composed.exact, false);
    assert.deepEqual(composed.whole, { start: nth(t, '"v'), end: nth(t, 'w"') + 2 });
    assert.equal(composed.toSource(3), nth(t, '"v'));
    assert.deepEqual(composed.spanToSource(0, 2), composed.whole);
  });
});

describe('edge cases', () => {
  test('empty values, clamping and reversed spans', () => {
    const t = 'a: ""\nb: \'\'\nc: |-\nd: |\n  x\ne: |+\n  y';
    const [doc] = docs(t);
    assert.ok(doc);
    const a = mapScalar(t, scalarAt(doc, ['a']));
    assert.ok(a.exact);
    assert.equal(a.toSource(0), 4);
    assert.deepEqual(a.spanToSource(0, 0), { start: 4, end: 4 });
    const b = mapScalar(t, scalarAt(doc, ['b']));
    assert.equal(b.toSource(0), 10);
    const c = mapScalar(t, scalarAt(doc, ['c']));
    assert.ok(c.exact);
    assert.equal(c.value, '');
    const d = mapScalar(t, scalarAt(doc, ['d']));
    assert.equal(d.value, 'x\n');
    assert.equal(d.toSource(-5), nth(t, 'x'));
    assert.equal(d.toSource(99), nth(t, 'x') + 2);
    assert.deepEqual(d.spanToSource(2, 0), { start: nth(t, 'x'), end: nth(t, 'x') + 2 });
    // keep chomping without a final line break: the added newline is zero-width at the end
    const e = mapScalar(t, scalarAt(doc, ['e']));
    assert.ok(e.exact);
    assert.equal(e.value, 'y\n');
    assert.deepEqual(e.spanToSource(1, 2), { start: t.length, end: t.length });
  });

  test('anchors, tags, non-string values, flow collections and complex keys', () => {
    const t =
      'a: &x !!str 12\nb: !custom "q\\tr"\nc: 0x1F\nd: [one\n  two, "th\\nree", {k: v  w}]\n? |\n  complex key\n: !!str >-\n  v\n';
    const [doc] = docs(t);
    assert.ok(doc);
    const all = scalars(doc);
    assert.equal(all.length, 13);
    for (const s of all) {
      const m = mapScalar(t, s);
      assert.ok(m.exact, String(s.source));
      assert.equal(m.value, typeof s.value === 'string' ? s.value : s.source);
      assert.equal(t.slice(m.whole.start, m.whole.end).length > 0, true);
    }
    const c = mapScalar(t, scalarAt(doc, ['c']));
    assert.equal(c.value, '0x1F');
    assert.equal(c.toSource(0), nth(t, '0x1F'));
    const two = mapScalar(t, scalarAt(doc, ['d', 0]));
    assert.equal(two.value, 'one two');
    assert.equal(two.toSource(4), nth(t, 'two'));
    assert.equal(two.toSource(3), nth(t, '\n  two'));
    const tag = mapScalar(t, scalarAt(doc, ['a']));
    assert.deepEqual(tag.whole, { start: nth(t, '12'), end: nth(t, '12') + 2 });
    const key = all.find((s) => s.source === 'complex key\n');
    assert.ok(key);
    assert.equal(mapScalar(t, key).toSource(8), nth(t, 'key'));
  });

  test('block header alone on its line: parent indentation read from the previous line', () => {
    const t = 'x:\n  - key:\n      # note\n      |1\n        foo\n';
    const [doc] = docs(t);
    assert.ok(doc);
    const node = scalarAt(doc, ['x', 0, 'key']);
    const range = node.range;
    assert.ok(range);
    const raw = mapScalarSource(t, range[0], range[1], 'BLOCK_LITERAL');
    assert.ok(raw?.exact);
    assert.equal(raw.value, node.value);
    assert.equal(raw.value, '   foo\n');
    assert.equal(raw.toSource(0), nth(t, '   foo'));
  });

  // Its speed is the fuzzer's and the bench's to measure (`npm run fuzz`, `npm run bench`).
  test('maps a large multi-line scalar exactly', () => {
    const lines = 40000;
    const t = `k: '${Array.from({ length: lines }, (_, i) => `line ${i} it''s`).join('\n   ')}'\n`;
    const [doc] = docs(t);
    assert.ok(doc);
    const node = scalarAt(doc, ['k']);
    const m = mapScalar(t, node);
    assert.ok(m.exact);
    assert.equal(t[m.toSource(m.value.lastIndexOf('line'))], 'l');
    assert.equal(m.toSource(m.value.indexOf('line 20000 ')), t.indexOf('line 20000 '));
  });
});

// ---------------------------------------------------------------------------------------------------
// property tests: generated scalars with known decoded values and source positions

/** Small seeded PRNG (mulberry32), so that failures are reproducible. */
class Rand {
  constructor(private seed: number) {}
  next(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    const x = xs[Math.floor(this.next() * xs.length)];
    if (x === undefined) throw new Error('empty pick');
    return x;
  }
}

/**
 * A scalar's source being written, with its expected decoded value: per decoded UTF-16 unit, the source
 * offset (relative to the scalar start) it must map to and whether it is a verbatim copy.
 */
class Enc {
  src = '';
  dec = '';
  readonly at: number[] = [];
  readonly verbatim: boolean[] = [];
  /** source only (quotes, indentation, trimmed white space, escaped line breaks) */
  raw(s: string): void {
    this.src += s;
  }
  /** verbatim content */
  lit(s: string): void {
    for (let k = 0; k < s.length; k++) {
      this.at.push(this.src.length + k);
      this.verbatim.push(true);
    }
    this.dec += s;
    this.src += s;
  }
  /** an escape: decoded text produced by the source text */
  esc(decoded: string, source: string): void {
    this.from(decoded, this.src.length);
    this.src += source;
  }
  /** decoded text produced by something at an earlier source offset (a line break) */
  from(decoded: string, offset: number): void {
    for (let k = 0; k < decoded.length; k++) {
      this.at.push(offset);
      this.verbatim.push(false);
    }
    this.dec += decoded;
  }
  /** a line break; returns its offset */
  brk(eol: string): number {
    const at = this.src.length;
    this.src += eol;
    return at;
  }
}

type FlowStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE';
const PLAIN_FIRST = ['a', 'b', 'k', 'X', 'Z', 'é', '中', '😀'];
// no white space inside words: '#' after white space would start a comment
const PLAIN_MORE = [
  'a',
  'z',
  '0',
  '9',
  '-',
  '.',
  '/',
  '_',
  '"',
  "'",
  '\\',
  '@',
  '%',
  '😀',
  '中',
  'é',
  ':x',
  '#',
];
const QUOTED = ['a', 'q', 'Z', '0', '-', '#', ':', '😀', '🔑', '中', 'é', 'Ω', '\t', ',', '[', '{'];
const SEPARATORS = [' ', ' ', '  ', '\t', ' \t '];
const SIMPLE_ESCAPES: [string, string][] = [
  ['\\n', '\n'],
  ['\\t', '\t'],
  ['\\\\', '\\'],
  ['\\"', '"'],
  ['\\/', '/'],
  ['\\0', '\0'],
  ['\\a', '\x07'],
  ['\\b', '\b'],
  ['\\e', '\x1b'],
  ['\\f', '\f'],
  ['\\r', '\r'],
  ['\\v', '\v'],
  ['\\N', '\u0085'],
  ['\\_', '\u00a0'],
  ['\\L', '\u2028'],
  ['\\P', '\u2029'],
  ['\\ ', ' '],
  ['\\\t', '\t'],
];

function randomCase(r: Rand, s: string): string {
  let out = '';
  for (const c of s) out += r.chance(0.5) ? c.toUpperCase() : c;
  return out;
}

function hexEscape(r: Rand): [string, string] {
  const kind = r.int(0, 2);
  const cp =
    kind === 0
      ? r.int(0, 0xff)
      : kind === 1
        ? r.pick([0xe9, 0x4e2d, 0x20ac, r.int(0x100, 0xd7ff)])
        : r.pick([0x1f600, 0x1f511, r.int(0x10000, 0x10ffff)]);
  const len = kind === 0 ? 2 : kind === 1 ? 4 : 8;
  return [
    '\\' + 'xuU'.charAt(kind) + randomCase(r, cp.toString(16).padStart(len, '0')),
    String.fromCodePoint(cp),
  ];
}

function word(r: Rand, style: FlowStyle, e: Enc): void {
  const n = r.int(1, 6);
  if (style === 'PLAIN') {
    e.lit(r.pick(PLAIN_FIRST));
    for (let k = 1; k < n; k++) e.lit(r.pick(PLAIN_MORE));
    return;
  }
  for (let k = 0; k < n; k++) {
    const edge = k === 0 || k === n - 1;
    const pool = edge ? QUOTED.slice(0, -4) : QUOTED;
    if (style === 'QUOTE_SINGLE') {
      if (r.chance(0.15)) e.esc("'", "''");
      else e.lit(r.pick([...pool, '"', '\\']));
    } else if (r.chance(0.3)) {
      const [source, decoded] = r.chance(0.6) ? r.pick(SIMPLE_ESCAPES) : hexEscape(r);
      e.esc(decoded, source);
    } else e.lit(r.pick([...pool, "'"]));
  }
}

/** A plain or quoted scalar; continuation lines are indented more than `ind`. */
function genFlow(r: Rand, style: FlowStyle, eol: string, ind: number, multiLine: boolean): Enc {
  const e = new Enc();
  const q = style === 'QUOTE_SINGLE' ? "'" : style === 'QUOTE_DOUBLE' ? '"' : '';
  e.raw(q);
  if (q && r.chance(0.05)) {
    e.raw(q);
    return e;
  }
  if (q && r.chance(0.2)) e.lit(r.pick([' ', '  ', '\t'])); // leading white space of the first line is content
  const lines = multiLine ? r.int(1, 4) : 1;
  for (let l = 0; l < lines; l++) {
    if (l > 0) {
      const indent = ' '.repeat(ind + r.int(1, 3)) + (r.chance(0.2) ? '\t' : '');
      if (style === 'QUOTE_DOUBLE' && r.chance(0.25)) {
        if (r.chance(0.5)) e.lit(r.pick([' ', '\t'])); // white space before an escaped line break is kept
        e.raw('\\');
        e.brk(eol);
        e.raw(indent);
      } else {
        if (r.chance(0.4)) e.raw(r.pick([' ', '\t', '  ', ' \t'])); // trimmed
        const first = e.brk(eol);
        const blanks: number[] = [];
        const k = r.chance(0.6) ? 0 : r.int(1, 2);
        for (let j = 0; j < k; j++) {
          e.raw(' '.repeat(r.int(0, ind + 2)));
          blanks.push(e.brk(eol));
        }
        e.raw(indent);
        if (k === 0) e.from(' ', first);
        else for (const b of blanks) e.from('\n', b);
      }
    }
    const words = r.int(1, 3);
    for (let w = 0; w < words; w++) {
      if (w > 0) e.lit(r.pick(SEPARATORS));
      word(r, style, e);
    }
  }
  if (q && multiLine && r.chance(0.15)) {
    // closing quote on its own line: the last line break folds to a space
    if (r.chance(0.5)) e.raw(r.pick([' ', '\t']));
    const b = e.brk(eol);
    e.raw(' '.repeat(ind + r.int(1, 3)));
    e.from(' ', b);
  } else if (q && r.chance(0.2)) e.lit(r.pick([' ', '\t '])); // before the closing quote: content
  e.raw(q);
  return e;
}

const BLOCK_WORDS = ['a', 'word', '#', ': ', '- ', '"', "'", '\\', '😀', '中文', 'é', 'x\ty', '{', '%'];

function blockText(r: Rand): string {
  const n = r.int(1, 4);
  let s = r.pick(BLOCK_WORDS.filter((w) => w[0] !== ' '));
  for (let k = 1; k < n; k++) s += r.pick([' ', '', '  ']) + r.pick(BLOCK_WORDS);
  if (r.chance(0.1)) s += ' ';
  return s.trimStart();
}

/** A block scalar for a key at column `ind` (also the library's parent indentation). */
function genBlock(r: Rand, folded: boolean, eol: string, ind: number, finalBreak: boolean): Enc {
  const e = new Enc();
  const chomp = r.pick(['', '-', '+']);
  const indent = ind + r.int(1, 3);
  const explicit = r.chance(0.4);
  const digit = String(indent - ind);
  e.raw((folded ? '>' : '|') + (explicit ? (r.chance(0.5) ? digit + chomp : chomp + digit) : chomp));
  if (r.chance(0.3)) e.raw(r.pick([' ', '\t', '  ']) + '# note\t😀 ' + r.pick(['', 'x']));
  e.brk(eol);
  let pending: number[] = []; // line breaks since the last content line
  let prev: 'none' | 'text' | 'spaced' = 'none';
  const blanks = (count: number): void => {
    for (let j = 0; j < count; j++) {
      e.raw(' '.repeat(r.int(0, indent)));
      pending.push(e.brk(eol));
    }
  };
  blanks(r.chance(0.7) ? 0 : r.int(1, 2));
  const lines = r.int(1, 5);
  for (let l = 0; l < lines; l++) {
    if (l > 0 && r.chance(0.25)) blanks(r.int(1, 2));
    let body: string;
    let kind: 'text' | 'spaced';
    const roll = r.next();
    // without an indicator, the first content line sets the indentation: no extra spaces there
    const autoFirst = l === 0 && !explicit;
    if (roll < (autoFirst ? 0.8 : 0.6)) {
      kind = 'text';
      body = blockText(r);
    } else if (roll < 0.8) {
      kind = 'spaced';
      body = ' '.repeat(r.int(1, 2)) + blockText(r);
    } else if (roll < 0.9 || l === 0) {
      kind = 'spaced';
      body = '\t' + blockText(r);
    } else {
      kind = 'spaced'; // more-indented line with only spaces
      body = ' '.repeat(r.int(1, 2));
    }
    e.raw(' '.repeat(indent));
    if (folded && prev === 'text' && kind === 'text') {
      if (pending.length === 1) e.from(' ', pending[0] as number);
      else for (const b of pending.slice(1)) e.from('\n', b);
    } else for (const b of pending) e.from('\n', b);
    pending = [];
    e.lit(body);
    prev = kind;
    if (l < lines - 1 || finalBreak) pending.push(e.brk(eol));
  }
  if (finalBreak) blanks(r.chance(0.5) ? 0 : r.int(1, 3));
  if (chomp === '+') {
    for (const b of pending) e.from('\n', b);
    if (pending.length === 0) e.from('\n', e.src.length);
  } else if (chomp === '') {
    e.from('\n', pending[0] ?? e.src.length);
  }
  return e;
}

const STYLES = ['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const;

interface GenCase {
  text: string;
  scalars: { start: number; enc: Enc; style: Scalar.Type }[];
}

/** A document (after 0-2 other documents) with `key: value` at column `ind`, maybe in a sequence. */
function genDoc(r: Rand): GenCase {
  const eol = r.chance(0.5) ? '\r\n' : '\n';
  let text = '';
  const scalarsOut: GenCase['scalars'] = [];
  for (let k = r.int(0, 2); k > 0; k--)
    text += r.pick(['a: 1', 'list: [x, y]', `"q": |${eol}  z${eol}`, '# only a comment']) + eol + '---' + eol;
  const ind = r.pick([0, 2, 4, 6, 10]);
  const seq = ind >= 2 && r.chance(0.4);
  const levels = seq ? ind / 2 - 1 : ind / 2;
  for (let l = 0; l < levels; l++) text += ' '.repeat(2 * l) + `p${l}:` + eol;
  text += seq ? ' '.repeat(ind - 2) + '- ' : ' '.repeat(ind);
  const keyStyle = r.pick(['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE'] as const);
  const key = genFlow(r, keyStyle, eol, ind, false);
  scalarsOut.push({ start: text.length, enc: key, style: keyStyle });
  text += key.src + ': ';
  const style = r.pick(STYLES);
  const last = r.chance(0.3);
  let value: Enc;
  if (style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED')
    value = genBlock(r, style === 'BLOCK_FOLDED', eol, ind, !last || r.chance(0.5));
  else value = genFlow(r, style, eol, ind, true);
  scalarsOut.push({ start: text.length, enc: value, style });
  text += value.src;
  if (style !== 'BLOCK_LITERAL' && style !== 'BLOCK_FOLDED') {
    text += r.pick(['', '', ' # trailing comment']);
    if (!last || r.chance(0.5)) text += eol;
  }
  if (!last) text += ' '.repeat(ind) + 'next: 1' + eol;
  return { text, scalars: scalarsOut };
}

function findScalar(text: string, start: number): Scalar {
  const all = parseAllDocuments(text, opts);
  assert.ok(Array.isArray(all));
  for (const d of all) {
    assert.deepEqual(d.errors, [], `generated YAML does not parse: ${JSON.stringify(text)}`);
    for (const s of scalars(d)) if (s.range?.[0] === start) return s;
  }
  assert.fail(`no scalar at ${start} in ${JSON.stringify(text)}`);
}

/** Checks a map against the expected positions; returns the problems found. */
function problems(text: string, m: ScalarMap, enc: Enc, start: number): string[] {
  const out: string[] = [];
  if (!m.exact) out.push('not exact');
  if (m.value !== enc.dec) out.push(`value ${JSON.stringify(m.value)} != ${JSON.stringify(enc.dec)}`);
  let prev = -1;
  for (let i = 0; i < enc.dec.length && out.length < 5; i++) {
    const s = m.toSource(i);
    if (s < prev) out.push(`not monotonic at ${i}`);
    prev = s;
    if (s !== start + (enc.at[i] as number))
      out.push(`index ${i} -> ${s}, want ${start + (enc.at[i] as number)}`);
    if (enc.verbatim[i] && text[s] !== m.value[i])
      out.push(`index ${i}: ${JSON.stringify(text[s])} != ${JSON.stringify(m.value[i])}`);
    const span = m.spanToSource(i, i + 1);
    if (span.start !== s || span.end < s || (enc.verbatim[i] && span.end !== s + 1)) out.push(`span of ${i}`);
  }
  const endPos = m.toSource(m.value.length);
  if (endPos < prev || endPos > m.whole.end) out.push(`end ${endPos} outside [${prev}, ${m.whole.end}]`);
  return out;
}

describe('property: generated scalars', () => {
  test('every decoded character maps to its source; exact for all supported styles', () => {
    const r = new Rand(20240611);
    const perStyle = new Map<string, number>();
    let checked = 0;
    for (let n = 0; n < 1500; n++) {
      const c = genDoc(r);
      for (const { start, enc, style } of c.scalars) {
        const node = findScalar(c.text, start);
        const label = `case ${n} ${style} in ${JSON.stringify(c.text)}`;
        assert.equal(node.type, style, label);
        // the generator's expected value agrees with the library (so the expected positions are meaningful)
        const lib = typeof node.value === 'string' ? node.value : node.source;
        assert.equal(lib, enc.dec, `generator/library mismatch, ${label}`);
        const m = mapScalar(c.text, node);
        assert.deepEqual(problems(c.text, m, enc, start), [], label);
        // the same without a node, with the token's indentation and with it inferred
        const range = node.range;
        assert.ok(range);
        const tok = node.srcToken;
        const indent = tok && 'indent' in tok ? tok.indent : undefined;
        for (const raw of [
          mapScalarSource(c.text, range[0], range[1], style, indent),
          mapScalarSource(c.text, range[0], range[1], style),
        ]) {
          assert.ok(raw, label);
          assert.deepEqual(problems(c.text, raw, enc, start), [], `mapScalarSource, ${label}`);
        }
        perStyle.set(style, (perStyle.get(style) ?? 0) + 1);
        checked += enc.dec.length;
      }
    }
    for (const s of STYLES) assert.ok((perStyle.get(s) ?? 0) > 100, `too few ${s} cases`);
    assert.ok(checked > 20000);
  });

  test('composed maps: inner YAML scalars map through an outer literal, double- or single-quoted scalar', () => {
    const r = new Rand(77);
    for (let n = 0; n < 400; n++) {
      const eol = r.chance(0.5) ? '\r\n' : '\n';
      // the inner document: k0: <scalar>\nk1: <scalar>...
      let inner = '';
      const values: { start: number; enc: Enc }[] = [];
      for (let k = r.int(1, 4) - 1; k >= 0; k--) {
        inner += `k${k}: `;
        const enc = genFlow(r, r.pick(['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE'] as const), '\n', 0, false);
        values.push({ start: inner.length, enc });
        inner += enc.src + '\n';
      }
      const outerStyle = r.pick(['BLOCK_LITERAL', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'] as const);
      if (outerStyle === 'QUOTE_SINGLE') inner = inner.slice(0, -1);
      // the outer scalar's source, with omap[j] = its source offset for inner index j
      const omap: number[] = [];
      let src = '';
      const indent = ' '.repeat(r.int(3, 6));
      if (outerStyle === 'BLOCK_LITERAL') {
        src = '|' + eol + indent;
        for (let j = 0; j < inner.length; j++) {
          omap.push(src.length);
          src += inner[j] === '\n' ? eol + (j + 1 < inner.length ? indent : '') : inner[j];
        }
      } else if (outerStyle === 'QUOTE_DOUBLE') {
        src = '"';
        for (let j = 0; j < inner.length; j++) {
          const ch = inner[j] as string;
          const cp = inner.codePointAt(j) as number;
          omap.push(src.length);
          if (ch === '\n') src += '\\n' + (r.chance(0.4) ? '\\' + eol + indent : '');
          else if (ch === '"' || ch === '\\') src += '\\' + ch;
          else if (ch === '\t') src += r.pick(['\\t', '\t']);
          else if (cp > 0x7f && r.chance(0.3)) {
            src +=
              cp > 0xffff
                ? '\\U' + cp.toString(16).padStart(8, '0')
                : '\\u' + cp.toString(16).padStart(4, '0');
            if (cp > 0xffff) omap.push(omap[omap.length - 1] as number);
            if (cp > 0xffff) j++;
          } else src += ch;
        }
        src += '"';
      } else {
        src = "'";
        for (let j = 0; j < inner.length; j++) {
          const ch = inner[j] as string;
          if (ch === '\n') {
            src += eol;
            omap.push(src.length); // the newline comes from the blank line's break
            src += eol + indent;
          } else {
            omap.push(src.length);
            src += ch === "'" ? "''" : ch;
          }
        }
        src += "'";
      }
      const text = `spec:${eol}  objects: ${src}${eol}`;
      const outerStart = text.indexOf(src);
      const node = findScalar(text, outerStart);
      const outer = mapScalar(text, node);
      const label = `case ${n} in ${JSON.stringify(text)}`;
      assert.ok(outer.exact, label);
      assert.equal(outer.value, inner, label);
      const innerDoc = parseDocument(outer.value, opts);
      assert.deepEqual(innerDoc.errors, [], label);
      for (const { start, enc } of values) {
        const innerNode = findScalar(outer.value, start);
        const im = mapScalar(outer.value, innerNode);
        assert.deepEqual(problems(outer.value, im, enc, start), [], label);
        const composed = composeScalarMaps(outer, im);
        assert.ok(composed.exact);
        for (let i = 0; i < enc.dec.length; i++) {
          const want = outerStart + (omap[start + (enc.at[i] as number)] as number);
          assert.equal(composed.toSource(i), want, `${label} inner index ${i}`);
        }
      }
    }
  });
});
