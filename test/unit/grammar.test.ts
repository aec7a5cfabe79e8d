// The injection grammar syntaxes/ascp-objects.injection.tmLanguage.json, run the way VS Code runs it:
// vscode-textmate with vscode-oniguruma, a real YAML grammar as the host, and the injection found
// through package.json's `contributes.grammars` (`injectTo: ["source.yaml"]`), so dropping either the
// grammar or its contribution fails these tests. Two hosts: the TextMate bundle's YAML grammar (the
// `tm-grammars` package; VS Code's grammar until mid-2024) and VS Code's current YAML grammar, taken
// from the yaml extension inside the code-server that the e2e tier installs (skipped without it).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as onig from 'vscode-oniguruma';
import * as tm from 'vscode-textmate';

const OBJECTS = 'meta.block-scalar.objects.ascp';
const EMBEDDED = 'meta.embedded.block.yaml';

interface GrammarContribution {
  scopeName?: string;
  path?: string;
  language?: string;
  injectTo?: string[];
}
interface Manifest {
  contributes?: { grammars?: GrammarContribution[] };
}

// ---- the hosts ---------------------------------------------------------------------------------

interface Host {
  name: string;
  /** scopeName → grammar file; undefined when this host is not installed. */
  grammars: Map<string, string> | undefined;
  skip?: string;
  /**
   * Whether the host scopes the first content line of a block scalar before its text starts
   * (`meta.scalar.yaml`), which the injection selector excludes. The TextMate bundle's grammar opens
   * no scope there, so an `objects: |` as the very first line of another block scalar is coloured.
   */
  scopesBlockScalarStart: boolean;
}

function tmGrammarsHost(): Host {
  return {
    name: 'TextMate bundle YAML grammar (tm-grammars)',
    grammars: new Map([['source.yaml', require.resolve('tm-grammars/grammars/yaml.json')]]),
    scopesBlockScalarStart: false,
  };
}

/** VS Code's own yaml extension, as code-server ships it (scripts/e2e/setup-tools.sh installs it). */
function vscodeHost(): Host {
  const tools =
    process.env.ASCP_E2E_TOOLS ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ascp-manifests', 'e2e-tools');
  const ext = join(tools, 'node_modules', 'code-server', 'lib', 'vscode', 'extensions', 'yaml');
  const name = "VS Code's YAML grammar (code-server's yaml extension)";
  if (!existsSync(join(ext, 'package.json')))
    return {
      name,
      grammars: undefined,
      skip: `no ${ext} (bash scripts/e2e/setup-tools.sh installs it)`,
      scopesBlockScalarStart: true,
    };
  const pkg = JSON.parse(readFileSync(join(ext, 'package.json'), 'utf8')) as Manifest;
  const grammars = new Map<string, string>();
  for (const g of pkg.contributes?.grammars ?? [])
    if (g.scopeName && g.path) grammars.set(g.scopeName, join(ext, g.path));
  return { name, grammars, scopesBlockScalarStart: true };
}

/** This extension's grammar contributions: scopeName → file, and the scopes each is injected into. */
function ownContributions(): { files: Map<string, string>; injections: Map<string, string[]> } {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
  const files = new Map<string, string>();
  const injections = new Map<string, string[]>();
  for (const g of pkg.contributes?.grammars ?? []) {
    if (!g.scopeName || !g.path) continue;
    files.set(g.scopeName, g.path);
    for (const target of g.injectTo ?? [])
      injections.set(target, [...(injections.get(target) ?? []), g.scopeName]);
  }
  return { files, injections };
}

let wasm: Promise<void> | undefined;
function loadOniguruma(): Promise<void> {
  const bytes = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  wasm ??= onig.loadWASM(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return wasm;
}

async function loadYaml(host: Map<string, string>, withInjection: boolean): Promise<tm.IGrammar> {
  await loadOniguruma();
  const own = ownContributions();
  const files = new Map([...host, ...(withInjection ? own.files : [])]);
  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
      createOnigString: (s: string) => new onig.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const file = files.get(scopeName);
      return file ? tm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => (withInjection ? own.injections.get(scopeName) : undefined),
  });
  const grammar = await registry.loadGrammar('source.yaml');
  assert.ok(grammar, 'source.yaml loads');
  return grammar;
}

// ---- tokenising and reading tokens -------------------------------------------------------------

interface Line {
  text: string;
  tokens: { text: string; start: number; end: number; scopes: string[] }[];
}

