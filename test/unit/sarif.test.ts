// `ascp-lint --format sarif`: valid SARIF 2.1.0 (checked against the official schema, offline) with the
// same positions as the JSON output.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { runCli } from '../../server/src/cli/run';
import { ALL_RULES } from '../../server/src/core/rules/registry';
import { docsUrl } from '../../server/src/core/rules/rule';

const SCHEMA_FILE = 'test/fixtures/sarif/sarif-schema-2.1.0.json';
const SCHEMA_SHA256 = '10666d46649b52e262001e70d43e6c52f7c0279ca3dbdfe9a7dc2e4071556454';

const schemaText = readFileSync(SCHEMA_FILE, 'utf8');
const ajv = new Ajv({ allErrors: true, strictRequired: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(schemaText));

function schemaErrors(doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

function run(args: string[], cwd = process.cwd()) {
  let out = '';
  let err = '';
  const code = runCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd, color: false });
  return { code, out, err };
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface Loc {
  id?: number;
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: Region };
  message?: { text: string };
}
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Loc[];
  relatedLocations?: Loc[];
}
interface Rule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: string };
}

function sarif(args: string[], cwd?: string) {
  const r = run(['--format', 'sarif', ...args], cwd);
  const log = JSON.parse(r.out);
  const runs = log.runs[0];
  return {
    ...r,
    log,
    results: runs.results as Result[],
    rules: runs.tool.driver.rules as Rule[],
    run: runs,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'ascp-sarif-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('SARIF schema fixture', () => {
  it('is the vendored official SARIF 2.1.0 schema (draft-07), unmodified', () => {
    assert.equal(createHash('sha256').update(readFileSync(SCHEMA_FILE)).digest('hex'), SCHEMA_SHA256);
    const s = JSON.parse(schemaText);
    assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(s.title, 'Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  });
  it('rejects invalid SARIF (the validator is really checking)', () => {
    const good = sarif(['examples']).log;
    assert.deepEqual(schemaErrors(good), []);
    const bad = (mutate: (l: typeof good) => void) => {
      const copy = structuredClone(good);
      mutate(copy);
      return schemaErrors(copy);
    };
    assert.notDeepEqual(
      bad((l) => (l.runs[0].results[0].level = 'information')),
      [],
    );
    assert.notDeepEqual(
      bad((l) => (l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0)),
      [],
    );
    assert.notDeepEqual(
      bad((l) => delete l.runs[0].results[0].message),
      [],
    );
    assert.notDeepEqual(
      bad((l) => (l.version = '2.0.0')),
      [],
    );
    assert.notDeepEqual(
      bad((l) => (l.runs[0].columnKind = 'characters')),
      [],
    );
  });
});

describe('ascp-lint --format sarif', () => {
  it('validates against the SARIF 2.1.0 schema, for valid and broken manifests', () => {
    for (const args of [['examples'], ['examples/ssm-parameter.yaml'], ['examples/broken']]) {
      const r = sarif(args);
      assert.deepEqual(schemaErrors(r.log), [], args.join(' '));
    }
  });
  it('has the same exit status as the other formats', () => {
    assert.equal(sarif(['examples/broken']).code, 1);
    assert.equal(sarif(['examples/ssm-parameter.yaml']).code, 0);
    assert.deepEqual(sarif(['examples/ssm-parameter.yaml']).results, []);
  });
  it('describes the tool and every rule', () => {
    const r = sarif(['examples/ssm-parameter.yaml']);
    assert.equal(r.log.version, '2.1.0');
    assert.equal(r.run.tool.driver.name, 'ascp-lint');
    assert.equal(r.run.tool.driver.informationUri, 'https://github.com/ascp-manifests/ascp-manifests');
    assert.equal(r.run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(r.run.originalUriBaseIds, {
      '%SRCROOT%': { uri: pathToFileURL(process.cwd()).href + '/' },
    });
    assert.deepEqual(
      r.rules.map((x) => x.id),
      ALL_RULES.map((x) => x.meta.code),
    );
    const level = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
    for (const [i, rule] of ALL_RULES.entries()) {
      const s = r.rules[i] as Rule;
      assert.equal(s.shortDescription.text, rule.meta.title);
      assert.equal(s.fullDescription.text, rule.meta.ascp);
      assert.equal(s.helpUri, docsUrl(rule.meta.code));
      assert.equal(s.defaultConfiguration.level, level[rule.meta.severity]);
    }
  });
  it('puts every result where the JSON output puts the diagnostic', () => {
    const json = JSON.parse(run(['--format', 'json', 'examples']).out);
    const s = sarif(['examples']);
    const expected = json.files.flatMap(
      (f: {
        path: string;
        diagnostics: {
          line: number;
          column: number;
          endLine: number;
          endColumn: number;
          code: string;
          severity: string;
          message: string;
        }[];
      }) =>
        f.diagnostics.map((d) => ({
          uri: f.path,
          ruleId: d.code,
          level: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note',
          message: d.message,
          region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
        })),
    );
    assert.ok(expected.length > 20, 'the examples have many diagnostics');
    assert.deepEqual(
      s.results.map((r) => ({
        uri: r.locations[0]?.physicalLocation.artifactLocation.uri,
        ruleId: r.ruleId,
        level: r.level,
        message: r.message.text,
        region: r.locations[0]?.physicalLocation.region,
      })),
      expected,
    );
    for (const r of s.results) {
      assert.equal(s.rules[r.ruleIndex]?.id, r.ruleId);
      assert.equal(r.locations[0]?.physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    }
  });
  it('gives related locations in the same file', () => {
    const s = sarif(['examples/broken/objects.yaml']);
    const text = readFileSync('examples/broken/objects.yaml', 'utf8').split('\n');
    const withRelated = s.results.filter((r) => r.relatedLocations);
    assert.ok(withRelated.length > 0);
    for (const r of withRelated) {
      for (const [i, l] of (r.relatedLocations ?? []).entries()) {
        assert.equal(l.id, i);
        assert.equal(l.physicalLocation.artifactLocation.uri, 'examples/broken/objects.yaml');
        assert.ok(l.message?.text);
        const reg = l.physicalLocation.region as Region;
        assert.ok(reg.startLine >= 1 && reg.startLine <= text.length);
      }
    }
    // duplicate-alias points back at the first alias `creds`.
    const dup = s.results.find((r) => r.ruleId === 'duplicate-alias');
    const reg = dup?.relatedLocations?.[0]?.physicalLocation.region as Region;
    assert.equal(text[reg.startLine - 1]?.slice(reg.startColumn - 1, reg.endColumn - 1), 'creds');
  });
  it('gives related locations in another file at their place there', () => {
    const cls = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app-secrets
  namespace: other
spec:
  provider: aws
  parameters:
    region: us-east-1
    objects: |
      - objectName: "/a"
        objectType: "ssmparameter"
`;
    const pod = `apiVersion: v1
kind: ConfigMap
metadata:
  name: first-document
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: mine
spec:
  volumes:
    - name: s
      csi:
        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: app-secrets
  containers:
    - name: c
      image: i
      volumeMounts:
        - name: s
          mountPath: /m
`;
    const sub = join(dir, 'cross');
    mkdirSync(sub);
    writeFileSync(join(sub, 'cls.yaml'), cls);
    writeFileSync(join(sub, 'pod.yaml'), pod);
    const s = sarif([sub], sub);
    assert.deepEqual(schemaErrors(s.log), []);
    const r = s.results.find((x) => x.ruleId === 'class-not-found');
    assert.equal(r?.locations[0]?.physicalLocation.artifactLocation.uri, 'pod.yaml');
    assert.deepEqual(r?.relatedLocations?.[0]?.physicalLocation, {
      artifactLocation: { uri: 'cls.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, startColumn: 9, endLine: 4, endColumn: 20 },
    });
  });
  it('counts columns in UTF-16 code units and encodes file names as URIs', () => {
    const sub = join(dir, 'my dir');
    mkdirSync(sub);
    const f = join(sub, 'a#b.yaml');
    const line = '      - {objectName: "🔑🔑", objectType: "ssm"}';
    writeFileSync(
      f,
      `apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata:\n  name: k\nspec:\n  provider: aws\n  parameters:\n    region: us-east-1\n    objects: |\n${line}\n`,
    );
    const s = sarif([sub], dir);
    assert.deepEqual(schemaErrors(s.log), []);
    const r = s.results.find((x) => x.ruleId === 'object-type-invalid');
    const loc = r?.locations[0]?.physicalLocation;
    assert.deepEqual(loc?.artifactLocation, { uri: 'my%20dir/a%23b.yaml', uriBaseId: '%SRCROOT%' });
    const utf16 = line.indexOf('"ssm"') + 1;
    assert.ok(utf16 > [...line.slice(0, utf16)].length, 'the emoji take two UTF-16 units each');
    assert.deepEqual(loc?.region, { startLine: 10, startColumn: utf16, endLine: 10, endColumn: utf16 + 5 });
  });
  it('reports skipped files as tool notifications', () => {
    const f = join(dir, 'bin.yaml');
    writeFileSync(f, Buffer.from([0, 1, 2, 0]));
    const s = sarif([f], dir);
    assert.equal(s.code, 0);
    assert.deepEqual(schemaErrors(s.log), []);
    assert.deepEqual(s.run.invocations, [
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'note',
            message: { text: 'skipped: binary file (contains NUL bytes)' },
            locations: [
              { physicalLocation: { artifactLocation: { uri: 'bin.yaml', uriBaseId: '%SRCROOT%' } } },
            ],
          },
        ],
      },
    ]);
  });
});
