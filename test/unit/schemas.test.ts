// schemas/*.json against everything else that knows what a SecretProviderClass holds:
// - every example manifest (the valid corpus, the broken examples, each rule's trigger and near miss):
//   the schemas reject it exactly when the analyser reports a rule the schemas can express, and at
//   the place that rule names;
// - completion (completion-data.ts), hovers (keydocs.ts) and the unknown-key / unknown-parameter rules:
//   the same keys, titles and values, compared both ways.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv, { type ErrorObject } from 'ajv';
import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { analyzeWorkspace } from '../../server/src/core/analyze';
import { resolvePlainGo } from '../../server/src/core/goyaml';
import { ENTRY_FIELDS, FAILOVER_FIELDS, JMES_FIELDS } from '../../server/src/core/objects';
import { KNOWN_PARAMETERS } from '../../server/src/core/rules/params/unknown-parameter';
import { ALL_RULES } from '../../server/src/core/rules/registry';
import {
  ENTRY_KEYS,
  FAILOVER_KEYS,
  FILE_PERMISSIONS,
  JMES_KEYS,
  OBJECT_TYPES,
  PARAMETER_KEYS,
  PARAMETER_VALUES,
  type KeyInfo,
} from '../../server/src/service/completion-data';
import { keyDocs, SCHEMA_PROPERTIES, type KeyScope } from '../../server/src/service/keydocs';

const classSchema = JSON.parse(readFileSync('schemas/secretproviderclass.schema.json', 'utf8')) as Schema;
const objectsSchema = JSON.parse(readFileSync('schemas/objects.schema.json', 'utf8')) as Schema;

interface Schema {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  pattern?: string;
  examples?: unknown[];
  $ref?: string;
  properties?: Record<string, Schema>;
  definitions?: Record<string, Schema>;
}

// strict: an unknown keyword or format fails the compile (strictTypes would also reject the draft-07
// idiom of conditions without a `type`)
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
const validateClass = ajv.compile(classSchema);
const validateObjects = ajv.compile(objectsSchema);

/**
 * A YAML node as Go's sigs.k8s.io/yaml turns it into JSON (YAML 1.1 plain scalars: `yes` is true,
 * `0640` is 416). With `strings`, every non-null scalar becomes the Go string a `string` field gets,
 * as when ASCP decodes `objects` into its structs.
 */
function goJson(node: Node | null | undefined, strings: boolean): unknown {
  if (node === null || node === undefined) return null;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const p of node.items) {
      const k = goJson(p.key as Node, true);
      out[String(k ?? '')] = goJson(p.value as Node | null, strings);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((i) => goJson(i as Node, strings));
  if (isScalar(node)) {
    const src = String(node.value ?? '');
    if (node.type !== 'PLAIN') return src;
    const g = resolvePlainGo(src);
    if (g.kind === 'null') return null;
    if (strings || g.kind === 'string') return g.asString;
    if (g.kind === 'bool') return g.asString === 'true';
    return Number(g.asString);
  }
  return null; // an alias: none of our examples uses one
}

const FAILSAFE = { schema: 'failsafe', version: '1.1', uniqueKeys: false } as const;

/**
 * Keys inside `objects` in another letter case than ASCP documents (`ObjectAlias`): ASCP accepts them
 * (encoding/json matches fields case-insensitively) and the analyser says nothing; the schema, which
 * spells every key one way, rejects them. This is the one documented difference.
 */
function caseVariants(objects: unknown): string[] {
  const out: string[] = [];
  const check = (o: unknown, fields: readonly string[]) => {
    if (!o || typeof o !== 'object' || Array.isArray(o)) return;
    for (const k of Object.keys(o))
      if (!fields.includes(k) && fields.some((f) => f.toLowerCase() === k.toLowerCase())) out.push(k);
  };
  for (const e of Array.isArray(objects) ? objects : []) {
    check(e, ENTRY_FIELDS);
    const rec = (e ?? {}) as Record<string, unknown>;
    for (const j of Array.isArray(rec.jmesPath) ? rec.jmesPath : []) check(j, JMES_FIELDS);
    check(rec.failoverObject, FAILOVER_FIELDS);
  }
  return out;
}

