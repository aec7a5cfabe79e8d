// Every snippet in snippets/ascp.code-snippets, expanded with its placeholders' defaults, is a
// manifest (or, for the two halves of the volume + volumeMount pair, a fragment placed in a workload)
// that the analysis core reports no error for.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../server/src/core/analyze';

interface Snippet {
  prefix: string;
  description: string;
  scope?: string;
  body: string[];
}

// VS Code reads snippet files as JSON with comments and trailing commas (Prettier writes the commas):
// drop a comma before a closing bracket on a later line (a raw newline cannot be inside a string).
const snippets = JSON.parse(
  readFileSync('snippets/ascp.code-snippets', 'utf8').replace(/,(\s*\n\s*[\]}])/g, '$1'),
) as Record<string, Snippet>;

/**
 * Expands a VS Code snippet with each placeholder's default (the first choice of a choice), mirrors
 * taking the value of the placeholder they repeat, and `$0` removed. Throws on what it cannot read,
 * so a malformed snippet fails the test.
 */
export function expandSnippet(body: string): string {
  const defaults = new Map<string, string>();
  // First pass: learn each tab stop's default.
  const learn = /\$\{(\d+)(?::((?:[^{}\\]|\\.)*)|\|([^|]*)\|)\}/g;
  for (let m = learn.exec(body); m; m = learn.exec(body)) {
    const n = m[1] ?? '';
    const value = m[2] !== undefined ? m[2] : ((m[3] ?? '').split(',')[0] ?? '');
    if (!defaults.has(n)) defaults.set(n, value.replace(/\\(.)/g, '$1'));
  }
  let out = '';
  for (let i = 0; i < body.length;) {
    const ch = body[i];
    if (ch === '\\' && i + 1 < body.length) {
      out += body[i + 1];
      i += 2;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const rest = body.slice(i);
    const simple = /^\$(\d+)/.exec(rest) ?? /^\$\{(\d+)\}/.exec(rest);
    const withDefault = /^\$\{(\d+)(?::((?:[^{}\\]|\\.)*)|\|([^|]*)\|)\}/.exec(rest);
    const m = withDefault ?? simple;
    if (!m) throw new Error(`unreadable snippet syntax at: ${rest.slice(0, 30)}`);
    const n = m[1] ?? '';
    out += n === '0' ? '' : (defaults.get(n) ?? '');
    i += m[0].length;
  }
  return out;
}

const expanded = (key: string) => {
  const s = snippets[key];
  assert.ok(s, `snippet ${key}`);
  return expandSnippet(s.body.join('\n'));
};

function errorsOf(text: string) {
  const [a] = analyzeWorkspace([{ id: 'snippet.yaml', text }]);
  assert.ok(a);
  return { analysis: a, errors: a.diagnostics.filter((d) => d.severity === 'error') };
}

const byPrefix = (prefix: string) => {
  const key = Object.keys(snippets).find((k) => snippets[k]?.prefix === prefix);
  assert.ok(key, `a snippet with prefix ${prefix}`);
  return key;
};

/** Inserts a fragment at the marker line, indenting every line as VS Code does. */
function place(host: string, marker: string, fragment: string): string {
  const lines = host.split('\n');
  const at = lines.findIndex((l) => l.trim() === marker);
  assert.ok(at >= 0, marker);
  const indent = /^ */.exec(lines[at] ?? '')?.[0] ?? '';
  const body = fragment
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => (l ? indent + l : l));
  lines.splice(at, 1, ...body);
  return lines.join('\n');
}

const POD_HOST = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: nginx:1.27
      #MOUNT
  #VOLUME