/** Tokenises a document line by line. VS Code splits at CR LF, CR or LF; `keepCr` splits at LF only. */
function tokenize(grammar: tm.IGrammar, text: string, keepCr = false): Line[] {
  let state = tm.INITIAL;
  return text.split(keepCr ? '\n' : /\r\n|\r|\n/).map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return {
      text: line,
      tokens: r.tokens.map((t) => ({
        text: line.slice(t.startIndex, t.endIndex),
        start: t.startIndex,
        end: t.endIndex,
        scopes: t.scopes,
      })),
    };
  });
}

/** Index of the first line at or after `from` whose text contains `needle`. */
function lineOf(doc: Line[], needle: string, from = 0): number {
  const i = doc.findIndex((l, n) => n >= from && l.text.includes(needle));
  assert.ok(i >= 0, `a line contains ${JSON.stringify(needle)}`);
  return i;
}

/** The scopes of the token holding the first character of `needle` on line `n`. */
function scopesAt(doc: Line[], n: number, needle: string): string[] {
  const line = doc[n];
  assert.ok(line, `line ${n}`);
  const col = line.text.indexOf(needle);
  assert.ok(col >= 0, `line ${n} ${JSON.stringify(line.text)} contains ${JSON.stringify(needle)}`);
  const token = line.tokens.find((t) => t.start <= col && col < t.end);
  assert.ok(token, `a token at ${n}:${col}`);
  return token.scopes;
}

/** Whether a scope list has `selector` (`entity.name.tag` matches `entity.name.tag.yaml`). */
function has(scopes: string[], selector: string): boolean {
  return scopes.some((s) => s === selector || s.startsWith(`${selector}.`));
}

function assertScope(doc: Line[], n: number, needle: string, selector: string, embedded: boolean): void {
  const scopes = scopesAt(doc, n, needle);
  const where = `${JSON.stringify(needle)} on line ${n} (${scopes.join(' ')})`;
  assert.ok(has(scopes, selector), `${where} has ${selector}`);
  assert.equal(scopes.includes(EMBEDDED), embedded, `${where} is ${embedded ? '' : 'not '}embedded YAML`);
}

/**
 * Lines any of whose tokens is embedded YAML, after checking that every token of such a line with
 * text is. (VS Code's grammar keeps the indentation its own block rules consume, so leading blanks
 * may be the host's.)
 */