/** Schema errors of every document of a manifest, as `outer:<pointer>` and `objects:<pointer>`. */
function schemaErrors(text: string, variants: string[] = []): string[] {
  const out: string[] = [];
  const describe = (where: string, errs: ErrorObject[] | null | undefined) => {
    for (const e of errs ?? []) out.push(`${where}:${e.instancePath} ${e.keyword} ${e.message ?? ''}`);
  };
  for (const doc of parseAllDocuments(text, FAILSAFE)) {
    if (doc.errors.length > 0) continue;
    const json = goJson(doc.contents as Node, false) as Record<string, unknown> | null;
    if (!json || typeof json !== 'object') continue;
    if (!validateClass(json)) describe('outer', validateClass.errors);
    if (json.kind !== 'SecretProviderClass') continue;
    const objects = (
      (json.spec as Record<string, unknown> | undefined)?.parameters as Record<string, unknown> | undefined
    )?.objects;
    if (typeof objects !== 'string') continue;
    // ASCP reads the first inner document only; one that does not parse is objects-syntax's
    const [inner] = parseAllDocuments(objects, FAILSAFE);
    if (!inner || inner.errors.length > 0) continue;
    const decoded = goJson(inner.contents as Node, true);
    variants.push(...caseVariants(decoded));
    if (!validateObjects(decoded)) describe('objects', validateObjects.errors);
  }
  return out;
}

/** The rules a JSON schema can express, and where (pointer) their schema error must point. */
const EXPRESSIBLE: Record<string, RegExp> = {
  'parameter-not-string': /^outer:\/spec\/parameters\/\w+ /,
  'objects-not-string': /^outer:\/spec\/parameters\/objects /,
  'provider-missing': /^outer:\/spec required .*provider/,
  'provider-name': /^outer:\/spec\/provider /,
  'parameters-missing': /^outer:\/spec(\/parameters minProperties| required .*parameters)/,
  'use-pod-identity-invalid': /^outer:\/spec\/parameters\/usePodIdentity /,
  'path-translation-invalid': /^outer:\/spec\/parameters\/pathTranslation /,
  'preferred-address-type': /^outer:\/spec\/parameters\/preferredAddressType /,
  'secret-object-not-string': /^outer:\/spec\/secretObjects\/\d+(\/\w+)+ type/,
  'secret-object-field-missing':
    /^outer:\/spec\/secretObjects\/\d+(\/data(\/\d+(\/\w+)?)?)? (required|minItems|pattern)/,
  'secret-object-tls-key': /^outer:\/spec\/secretObjects\/\d+\/data\/\d+\/key enum/,
  'secret-object-type-keys': /^outer:\/spec\/secretObjects\/\d+\/data contains/,
  'secret-object-invalid-name': /^outer:\/spec\/secretObjects\/\d+\/(secretName|data\/\d+\/key) pattern/,
  'objects-shape': /^objects:(\/\d+(\/\w+)?)? type/,
  'unknown-key': /^objects:\/\d+(\/jmesPath\/\d+|\/failoverObject)? additionalProperties/,
  'empty-entry': /^objects:\/\d+ type/,
  'object-name-missing': /^objects:\/\d+(\/objectName minLength| required .*objectName)/,
  'object-type-missing': /^objects:\/\d+(\/objectType minLength| required .*objectType)/,
  'arn-invalid': /^objects:\/\d+\/objectName pattern/,
  'arn-service-invalid': /^objects:\/\d+\/objectName pattern/,
  'object-type-invalid': /^objects:\/\d+\/objectType enum/,
  'object-type-arn-mismatch': /^objects:\/\d+\/objectName (pattern|not)/,
  'ssm-version-and-label': /^objects:\/\d+(\/failoverObject)? not/,
  'file-permission-invalid': /^objects:\/\d+(\/jmesPath\/\d+)?\/filePermission pattern/,
  'jmes-path-missing': /^objects:\/\d+\/jmesPath\/\d+(\/path minLength| required .*path)/,
  'jmes-alias-missing': /^objects:\/\d+\/jmesPath\/\d+(\/objectAlias minLength| required .*objectAlias)/,
  'failover-alias-missing': /^objects:\/\d+(\/objectAlias minLength| required .*objectAlias)/,
};

/** The error and warning codes the analyser reports that the schemas can express. */
function expressibleCodes(text: string): string[] {
  const [r] = analyzeWorkspace([{ id: 'example.yaml', text }]);
  // a document that does not parse is no JSON a schema could see
  if (r?.diagnostics.some((d) => d.code === 'yaml-syntax')) return [];
  return (r?.diagnostics ?? [])
    .filter((d) => (d.severity === 'error' || d.severity === 'warning') && d.code in EXPRESSIBLE)
    .map((d) => d.code);
}

