// The completion handler with providers plugged in (a fake context and fake providers): names from a
// NameProvider and paths from a ValueProvider reach the editor as items, built by the AWS item helpers
// where the objects text is the file's own (a literal block), by the service elsewhere.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver/node';
import { LineIndex } from '../../server/src/core/text';
import type { ServerContext } from '../../server/src/lsp/context';
import { completion } from '../../server/src/lsp/handlers/completion';
import { Project } from '../../server/src/service/project';
import type { CatalogQuery, NameProvider, ValueProvider } from '../../server/src/service/providers';

const URI = 'file:///ws/a.yaml';
const HEAD = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app
spec:
  provider: aws
  parameters:
    region: us-east-1
`;

type Handler = (p: unknown, token: unknown) => Promise<CompletionList>;

function harness(text: string, providers: { names?: NameProvider; values?: ValueProvider }) {
  const project = new Project();
  project.set(URI, text);
  let handler: Handler | undefined;
  const logs: string[] = [];
  const ctx = {
    connection: { onCompletion: (h: Handler) => (handler = h) },
    project,
    client: { snippets: true, markdown: true },
    lines: () => project.parsed(URI)?.lines,
    toRange: (_u: string, s: { start: number; end: number }) => {
      const l = project.parsed(URI)?.lines as LineIndex;
      return { start: l.positionAt(s.start), end: l.positionAt(s.end) };
    },
    toOffset: (_u: string, p: { line: number; character: number }) => project.parsed(URI)?.lines.offsetAt(p),
    log: (m: string) => logs.push(m),
    safe: <T>(_n: string, fallback: T, _t: unknown, fn: () => T): T => {
      try {
        return fn();
      } catch (e) {
        logs.push(String(e));
        return fallback;
      }
    },
    ...providers,
  } as unknown as ServerContext;
  completion.register(ctx);
  const token = {
    isCancellationRequested: false,
    onCancellationRequested: () => ({ dispose: () => undefined }),
  };
  return {
    logs,
    async at(offset: number): Promise<CompletionList> {
      assert.ok(handler);
      const position = new LineIndex(text).positionAt(offset);
      return handler({ textDocument: { uri: URI }, position }, token);
    },
  };
}

function accept(text: string, item: CompletionItem): string {
  const l = new LineIndex(text);
  const edits = [item.textEdit as TextEdit, ...(item.additionalTextEdits ?? [])]
    .map((e) => ({ start: l.offsetAt(e.range.start), end: l.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

const names = (asked: CatalogQuery[]): NameProvider => ({
  complete: async (q) => {
    asked.push(q);
    return {
      items: [
        { kind: 'ssmparameter', name: '/app/db/url' },
        { kind: 'ssmparameter', name: '/app/token' },
        { kind: 'secretsmanager', name: 'app/secret' },
      ],
      complete: true,
    };
  },
  exists: async () => undefined,
});

describe('completion handler with providers', () => {
  it('literal objects: SSM folders one segment at a time, objectType added for an entry without one', async () => {
    const src = HEAD + '    objects: |\n      - objectName: "/app/§"\n';
    const text = src.replace('§', '');
    const asked: CatalogQuery[] = [];
    const h = harness(text, { names: names(asked) });
    const list = await h.at(src.indexOf('§'));
    assert.equal(asked[0]?.hierarchical, true);
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('/app/db/'), labels.join());
    const token = list.items.find((i) => i.label === '/app/token');
    assert.ok(token);
    const out = accept(text, token);
    assert.match(out, /- objectName: "\/app\/token"\n {8}objectType: "ssmparameter"\n/);
    assert.deepEqual(h.logs, []);
  });

  it('folded objects: names written through the service, checked for the folded block', async () => {
    const src = HEAD + '    objects: >\n      - objectName: "/app/§"\n        objectType: ssmparameter\n';
    const text = src.replace('§', '');
    const asked: CatalogQuery[] = [];
    const h = harness(text, { names: names(asked) });
    const list = await h.at(src.indexOf('§'));
    assert.equal(asked[0]?.hierarchical, false);
    const item = list.items.find((i) => i.label === '/app/db/url');
    assert.ok(item);
    assert.match(accept(text, item), /objectName: "\/app\/db\/url"\n/);
  });

  it('jmesPath paths from a ValueProvider, only when it is enabled', async () => {
    const src =
      HEAD +
      '    objects: |\n      - objectName: "app/s"\n        objectType: secretsmanager\n        jmesPath:\n          - path: §\n            objectAlias: k\n';
    const text = src.replace('§', '');
    let enabled = true;
    const values: ValueProvider = {
      enabled: () => enabled,
      value: async () => undefined,
      paths: async () => ['username', '"api-key"'],
    };
    const h = harness(text, { values });
    const list = await h.at(src.indexOf('§'));
    const item = list.items.find((i) => i.label === '"api-key"');
    assert.ok(item);
    assert.match(accept(text, item), /- path: '"api-key"'\n/);
    enabled = false;
    assert.deepEqual((await h.at(src.indexOf('§'))).items, []);
  });

  it('a failing provider is logged, not thrown', async () => {
    const src = HEAD + '    objects: |\n      - objectName: "§"\n';
    const text = src.replace('§', '');
    const failing: NameProvider = {
      complete: async () => {
        throw new Error('throttled');
      },
      exists: async () => undefined,
    };
    const h = harness(text, { names: failing });
    assert.deepEqual((await h.at(src.indexOf('§'))).items, []);
    assert.match(h.logs.join(), /throttled/);
  });
});
