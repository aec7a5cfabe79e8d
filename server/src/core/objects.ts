// Decodes the embedded `objects` string the way ASCP does: sigs.k8s.io/yaml over go-yaml v2 (YAML 1.1)
// into []*SecretDescriptor with encoding/json's rules (case-insensitive keys, unknown keys ignored,
// scalars coerced into string fields, only the first YAML document read). Every inner position is
// mapped back to the outer document through the scalar source map.
import { closest, distance } from 'fastest-levenshtein';
import {
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import type {
  EntryModel,
  FailoverModel,
  JmesEntryModel,
  ObjectsFacts,
  ObjectsModel,
  OffsetMap,
  StrValue,
} from './model';
import { mapScalar, mapScalarSource, type ScalarMap } from './scalar-map';
import { overlapsMask } from './templates';
import type { Span } from './types';
import { keyText, nodeSpan, strValueOf, type Mapper } from './yamlnav';

export const ENTRY_FIELDS = [
  'objectName',
  'objectType',
  'objectAlias',
  'objectVersion',
  'objectVersionLabel',
  'filePermission',
  'jmesPath',
  'failoverObject',
] as const;
/** The fields of an entry that are Go strings. */
export const ENTRY_STRING_FIELDS = [
  'objectName',
  'objectType',
  'objectAlias',
  'objectVersion',
  'objectVersionLabel',
  'filePermission',
] as const;
export const JMES_FIELDS = ['path', 'objectAlias', 'filePermission'] as const;
export const FAILOVER_FIELDS = ['objectName', 'objectVersion', 'objectVersionLabel'] as const;

const INNER_OPTS = {
  schema: 'failsafe',
  keepSourceTokens: false,
  uniqueKeys: false,
  version: '1.1',
  prettyErrors: false,
  strict: false,
} as const;

function emptyFacts(): ObjectsFacts {
  return {
    syntaxErrors: [],
    shapeErrors: [],
    unknownKeys: [],
    duplicateKeys: [],
    coercions: [],
    extraDocuments: [],
    templated: false,
  };
}

/** JSON kind names as encoding/json prints them in "cannot unmarshal X into ..." */
function jsonKind(v: StrValue): string {
  switch (v.kind) {
    case 'map':
      return 'object';
    case 'seq':
      return 'array';
    case 'int':
    case 'float':
      return 'number';
    case 'bool':
      return 'bool';
    default:
      return 'string';
  }
}

export function decodeObjects(text: string, value: StrValue, masks: Span[]): ObjectsModel {
  const facts = emptyFacts();
  const model: ObjectsModel = { value, map: undefined, text: '', entries: [], facts, parsed: false };
  if (overlapsMask(masks, value.span)) {
    facts.templated = true;
    return model;
  }
  const node = value.node;
  if (!node || !isScalar(node)) {
    model.parsed = value.kind === 'null';
    return model;
  }
  let map: ScalarMap | undefined;
  try {
    map = mapScalar(text, node as Scalar);
  } catch {
    map = undefined;
  }
  model.map = map;
  const inner = map ? map.value : String((node as Scalar).value ?? '');
  model.text = inner;
  const whole = value.span;
  const toDoc: Mapper = map ? (s, e) => map.spanToSource(s, e) : () => ({ ...whole });
  if (inner.trim() === '') {
    model.parsed = true;
    return model;
  }
  let docs;
  try {
    docs = parseAllDocuments(inner, INNER_OPTS);
  } catch {
    facts.syntaxErrors.push({ message: 'the objects string could not be parsed', span: whole });
    return model;
  }
  const list = Array.isArray(docs) ? docs : [];
  const first = list[0];
  if (!first) {
    model.parsed = true;
    return model;
  }
  const later = list.slice(1).filter((d) => d.contents !== null);
  if (later.length > 0) {
    const firstLater = later[0];
    const lastLater = later[later.length - 1];
    const s = firstLater?.range && lastLater?.range ? toDoc(firstLater.range[0], lastLater.range[1]) : whole;
    facts.extraDocuments.push({ span: s, count: later.length });
  }
  if (first.errors.length > 0) {
    for (const e of first.errors) {
      facts.syntaxErrors.push({
        message: (e.message.split('\n')[0] ?? e.message).replace(/\s+$/, ''),
        span: toDoc(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)),
      });
    }
    return model;
  }
  const contents = first.contents as Node | null;
  const ctx: Ctx = { facts, toDoc, inner, outerMap: map };
  if (
    contents === null ||
    (isScalar(contents) && (contents.value === null || contents.value === '') && contents.type === 'PLAIN')
  ) {
    model.parsed = true;
    return model;
  }
  if (!isSeq(contents)) {
    const kind = isMap(contents) ? 'object' : 'string';
    const span = nodeSpan(contents, toDoc) ?? whole;
    facts.shapeErrors.push({
      span,
      message:
        kind === 'object'
          ? 'objects must be a YAML list of entries (`- objectName: ...`), not a mapping'
          : 'objects must be a YAML list of entries (`- objectName: ...`), not a single string',
      goMessage: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type []*provider.SecretDescriptor`,
    });
    return model;
  }
  model.parsed = true;
  contents.items.forEach((item, index) => {
    const entry = readEntry(item as Node | null, index, ctx);
    if (entry) model.entries.push(entry);
  });
  return model;
}

interface Ctx {
  facts: ObjectsFacts;
  toDoc: Mapper;
  inner: string;
  outerMap: ScalarMap | undefined;
}

function itemStart(node: Node, ctx: Ctx): Span {
  if (isMap(node) && node.items[0]) {
    const k = nodeSpan(node.items[0].key as Node, ctx.toDoc);
    if (k) return k;
  }
  return nodeSpan(node, ctx.toDoc) ?? { start: 0, end: 0 };
}

/** The `-` indicator of an empty list item (the item's own node is empty and sits after it). */
function dashSpan(node: Node | null, ctx: Ctx): Span {
  const at = node?.range?.[0];
  if (at === undefined) return { start: 0, end: 0 };
  let i = at - 1;
  while (i >= 0 && (ctx.inner[i] === ' ' || ctx.inner[i] === '\t')) i--;
  const start = i >= 0 && ctx.inner[i] === '-' ? i : at;
  return ctx.toDoc(start, start + 1);
}

function isNullNode(node: Node | null): boolean {
  if (node === null || node === undefined) return true;
  if (isScalar(node) && node.type === 'PLAIN') {
    const v = node.value == null ? '' : String(node.value);
    return v === '' || v === '~' || v === 'null' || v === 'Null' || v === 'NULL';
  }
  return false;
}

/**
 * Resolves the keys of a mapping to Go struct fields like encoding/json: an exact name match first,
 * else a case-insensitive one. When several keys land on one field, Go keeps the last one in
 * json.Marshal's sorted key order; exact duplicates: the last in the file.
 */
function resolveFields(
  map: YAMLMap,
  fields: readonly string[],
  where: 'entry' | 'jmesPath' | 'failoverObject',
  ctx: Ctx,
): Map<string, { pair: Pair; key: string }> {
  const chosen = new Map<string, { pair: Pair; key: string }>();
  const seen = new Map<string, Pair[]>();
  for (const pair of map.items) {
    const key = keyText(pair);
    if (key === undefined) continue;
    const field = fields.find((f) => f === key) ?? fields.find((f) => f.toLowerCase() === key.toLowerCase());
    if (!field) {
      const k = key.toLowerCase();
      const best = closest(
        k,
        fields.map((f) => f.toLowerCase()),
      );
      const dist = distance(k, best);
      const suggestion =
        dist <= Math.max(2, Math.floor(best.length / 4))
          ? fields.find((f) => f.toLowerCase() === best)
          : undefined;
      const u: ObjectsFacts['unknownKeys'][number] = {
        key,
        span: nodeSpan(pair.key as Node, ctx.toDoc) ?? { start: 0, end: 0 },
        where,
      };
      if (suggestion) u.suggestion = suggestion;
      ctx.facts.unknownKeys.push(u);
      continue;
    }
    const list = seen.get(field) ?? [];
    list.push(pair);
    seen.set(field, list);
  }
  for (const [field, pairs] of seen) {
    let winner = pairs[0] as Pair;
    for (const p of pairs.slice(1)) {
      const a = keyText(winner) ?? '';
      const b = keyText(p) ?? '';
      if (a === b || b > a) winner = p; // later exact duplicate, or later in sorted order
    }
    for (const p of pairs) {
      if (p === winner) continue;
      ctx.facts.duplicateKeys.push({
        key: keyText(p) ?? field,
        span: nodeSpan(p.key as Node, ctx.toDoc) ?? { start: 0, end: 0 },
        firstSpan: nodeSpan(winner.key as Node, ctx.toDoc) ?? { start: 0, end: 0 },
      });
    }
    chosen.set(field, { pair: winner, key: keyText(winner) ?? field });
  }
  return chosen;
}

function stringField(
  chosen: Map<string, { pair: Pair; key: string }>,
  field: string,
  goStruct: string,
  ctx: Ctx,
): StrValue | undefined {
  const c = chosen.get(field);
  if (!c) return undefined;
  const v = strValueOf(c.pair, ctx.toDoc, c.key);
  if (v.kind === 'map' || v.kind === 'seq') {
    ctx.facts.shapeErrors.push({
      span: v.span,
      message: `\`${c.key}\` must be a string, not ${v.kind === 'map' ? 'a mapping' : 'a list'}`,
      goMessage: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go struct field ${goStruct}.${field} of type string`,
    });
    return { ...v, value: '' };
  }
  if (v.kind === 'bool' || v.kind === 'int' || v.kind === 'float') {
    ctx.facts.coercions.push({
      field,
      source: v.plainSource ?? '',
      value: v.value,
      kind: v.kind,
      span: v.span,
    });
  }
  return v;
}

function readEntry(node: Node | null, index: number, ctx: Ctx): EntryModel | undefined {
  if (isNullNode(node)) {
    const span = dashSpan(node, ctx);
    return { index, span, itemStart: span, isNull: true, jmesPath: [] };
  }
  const n = node as Node;
  if (!isMap(n)) {
    const kind = isSeq(n) ? 'array' : 'string';
    ctx.facts.shapeErrors.push({
      span: nodeSpan(n, ctx.toDoc) ?? { start: 0, end: 0 },
      message: `each entry of objects must be a mapping (\`objectName: ...\`), not ${kind === 'array' ? 'a list' : 'a string'}`,
      goMessage: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type provider.SecretDescriptor`,
    });
    return undefined;
  }
  const chosen = resolveFields(n, ENTRY_FIELDS, 'entry', ctx);
  const entry: EntryModel = {
    index,
    span: nodeSpan(n, ctx.toDoc) ?? { start: 0, end: 0 },
    itemStart: itemStart(n, ctx),
    isNull: false,
    jmesPath: [],
  };
  for (const f of ENTRY_STRING_FIELDS) {
    const v = stringField(chosen, f, 'SecretDescriptor', ctx);
    if (v) entry[f] = v;
  }
  const jp = chosen.get('jmesPath');
  if (jp) {
    const jv = strValueOf(jp.pair, ctx.toDoc, jp.key);
    entry.jmesPathKey = jv;
    const seq = jp.pair.value as Node | null;
    if (isSeq(seq)) {
      seq.items.forEach((it, i) => {
        const j = readJmes(it as Node | null, i, ctx);
        if (j) entry.jmesPath.push(j);
      });
    } else if (!isNullNode(seq)) {
      ctx.facts.shapeErrors.push({
        span: jv.span,
        message: '`jmesPath` must be a list of `- path: ...` / `objectAlias: ...` entries',
        goMessage: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(jv)} into Go struct field SecretDescriptor.jmesPath of type []provider.JMESPathEntry`,
      });
    }
  }
  const fo = chosen.get('failoverObject');
  if (fo) {
    const fv = strValueOf(fo.pair, ctx.toDoc, fo.key);
    const m = fo.pair.value as Node | null;
    if (isMap(m)) {
      const fc = resolveFields(m, FAILOVER_FIELDS, 'failoverObject', ctx);
      const f: FailoverModel = { span: fv.span, keySpan: fv.keySpan };
      for (const k of FAILOVER_FIELDS) {
        const v = stringField(fc, k, 'SecretDescriptor.failoverObject', ctx);
        if (v) f[k] = v;
      }
      entry.failoverObject = f;
    } else if (!isNullNode(m)) {
      ctx.facts.shapeErrors.push({
        span: fv.span,
        message:
          '`failoverObject` must be a mapping with `objectName` (and optionally `objectVersion` / `objectVersionLabel`)',
        goMessage: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(fv)} into Go struct field SecretDescriptor.failoverObject of type provider.FailoverObjectEntry`,
      });
    }
  }
  return entry;
}

function readJmes(node: Node | null, index: number, ctx: Ctx): JmesEntryModel | undefined {
  if (isNullNode(node)) {
    const span = dashSpan(node, ctx);
    return { index, span, itemStart: span, fields: new Map() };
  }
  const n = node as Node;
  if (!isMap(n)) {
    ctx.facts.shapeErrors.push({
      span: nodeSpan(n, ctx.toDoc) ?? { start: 0, end: 0 },
      message: 'each `jmesPath` entry must be a mapping with `path` and `objectAlias`',
      goMessage: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${isSeq(n) ? 'array' : 'string'} into Go struct field SecretDescriptor.jmesPath of type provider.JMESPathEntry`,
    });
    return undefined;
  }
  const chosen = resolveFields(n, JMES_FIELDS, 'jmesPath', ctx);
  const j: JmesEntryModel = {
    index,
    span: nodeSpan(n, ctx.toDoc) ?? { start: 0, end: 0 },
    itemStart: itemStart(n, ctx),
    fields: new Map(),
  };
  for (const f of JMES_FIELDS) {
    const v = stringField(chosen, f, 'SecretDescriptor.jmesPath', ctx);
    if (v) {
      j[f] = v;
      j.fields.set(f, v);
    }
  }
  const pathNode = chosen.get('path')?.pair.value as Node | null | undefined;
  if (j.path && pathNode && isScalar(pathNode) && pathNode.range) {
    j.pathMap = composeMap(ctx, pathNode as Scalar);
  }
  return j;
}

/** Map from offsets in a decoded inner scalar to document offsets (inner map composed with the outer one). */
function composeMap(ctx: Ctx, node: Scalar): OffsetMap | undefined {
  const r = node.range;
  if (!r || !node.type) return undefined;
  let inner: ScalarMap | null = null;
  try {
    inner = mapScalarSource(ctx.inner, r[0], r[1], node.type);
  } catch {
    inner = null;
  }
  if (!inner || String(node.value ?? '') !== inner.value) return undefined;
  const outer = ctx.outerMap;
  const innerMap = inner;
  if (!outer) return undefined;
  return {
    exact: innerMap.exact && outer.exact,
    toSource: (i: number) => outer.toSource(innerMap.toSource(i)),
  };
}