const yamls = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f));

interface Example {
  name: string;
  text: string;
  /** the rule whose trigger this is */
  trigger?: string;
}

const EXAMPLES: Example[] = [
  ...[...yamls('test/fixtures/valid'), ...yamls('examples'), ...yamls('examples/broken')].map((f) => ({
    name: f,
    text: readFileSync(f, 'utf8'),
  })),
  ...ALL_RULES.flatMap((r) => [
    { name: `${r.meta.code} trigger`, text: r.meta.examples.trigger, trigger: r.meta.code },
    { name: `${r.meta.code} near miss`, text: r.meta.examples.nearMiss },
  ]),
];

describe('schemas/ against the examples', () => {
  it('compile in strict mode (draft-07)', () => {
    assert.equal(typeof validateClass, 'function');
    assert.equal(typeof validateObjects, 'function');
  });

  it('accept every valid manifest', () => {
    for (const f of [...yamls('test/fixtures/valid'), ...yamls('examples')])
      assert.deepEqual(schemaErrors(readFileSync(f, 'utf8')), [], f);
  });

  it('reject the broken examples that hold a mistake a schema can express', () => {
    const rejected = yamls('examples/broken').filter((f) => schemaErrors(readFileSync(f, 'utf8')).length > 0);
    assert.deepEqual(rejected, [
      'examples/broken/failover.yaml',
      'examples/broken/objects.yaml',
      'examples/broken/parameters.yaml',
    ]);
  });

  for (const ex of EXAMPLES) {
    it(`${ex.name}: rejected exactly when an expressible rule fires`, () => {
      const variants: string[] = [];
      const errors = schemaErrors(ex.text, variants);
      const codes = expressibleCodes(ex.text);
      assert.equal(
        errors.length > 0,
        codes.length > 0 || variants.length > 0,
        `schema errors ${JSON.stringify(errors)}, expressible diagnostics ${JSON.stringify(codes)}, keys in another case ${JSON.stringify(variants)}`,
      );
      if (variants.length > 0)
        assert.ok(errors.some((e) => /^objects:\/\d+\S* additionalProperties/.test(e)));
      for (const code of new Set(codes)) {
        const where = EXPRESSIBLE[code] as RegExp;
        assert.ok(
          errors.some((e) => where.test(e)),
          `${code}: no schema error matches ${where}: ${JSON.stringify(errors)}`,
        );
      }
    });
  }

  it('has an expressible rule behind every pattern, and covers each with its own trigger', () => {
    const codes = new Set(ALL_RULES.map((r) => r.meta.code));
    for (const code of Object.keys(EXPRESSIBLE)) {
      assert.ok(codes.has(code), `${code} is no rule`);
      const trigger = ALL_RULES.find((r) => r.meta.code === code)?.meta.examples.trigger ?? '';
      assert.ok(schemaErrors(trigger).length > 0, `${code}: the schemas accept its trigger`);
    }
  });

  it('are not registered with Red Hat YAML by the extension (two sources would report one mistake twice)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: Record<string, unknown> };
    assert.equal(pkg.contributes.yamlValidation, undefined);
    assert.equal(pkg.contributes.jsonValidation, undefined);
    // the YAML extension's API for schema providers, or a dependency on it
    for (const f of readdirSync('client/src', { recursive: true }) as string[])
      if (f.endsWith('.ts'))
        assert.doesNotMatch(
          readFileSync(join('client/src', f), 'utf8'),
          /registerContributor|redhat\.vscode-yaml/,
          f,
        );
  });

  it('check only SecretProviderClass documents, and those fully', () => {
    assert.deepEqual(
      schemaErrors('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: "1"}\n'),
      [],
    );
    assert.ok(schemaErrors('kind: SecretProviderClass\n').some((e) => / required .*apiVersion/.test(e)));
  });

  it('carry examples that are themselves valid', () => {
    const check = (validate: typeof validateClass, examples: unknown[] | undefined, what: string) => {
      assert.ok(examples && examples.length > 0, what);
      for (const e of examples) assert.ok(validate(e), `${what}: ${JSON.stringify(validate.errors)}`);
    };
    check(validateClass, classSchema.examples, 'class');
    check(validateObjects, objectsSchema.examples, 'objects');
    const inner = (classSchema.examples?.[0] as { spec: { parameters: { objects: string } } }).spec.parameters
      .objects;
    assert.ok(validateObjects(goJson(parseAllDocuments(inner, FAILSAFE)[0]?.contents as Node, true)));
  });
});

