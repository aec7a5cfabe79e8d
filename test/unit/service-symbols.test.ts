import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spc } from '../../server/src/core/rules/rule';
import { Project } from '../../server/src/service/project';
import { documentSymbols, flattenSymbols, type SymbolNode } from '../../server/src/service/symbols';

function symbolsOf(text: string): { tree: SymbolNode[]; text: string } {
  const p = new Project();
  p.set('s.yaml', text);
  return { tree: documentSymbols(p.parsed('s.yaml')?.placed ?? []), text };
}

const DEPLOY = `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: prod
spec:
  template:
    spec:
      volumes:
        - name: creds
          csi:
            driver: secrets-store.csi.k8s.io
            readOnly: true
            volumeAttributes:
              secretProviderClass: example
        - name: other
          csi:
            driver: secrets-store.csi.k8s.io
            readOnly: true
        - name: cache
          emptyDir: {}
      initContainers:
        - name: init
          volumeMounts:
            - name: creds
              mountPath: /init
      containers:
        - name: api
          volumeMounts:
            - name: cache
              mountPath: /cache
            - name: creds
              mountPath: /creds
        - name: sidecar
          volumeMounts:
            - name: cache
              mountPath: /cache
`;

function check(n: SymbolNode, parent?: SymbolNode): void {
  assert.ok(n.name.length > 0);
  assert.ok(
    n.selection.start >= n.span.start && n.selection.end <= n.span.end,
    `${n.name}: selection in range`,
  );
  if (parent)
    assert.ok(
      n.span.start >= parent.span.start && n.span.end <= parent.span.end,
      `${n.name} in ${parent.name}`,
    );
  for (const c of n.children) check(c, n);
}

describe('document symbols (service)', () => {
  it('builds class -> entries -> jmesPath and workload -> volumes / mounting containers', () => {
    const objects =
      '- objectName: "/db/pass"\n  objectType: ssmparameter\n-\n- objectType: secretsmanager\n  jmesPath:\n    - path: a\n';
    const { tree, text } = symbolsOf(spc(objects) + DEPLOY);
    const shape = (n: SymbolNode): unknown => [
      n.kind,
      n.name,
      n.detail,
      text.slice(n.selection.start, n.selection.end),
      n.children.map(shape),
    ];
    assert.deepEqual(tree.map(shape), [
      [
        'class',
        'example',
        'SecretProviderClass',
        'example',
        [
          ['entry', '/db/pass', 'ssmparameter → _db_pass', '"/db/pass"', []],
          [
            'entry',
            '(empty entry)',
            undefined,
            text.slice(tree[0]?.children[1]?.selection.start, tree[0]?.children[1]?.selection.end),
            [],
          ],
          [
            'entry',
            '(no objectName)',
            'secretsmanager',
            'objectType',
            [['jmesPath', '(no objectAlias)', 'a', 'path', []]],
          ],
        ],
      ],
      [
        'workload',
        'api',
        'Deployment · namespace prod',
        'api',
        [
          ['volume', 'creds', 'class example', 'creds', []],
          ['volume', 'other', 'no secretProviderClass', 'other', []],
          ['container', 'init', 'init container · /init', 'init', []],
          ['container', 'api', '/creds', 'api', []],
        ],
      ],
    ]);
    for (const n of tree) check(n);
  });

  it('names an unnamed class and shows a non-AWS provider', () => {
    const text = spc('- objectName: x\n  objectType: ssmparameter')
      .replace('  name: example\n', '  labels: {}\n')
      .replace('provider: aws', 'provider: azure');
    const { tree } = symbolsOf(text);
    assert.deepEqual(
      tree.map((n) => [n.name, n.detail, text.slice(n.selection.start, n.selection.end)]),
      [['(unnamed class)', 'SecretProviderClass · provider azure', 'SecretProviderClass']],
    );
    for (const n of tree) check(n);
  });

  it('offsets symbols of later documents by the document base and flattens with container names', () => {
    const text =
      '# leading\napiVersion: v1\nkind: ConfigMap\n---\n' +
      spc('- objectName: x\n  objectType: ssmparameter');
    const { tree } = symbolsOf(text);
    assert.equal(tree.length, 1);
    assert.equal(text.slice(tree[0]?.selection.start, tree[0]?.selection.end), 'example');
    assert.equal(text.slice(tree[0]?.span.start, (tree[0]?.span.start ?? 0) + 3), '---');
    assert.equal(tree[0]?.span.end, text.trimEnd().length);
    assert.deepEqual(
      flattenSymbols(tree).map((f) => [f.node.name, f.container]),
      [
        ['example', undefined],
        ['x', 'example'],
      ],
    );
  });

  it('gives nothing for files without classes or CSI workloads', () => {
    assert.deepEqual(
      symbolsOf('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n').tree,
      [],
    );
    assert.deepEqual(symbolsOf('').tree, []);
    assert.deepEqual(symbolsOf('\u0000binary').tree, []);
  });
});