`;

describe('snippets', () => {
  it('are well-formed: unique prefixes starting with ascp-, a description, yaml scope', () => {
    const prefixes = Object.values(snippets).map((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const [k, s] of Object.entries(snippets)) {
      assert.match(s.prefix, /^ascp-[a-z-]+$/, k);
      assert.ok(s.description.length > 20, k);
      assert.equal(s.scope, 'yaml', k);
      assert.ok(Array.isArray(s.body) && s.body.length > 0, k);
    }
  });

  it('cover the classes, workloads, the volume pair and secretObjects', () => {
    for (const p of [
      'ascp-spc-ssm',
      'ascp-spc-secretsmanager',
      'ascp-spc-failover',
      'ascp-spc-pod-identity',
      'ascp-pod',
      'ascp-deployment',
      'ascp-statefulset',
      'ascp-csi-volume',
      'ascp-csi-volume-mount',
      'ascp-sync-secret',
    ])
      byPrefix(p);
  });

  for (const [key, s] of Object.entries(snippets)) {
    if (s.prefix === 'ascp-csi-volume' || s.prefix === 'ascp-csi-volume-mount') continue;
    it(`${s.prefix}: expands to a manifest with no error`, () => {
      const text = expanded(key);
      assert.doesNotMatch(text, /\$\{?\d/, 'every tab stop expanded');
      const { analysis, errors } = errorsOf(text);
      assert.deepEqual(
        errors.map((d) => `${d.code}: ${d.message}`),
        [],
      );
      assert.ok(analysis.docs.length > 0);
      if (s.prefix.startsWith('ascp-spc-')) {
        assert.equal(analysis.classes.length, 1, 'one aws class');
        assert.ok((analysis.classes[0]?.files.length ?? 0) > 0, 'the class mounts files');
        assert.deepEqual(
          analysis.diagnostics.map((d) => d.code),
          [],
          'a class snippet draws no diagnostic at all',
        );
      }
    });
  }

  for (const p of ['ascp-pod', 'ascp-deployment', 'ascp-statefulset']) {
    it(`${p} mounts the class of ascp-spc-ssm with no diagnostic at all`, () => {
      const text = `${expanded(byPrefix('ascp-spc-ssm'))}\n---\n${expanded(byPrefix(p))}`;
      const [a] = analyzeWorkspace([{ id: 'pair.yaml', text }]);
      assert.deepEqual(
        a?.diagnostics.map((d) => `${d.code}: ${d.message}`),
        [],
      );
      assert.deepEqual(
        a?.mounts.map((m) => m.path),
        ['/mnt/secrets-store/_app_db_password', '/mnt/secrets-store/db-host'],
      );
    });
  }

  it('ascp-sync-secret syncs a file that is really mounted', () => {
    const { analysis } = errorsOf(expanded(byPrefix('ascp-sync-secret')));
    assert.deepEqual(
      analysis.diagnostics.map((d) => d.code),
      [],
    );
    assert.deepEqual(
      analysis.mounts.map((m) => m.path),
      ['/mnt/secrets-store/db-password'],
    );
  });

  it('the volume + volumeMount pair, placed in a pod, mounts the class with no diagnostic', () => {
    let pod = place(POD_HOST, '#VOLUME', expanded(byPrefix('ascp-csi-volume')));
    pod = place(pod, '#MOUNT', expanded(byPrefix('ascp-csi-volume-mount')));
    const text = `${expanded(byPrefix('ascp-spc-ssm'))}\n---\n${pod}`;
    const [a] = analyzeWorkspace([{ id: 'pair.yaml', text }]);
    assert.deepEqual(
      a?.diagnostics.map((d) => `${d.code}: ${d.message}`),
      [],
    );
    assert.equal(a?.mounts.length, 2);
  });
});

describe('expandSnippet', () => {
  it('takes defaults, first choices and mirrors, and drops $0', () => {
    assert.equal(expandSnippet('a: ${1:x}\nb: $1\nc: ${2|p,q|}\nd: ${1}$0'), 'a: x\nb: x\nc: p\nd: x');
    assert.equal(expandSnippet('e: \\$HOME'), 'e: $HOME');
  });
});