// ---- completion, hovers and the unknown-key rules against the schemas ----

function resolve(s: Schema, root: Schema): Schema {
  if (!s.$ref) return s;
  const name = s.$ref.replace('#/definitions/', '');
  return { ...(root.definitions?.[name] as Schema), ...s, $ref: undefined };
}

const ROOT: Record<KeyScope, Schema> = {
  param: classSchema,
  entry: objectsSchema,
  jmesPath: objectsSchema,
  failoverObject: objectsSchema,
};

const COMPLETION: Record<KeyScope, KeyInfo[]> = {
  param: PARAMETER_KEYS,
  entry: ENTRY_KEYS,
  jmesPath: JMES_KEYS,
  failoverObject: FAILOVER_KEYS,
};

const RULE_FIELDS: Record<KeyScope, readonly string[]> = {
  param: KNOWN_PARAMETERS,
  entry: ENTRY_FIELDS,
  jmesPath: JMES_FIELDS,
  failoverObject: FAILOVER_FIELDS,
};

const typesOf = (s: Schema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

describe('schemas/ against completion, hovers and the unknown-key rules', () => {
  for (const scope of Object.keys(COMPLETION) as KeyScope[]) {
    const props = SCHEMA_PROPERTIES[scope] as Record<string, Schema>;
    const keys = Object.keys(props);

    it(`${scope}: the rules know exactly the schema's keys, in its order`, () => {
      assert.deepEqual([...RULE_FIELDS[scope]], keys);
    });

    it(`${scope}: completion offers exactly the schema's keys, with its titles`, () => {
      assert.deepEqual(
        COMPLETION[scope].map((k) => k.key),
        keys,
      );
      for (const info of COMPLETION[scope]) {
        const s = resolve(props[info.key] as Schema, ROOT[scope]);
        assert.equal(info.detail, s.title, `${scope}.${info.key}: completion detail vs schema title`);
        const types = typesOf(s);
        const block = types.includes('array') ? 'list' : types.includes('object') ? 'map' : undefined;
        assert.equal(info.block, block, `${scope}.${info.key}: block`);
        const constrained = s.enum !== undefined || s.pattern !== undefined;
        assert.equal(info.values === true, constrained, `${scope}.${info.key}: values completed`);
      }
    });

    it(`${scope}: hovers are the schema's descriptions`, () => {
      assert.deepEqual(
        keyDocs(scope).map((d) => [d.key, d.text]),
        keys.map((k) => [k, (props[k] as Schema).description]),
      );
    });
  }

  it('completes the values the schemas allow', () => {
    const entry = objectsSchema.definitions?.entry?.properties ?? {};
    const values = (s: Schema | undefined) => (s?.enum ?? []).filter((v) => v !== '' && v !== null);
    assert.deepEqual(
      OBJECT_TYPES.map((v) => v.value),
      values(entry.objectType),
    );
    const perm = objectsSchema.definitions?.filePermission as Schema;
    assert.deepEqual(
      FILE_PERMISSIONS.map((v) => v.value),
      perm.examples,
    );
    for (const v of FILE_PERMISSIONS) assert.match(v.value, new RegExp(perm.pattern ?? '$^'));
    const params = classSchema.definitions?.parameters?.properties ?? {};
    assert.deepEqual(
      (PARAMETER_VALUES.preferredAddressType ?? []).map((v) => v.value),
      values(params.preferredAddressType),
    );
    for (const v of PARAMETER_VALUES.usePodIdentity ?? [])
      assert.ok(params.usePodIdentity?.enum?.includes(v.value), v.value);
    assert.deepEqual(
      (PARAMETER_VALUES.pathTranslation ?? []).map((v) => v.value),
      params.pathTranslation?.examples,
    );
    for (const v of PARAMETER_VALUES.pathTranslation ?? [])
      assert.match(v.value, new RegExp(params.pathTranslation?.pattern ?? '$^'));
    assert.deepEqual(Object.keys(PARAMETER_VALUES).sort(), [
      'pathTranslation',
      'preferredAddressType',
      'usePodIdentity',
    ]);
  });
});
