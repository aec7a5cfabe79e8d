// The fast paths of the analysis must give exactly the answers of the plain ones: document splitting
// without a RegExp walk, the line index updated after an edit, a file re-parsed from its previous
// parse, content results remembered per lookups, needs remembered per document.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap, isPair, isSeq, type Node, type Pair } from 'yaml';
import { needsOf } from '../../server/src/aws/needs';
import {
  analyzeWorkspace,
  DocumentCache,
  finishFile,
  parseFile,
  type FileAnalysis,
} from '../../server/src/core/analyze';
import { splitDocuments } from '../../server/src/core/parse';
import { spc, type SecretLookup } from '../../server/src/core/rules/rule';
import { commonPrefixLength, commonSuffixLength, LineIndex } from '../../server/src/core/text';
import { makeView } from '../../server/src/core/workspace';
import { Project } from '../../server/src/service/project';
import { generate } from '../../scripts/bench/generate';

/** xorshift32: reproducible "random" edits. */
function prng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

/** The splitting as it was first written, with a multiline RegExp: the reference. */
function splitReference(text: string): { start: number; end: number }[] {
  const hasContent = (start: number, end: number): boolean =>
    text
      .slice(start, end)
      .split('\n')
      .some((line) => {
        const t = line.trim();
        return t !== '' && !t.startsWith('#');
      });
  const segs: { start: number; end: number }[] = [];
  let segStart = 0;
  const re = /^(?:---|\.\.\.)(?=[ \t]|\r?\n|$)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '---') {
      if (hasContent(segStart, m.index)) {
        segs.push({ start: segStart, end: m.index });
        segStart = m.index;
      }
    } else {
      const lineEnd = text.indexOf('\n', m.index);
      const end = lineEnd === -1 ? text.length : lineEnd + 1;
      segs.push({ start: segStart, end });
      segStart = end;
    }
  }
  if (segStart < text.length || segs.length === 0) segs.push({ start: segStart, end: text.length });
  return segs;
}

/** Diagnostics, classes and mounts of an analysis, as comparable data. */
function facts(a: FileAnalysis): string {
  return JSON.stringify({ d: a.diagnostics, c: a.classes, m: a.mounts, s: a.skipped ?? null });
}

describe('splitDocuments', () => {
  it('finds the markers the multiline RegExp finds', () => {
    const atoms = ['---', '...', '----', '--- x', '...\n', '.', '-', '\n', '\r\n', '\r', '\u2028', '\u2029'];
    const more = [' ', '\t', '#', '# c', 'a: b', 'x', '\n---\n', '\n...\n', 'k: |\n  ---\n'];
    const all = [...atoms, ...more];
    const r = prng(11);
    for (let n = 0; n < 20000; n++) {
      let s = '';
      const k = Math.floor(r() * 14);
      for (let i = 0; i < k; i++) s += all[Math.floor(r() * all.length)];
      assert.deepEqual(splitDocuments(s), splitReference(s), JSON.stringify(s));
    }
  });
  it('splits a generated manifest as the RegExp does', () => {
    const text = generate(30, 5);
    assert.deepEqual(splitDocuments(text), splitReference(text));
    assert.equal(splitDocuments(text).length, 60);
  });
});