function embeddedLines(doc: Line[]): number[] {
  const out: number[] = [];
  doc.forEach((line, n) => {
    if (!line.tokens.some((t) => t.scopes.includes(EMBEDDED))) return;
    const outside = line.tokens.filter((t) => /\S/.test(t.text) && !t.scopes.includes(EMBEDDED));
    assert.deepEqual(outside, [], `line ${n} ${JSON.stringify(line.text)} is embedded throughout`);
    out.push(n);
  });
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

// ---- the documents -----------------------------------------------------------------------------

const ssm = readFileSync('examples/ssm-parameter.yaml', 'utf8');
const jmes = readFileSync('examples/secrets-manager-jmespath.yaml', 'utf8');

const folded = [
  'apiVersion: secrets-store.csi.x-k8s.io/v1',
  'kind: SecretProviderClass',
  'metadata:',
  '  name: folded',
  'spec:',
  '  provider: aws',
  '  parameters:',
  '    objects: >- # what ASCP mounts',
  "      - objectName: 'prod/db'",
  '',
  '        objectType: secretsmanager',
  '    region: eu-west-1',
  '',
].join('\n');

const lessIndented = [
  'apiVersion: secrets-store.csi.x-k8s.io/v1',
  'kind: SecretProviderClass',
  'metadata:',
  '  name: misplaced-region',
  'spec:',
  '  provider: aws',
  '  parameters:',
  '    objects: |',
  '      - objectName: "MySecret"',
  '        objectType: secretsmanager',
  '  region: us-east-1',
  '  secretObjects: []',
  '',
].join('\n');

const notBlocks = [
  'apiVersion: secrets-store.csi.x-k8s.io/v1',
  'kind: SecretProviderClass',
  'metadata:',
  '  name: not-blocks',
  'spec:',
  '  provider: aws',
  '  parameters:',
  '    objects: "- objectName: inline"',
  '    # objects: |',
  '      - objectName: commented-out',
  '    notes: |',
  '      Paste this under parameters:',
  '      objects: |',
  '        - objectName: just-text',
  '    objectsExtra: |',
  '      - objectName: another-key',
  '',
].join('\n');

// ---- the tests ---------------------------------------------------------------------------------

describe('objects injection grammar: package contribution', () => {
  it('is contributed to source.yaml and shipped in the .vsix', () => {
    const { files, injections } = ownContributions();
    assert.deepEqual(injections.get('source.yaml'), ['ascp.objects.injection']);
    const file = files.get('ascp.objects.injection');
    assert.equal(file, './syntaxes/ascp-objects.injection.tmLanguage.json');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as {
      scopeName: string;
      injectionSelector: string;
      repository: Record<string, { patterns?: { include: string }[] }>;
    };
    assert.equal(raw.scopeName, 'ascp.objects.injection');
    assert.match(raw.injectionSelector, /^L:source\.yaml\b.*-comment\b/);
    // The content is the host's own YAML grammar, included, not a copy of it.
    assert.deepEqual(raw.repository['objects-block']?.patterns, [{ include: 'source.yaml' }]);
    const allowed = readFileSync('.vscodeignore', 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim());
    assert.ok(
      allowed.includes('!syntaxes/**') || allowed.includes(`!${file.slice(2)}`),
      `.vscodeignore lets ${file} into the .vsix`,
    );
  });
});

for (const host of [tmGrammarsHost(), vscodeHost()]) {
  describe(`objects injection grammar on the ${host.name}`, { skip: host.skip ?? false }, () => {
    let yaml: tm.IGrammar;
    let bare: tm.IGrammar;
    before(async () => {
      assert.ok(host.grammars);
      yaml = await loadYaml(host.grammars, true);
      bare = await loadYaml(host.grammars, false);
    });

    it('without the injection the host colours the objects block as one string (control)', () => {
      const doc = tokenize(bare, ssm);
      const n = lineOf(doc, 'objectName');
      assert.ok(has(scopesAt(doc, n, 'objectName'), 'string.unquoted.block'));
      assert.ok(!has(scopesAt(doc, n, 'objectName'), 'entity.name.tag'));
      assert.deepEqual(embeddedLines(doc), []);
    });

    it('literal block (examples/ssm-parameter.yaml): the entries are YAML, the key stays a key', () => {
      const doc = tokenize(yaml, ssm);
      const header = lineOf(doc, 'objects: |');
      const end = lineOf(doc, '---', header);
      assert.deepEqual(embeddedLines(doc), range(header + 1, end));
      assertScope(doc, header, 'objects', 'entity.name.tag', false);
      assertScope(doc, header, '|', 'keyword.control.flow.block-scalar.literal', false);
      assert.ok(scopesAt(doc, header, 'objects').includes(OBJECTS));
      assertScope(doc, header - 1, 'region', 'entity.name.tag', false);
      const entry = lineOf(doc, 'objectName', header);
      assertScope(doc, entry, '-', 'punctuation.definition.block.sequence.item', true);
      assertScope(doc, entry, 'objectName', 'entity.name.tag', true);
      assertScope(doc, entry, '/test/parameter', 'string', true);
      assertScope(doc, entry + 1, 'objectType', 'entity.name.tag', true);
      assertScope(doc, entry + 1, 'ssmparameter', 'string', true);
      // After the block: the host's YAML, outside the injection.
      assertScope(doc, end + 1, 'apiVersion', 'entity.name.tag', false);
      for (const line of doc.slice(end)) for (const t of line.tokens) assert.ok(!t.scopes.includes(OBJECTS));
    });

    it('nested jmesPath (examples/secrets-manager-jmespath.yaml): every level is YAML', () => {
      const doc = tokenize(yaml, jmes);
      const header = lineOf(doc, 'objects: |');
      const end = lineOf(doc, '---', header);
      assert.deepEqual(embeddedLines(doc), range(header + 1, end));
      assertScope(doc, header + 1, 'objectName', 'entity.name.tag', true);
      assertScope(doc, header + 1, 'test/secret', 'string', true);
      const j = lineOf(doc, 'jmesPath:', header);
      assertScope(doc, j, 'jmesPath', 'entity.name.tag', true);
      assertScope(doc, j + 1, 'path', 'entity.name.tag', true);
      assertScope(doc, j + 1, 'username', 'string', true);
      assertScope(doc, j + 2, 'objectAlias', 'entity.name.tag', true);
      assertScope(doc, j + 2, 'SECRET_USERNAME', 'string', true);
    });

    it('folded `>-` with a trailing comment: the comment is one, a blank line stays inside', () => {
      const doc = tokenize(yaml, folded);
      const header = lineOf(doc, 'objects: >-');
      const region = lineOf(doc, 'region:', header);
      assert.deepEqual(embeddedLines(doc), range(header + 1, region));
      assertScope(doc, header, 'objects', 'entity.name.tag', false);
      assertScope(doc, header, '>', 'keyword.control.flow.block-scalar.folded', false);
      assertScope(doc, header, '-', 'storage.modifier.chomping-indicator', false);
      assertScope(doc, header, '#', 'comment.line.number-sign', false);
      assertScope(doc, header, 'what ASCP mounts', 'comment.line.number-sign', false);
      assertScope(doc, header + 1, 'objectName', 'entity.name.tag', true);
      assertScope(doc, header + 1, 'prod/db', 'string.quoted.single', true);
      assert.equal(doc[header + 2]?.text, '');
      assertScope(doc, header + 3, 'objectType', 'entity.name.tag', true);
      assertScope(doc, header + 3, 'secretsmanager', 'string', true);
      assertScope(doc, region, 'region', 'entity.name.tag', false);
      assertScope(doc, region, 'eu-west-1', 'string', false);
    });

    it('every indentation and chomping indicator, with and without a comment', () => {
      for (const indicator of ['|', '|-', '|+', '|2', '|2-', '|-2', '>', '>+', '>2+', '>+2']) {
        for (const comment of ['', '  # note']) {
          const text = `spec:\n  parameters:\n    objects: ${indicator}${comment}\n      - objectName: a\n    region: b\n`;
          const doc = tokenize(yaml, text);
          assert.deepEqual(embeddedLines(doc), [3], `objects: ${indicator}${comment}`);
          assertScope(doc, 3, 'objectName', 'entity.name.tag', true);
          assertScope(doc, 4, 'region', 'entity.name.tag', false);
        }
      }
    });

    it('ends at the first less-indented line: a `region:` after the block is the host’s', () => {
      const doc = tokenize(yaml, lessIndented);
      const header = lineOf(doc, 'objects: |');
      const region = lineOf(doc, 'region:', header);
      assert.equal(region, header + 3);
      assert.deepEqual(embeddedLines(doc), [header + 1, header + 2]);
      assertScope(doc, header + 2, 'objectType', 'entity.name.tag', true);
      assertScope(doc, region, 'region', 'entity.name.tag', false);
      assertScope(doc, region, 'us-east-1', 'string', false);
      assertScope(doc, region + 1, 'secretObjects', 'entity.name.tag', false);
      for (const n of [region, region + 1])
        for (const t of doc[n]?.tokens ?? []) assert.ok(!t.scopes.includes(OBJECTS), `line ${n}`);
    });

    it('CRLF: the same tokens as LF, and lines that keep their CR are still recognised', () => {
      const crlf = ssm.replace(/\n/g, '\r\n');
      const lf = tokenize(yaml, ssm);
      assert.deepEqual(tokenize(yaml, crlf), lf);
      const kept = tokenize(yaml, crlf, true);
      const header = lineOf(kept, 'objects: |');
      assert.deepEqual(embeddedLines(kept), range(header + 1, lineOf(kept, '---', header)));
      assertScope(kept, header + 1, 'objectName', 'entity.name.tag', true);
      assertScope(kept, header + 1, '/test/parameter', 'string', true);
    });

    it('leaves alone a quoted `objects`, a comment, text inside another block scalar and other keys', () => {
      const doc = tokenize(yaml, notBlocks);
      assert.deepEqual(embeddedLines(doc), []);
      assertScope(doc, lineOf(doc, 'objects: "'), 'objects', 'entity.name.tag', false);
      assertScope(doc, lineOf(doc, '# objects: |'), 'objects', 'comment', false);
      assertScope(doc, lineOf(doc, 'just-text'), 'objectName', 'string', false);
      assertScope(doc, lineOf(doc, 'objectsExtra'), 'objectsExtra', 'entity.name.tag', false);
    });

    it('leaves alone an `objects: |` that is the first line of another block scalar', (t) => {
      if (!host.scopesBlockScalarStart) {
        t.skip('this host opens no scope at the start of a block scalar');
        return;
      }
      const doc = tokenize(yaml, 'data:\n  manifest.yaml: |\n    objects: |\n      - objectName: x\n');
      assert.deepEqual(embeddedLines(doc), []);
      assertScope(doc, 3, 'objectName', 'string', false);
    });
  });
}