describe('line index after an edit', () => {
  it('matches a fresh index, and the prefix and suffix lengths match a naive scan', () => {
    const r = prng(5);
    for (let n = 0; n < 3000; n++) {
      let a = '';
      const len = Math.floor(r() * 3000);
      for (let i = 0; i < len; i++) a += 'ab\nc\r'[Math.floor(r() * 5)];
      const at = Math.floor(r() * (a.length + 1));
      const del = Math.floor(r() * Math.min(6, a.length - at + 1));
      let ins = '';
      for (let i = Math.floor(r() * 4); i > 0; i--) ins += 'a\nx'[Math.floor(r() * 3)];
      const b = a.slice(0, at) + ins + a.slice(at + del);
      let p = 0;
      while (p < Math.min(a.length, b.length) && a[p] === b[p]) p++;
      const max = Math.min(a.length, b.length) - p;
      let s = 0;
      while (s < max && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
      assert.equal(commonPrefixLength(a, b), p);
      assert.equal(commonSuffixLength(a, b, max), s);
      const edited = new LineIndex(a).edited(b, p, a.length - s, b.length - s);
      assert.deepEqual([...edited.lineStarts], [...new LineIndex(b).lineStarts]);
    }
  });
});

describe('a file parsed again from its previous parse', () => {
  const base = [
    '# leading comment joins the first document',
    generate(6, 4),
    '...',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: "{{ .Values.name }}"',
    'spec:',
    '  volumes:',
    '    - name: s',
    '      csi:',
    '        driver: secrets-store.csi.k8s.io',
    '        volumeAttributes:',
    '          secretProviderClass: missing-class',
    '---\r',
    spc('- objectName: "a/b"\r\n  objectType: secretsmanager'),
  ].join('\n');

  it('gives the analysis of a fresh parse after every edit, and reuses untouched documents', () => {
    const r = prng(3);
    const snippets = ['x', '\n', '---\n', '- ', ': ', '"', '#', '{{ x }}', '\u0000', '  ', 'objectName: q\n'];
    let text = base;
    const cache = new DocumentCache();
    let prev = parseFile('f.yaml', text, cache);
    for (let n = 0; n < 300; n++) {
      const at = Math.floor(r() * (text.length + 1));
      const del = r() < 0.5 ? 0 : Math.floor(r() * 8);
      const ins = r() < 0.3 ? '' : (snippets[Math.floor(r() * snippets.length)] as string);
      const next = text.slice(0, at) + ins + text.slice(at + del);
      const inc = parseFile('f.yaml', next, cache, undefined, prev);
      const fresh = parseFile('f.yaml', next);
      assert.equal(inc.skipped, fresh.skipped);
      assert.deepEqual(
        inc.placed.map((d) => [d.base, d.index, d.model.text]),
        fresh.placed.map((d) => [d.base, d.index, d.model.text]),
      );
      assert.deepEqual([...inc.lines.lineStarts], [...fresh.lines.lineStarts]);
      const view = (p: typeof inc) => makeView([{ id: p.id, docs: p.placed }]);
      assert.equal(facts(finishFile(inc, view(inc))), facts(finishFile(fresh, view(fresh))));
      // a document wholly before the edit is the very same cached result
      for (const d of inc.placed) {
        if (d.base + d.model.text.length > at) break;
        const old = prev.placed.find((o) => o.base === d.base);
        if (old && old.model.text.length === d.model.text.length) assert.equal(d.local, old.local);
      }
      prev = inc;
      text = next;
    }
  });

  it('a project fed keystrokes analyses like analyzeWorkspace', () => {
    const project = new Project();
    let text = generate(8, 6);
    project.set('a.yaml', text);
    project.set('b.yaml', spc('- objectName: "x"\n  objectType: ssmparameter'));
    const at = text.indexOf('region: ', text.length >> 1) + 8;
    for (const ch of 'abc') {
      text = text.slice(0, at) + ch + text.slice(at);
      project.set('a.yaml', text);
      const expected = analyzeWorkspace([
        { id: 'a.yaml', text },
        { id: 'b.yaml', text: spc('- objectName: "x"\n  objectType: ssmparameter') },
      ])[0] as FileAnalysis;
      assert.equal(facts(project.analysis('a.yaml') as FileAnalysis), facts(expected));
    }
  });
});

describe('what the analysis keeps', () => {
  it('keeps the source token of the objects scalar only', () => {
    const p = parseFile('f.yaml', generate(2, 3));
    let kept = 0;
    const visit = (n: Node | Pair | null | undefined): void => {
      if (!n || typeof n !== 'object') return;
      if (isPair(n)) {
        assert.equal(n.srcToken, undefined);
        visit(n.key as Node);
        visit(n.value as Node);
        return;
      }
      if (n.srcToken) kept++;
      if (isMap(n) || isSeq(n)) for (const i of n.items) visit(i as Node | Pair);
    };
    for (const d of p.docs) {
      visit(d.root);
      const objects = d.class?.objects?.value.node;
      if (objects) assert.ok(objects.srcToken, 'the objects scalar keeps its token');
    }
    assert.equal(kept, 2);
  });

  it('builds the mounts table on first use, with the rows of a direct computation', () => {
    const a = analyzeWorkspace([{ id: 'f.yaml', text: generate(3, 2) }])[0] as FileAnalysis;
    const rows = a.mounts;
    assert.ok(rows.length > 0);
    assert.equal(a.mounts, rows, 'computed once');
    assert.deepEqual(JSON.parse(JSON.stringify(a)).mounts, JSON.parse(JSON.stringify(rows)));
    assert.deepEqual({ ...a }.mounts, rows);
  });

  it('remembers content results per lookup objects, and computes them again for new ones', () => {
    const text = spc(
      '- objectName: "db"\n  objectType: secretsmanager\n  jmesPath:\n    - path: user\n      objectAlias: u',
      { region: 'us-east-1' },
    );
    const store = (value: string): SecretLookup => ({ get: () => value });
    const cache = new DocumentCache();
    const first = store('{"user": "x"}');
    const ok = analyzeWorkspace([{ id: 'f.yaml', text }], { secrets: first }, cache)[0] as FileAnalysis;
    const again = analyzeWorkspace([{ id: 'f.yaml', text }], { secrets: first }, cache)[0] as FileAnalysis;
    assert.equal(facts(again), facts(ok));
    const notJson = analyzeWorkspace([{ id: 'f.yaml', text }], { secrets: store('plain') }, cache)[0];
    assert.ok(notJson?.diagnostics.some((d) => d.code === 'secret-not-json'));
    assert.ok(!ok.diagnostics.some((d) => d.code === 'secret-not-json'));
  });

  it('needsOf answers the same when asked again', () => {
    const docs = parseFile('f.yaml', generate(5, 6)).docs;
    const a = needsOf(docs);
    assert.ok(a.listings.length > 0);
    assert.deepEqual(needsOf(docs), a);
    assert.deepEqual(needsOf([...docs].reverse()).listings.length, a.listings.length);
  });
});
