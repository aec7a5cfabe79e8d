// Exact text for renames. A value outside `objects` is replaced in its own scalar style; a value inside
// `objects` is encoded twice (inner scalar style, then the outer style of the `objects` scalar) and
// only where the objects source map is exact and the value's source is verbatim enough to check. Every
// planned edit is then proved by re-parsing the edited document: the renamed values must read back as
// the new name and every other value the analysis sees must be unchanged. Anything else is refused
// with a reason, never approximated.
import { isScalar, type Scalar } from 'yaml';
import { resolvePlainGo } from '../core/goyaml';
import type { DocModel, ObjectsModel, StrValue } from '../core/model';
import { parseDoc } from '../core/parse';
import type { Span } from '../core/types';

/** A replacement in document-relative offsets. */
export interface DocEdit {
  span: Span;
  newText: string;
}

export interface Refusal {
  reason: string;
}

export function refused(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && 'reason' in x;
}

/** Characters a plain scalar may hold anywhere, block or flow context, without changing meaning. */
const PLAIN_SAFE = /^[A-Za-z0-9_./][A-Za-z0-9_./@+-]*$/;

/** A string that go-yaml v2 reads back unquoted as the same string. */
export function plainSafe(s: string): boolean {
  if (!PLAIN_SAFE.test(s)) return false;
  const r = resolvePlainGo(s);
  return r.kind === 'string' && r.asString === s;
}

function scalarOf(v: StrValue): Scalar | undefined {
  return v.node && isScalar(v.node) ? (v.node as Scalar) : undefined;
}

/** Writes `value` as a scalar of the given style; undefined for styles we do not write (block scalars). */
export function encodeScalar(value: string, type: Scalar['type']): string | undefined {
  switch (type) {
    case 'PLAIN':
      return plainSafe(value) ? value : JSON.stringify(value);
    case 'QUOTE_DOUBLE':
      // JSON escapes (\" \\ \n \uXXXX ...) are all YAML double-quoted escapes.
      return JSON.stringify(value);
    case 'QUOTE_SINGLE':
      return `'${value.replace(/'/g, "''")}'`;
    default:
      return undefined;
  }
}

/** The text between the quotes of a quoted scalar when it is the value verbatim, else the whole value. */
function contentRange(source: string, range: Span, value: string, type: Scalar['type']): Span {
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
    const inside = { start: range.start + 1, end: range.end - 1 };
    if (inside.end >= inside.start && source.slice(inside.start, inside.end) === value) return inside;
  }
  return range;
}

/** Where a value outside `objects` is shown: its characters without quotes, when that is exact. */
export function outerDisplaySpan(doc: DocModel, v: StrValue): Span {
  const n = scalarOf(v);
  if (!n) return v.span;
  return contentRange(doc.text, v.span, v.value, n.type);
}

/** Where a value inside `objects` is shown in the document (the whole objects value when the map is inexact). */
export function innerDisplaySpan(objects: ObjectsModel, v: StrValue): Span {
  const n = scalarOf(v);
  const map = objects.map;
  if (!n || !n.range || !map) return v.span;
  const r = contentRange(objects.text, { start: n.range[0], end: n.range[1] }, v.value, n.type);
  return map.spanToSource(r.start, r.end);
}

/** Replaces a value outside `objects` keeping its scalar style (plain becomes double-quoted when it must). */
export function outerEdit(v: StrValue, value: string): DocEdit | Refusal {
  const n = scalarOf(v);
  if (!n) return { reason: 'the value is not a scalar' };
  const text = encodeScalar(value, n.type);
  if (text === undefined) return { reason: 'the value is a block scalar; edit it by hand' };
  return { span: v.span, newText: text };
}

/** How the outer `objects` scalar writes inner text, or undefined where it would need more than escaping. */
function encodeOuter(inner: string, type: Scalar['type']): string | undefined {
  if (/[\r\n]/.test(inner)) return undefined;
  switch (type) {
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
    case 'PLAIN':
      return inner;
    case 'QUOTE_DOUBLE':
      return inner.replace(/[\\"]/g, (c) => '\\' + c);
    case 'QUOTE_SINGLE':
      return inner.replace(/'/g, "''");
    default:
      return undefined;
  }
}

/**
 * Replaces a value inside `objects`. The inner scalar (quotes included) is rewritten in its own style,
 * then written in the outer style. Refused unless the objects map is exact, the inner value sits on one
 * line, and re-encoding the current inner text reproduces the document text exactly (so the encoding
 * we apply is the one this document uses).
 */
export function innerEdit(
  doc: DocModel,
  objects: ObjectsModel,
  v: StrValue,
  value: string,
): DocEdit | Refusal {
  const outer = objects.value.node;
  const map = objects.map;
  if (!map || !map.exact || !outer || !isScalar(outer))
    return { reason: 'positions inside this objects string are not exact' };
  const n = scalarOf(v);
  if (!n || !n.range) return { reason: 'the value is not a scalar' };
  const innerText = encodeScalar(value, n.type);
  if (innerText === undefined)
    return { reason: 'the value is a block scalar inside objects; edit it by hand' };
  const a = n.range[0];
  const b = n.range[1];
  if (b <= a) return { reason: 'the value is empty' };
  const span = map.spanToSource(a, b);
  const current = objects.text.slice(a, b);
  const outerType = (outer as Scalar).type;
  if (encodeOuter(current, outerType) !== doc.text.slice(span.start, span.end))
    return { reason: 'the value is written with escapes or across lines inside objects; edit it by hand' };
  const newText = encodeOuter(innerText, outerType);
  if (newText === undefined) return { reason: 'the new name cannot be written inside this objects string' };
  return { span, newText };
}

export function applyEdits(text: string, edits: DocEdit[]): string {
  const sorted = [...edits].sort((x, y) => y.span.start - x.span.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

function overlapping(edits: DocEdit[]): boolean {
  const s = [...edits].sort((x, y) => x.span.start - y.span.start);
  for (let i = 1; i < s.length; i++)
    if ((s[i] as DocEdit).span.start < (s[i - 1] as DocEdit).span.end) return true;
  return false;
}

function put(out: Map<string, string>, key: string, v: StrValue | undefined): void {
  if (v) out.set(key, `${v.kind}:${v.value}`);
}

/**
 * Everything the analysis reads from a document, as path -> value. Paths name the renamed values:
 * `class.name`, `vol.<i>.secretProviderClass`, `so.<i>.data.<j>.objectName`, `entry.<i>.objectAlias`,
 * `entry.<i>.jmes.<j>.objectAlias`, `mount.<container>.<k>.subPath`.
 */
export function fingerprint(m: DocModel): Map<string, string> {
  const out = new Map<string, string>();
  out.set('syntaxErrors', String(m.syntaxErrors.length));
  const c = m.class;
  if (c) {
    out.set('class.name', `string:${c.name ?? ''}`);
    out.set('class.namespace', c.namespace ?? '');
    out.set('class.isAws', String(c.isAws));
    for (const [k, p] of c.params) if (k !== 'objects') put(out, `param.${k}`, p.value);
    const o = c.objects;
    if (o) {
      const f = o.facts;
      out.set(
        'objects',
        [o.parsed, o.map?.exact, o.entries.length, f.syntaxErrors.length, f.shapeErrors.length]
          .concat([f.unknownKeys.length, f.duplicateKeys.length, f.coercions.length, f.extraDocuments.length])
          .join(','),
      );
      for (const e of o.entries) {
        const p = `entry.${e.index}`;
        out.set(`${p}.isNull`, String(e.isNull));
        put(out, `${p}.objectName`, e.objectName);
        put(out, `${p}.objectType`, e.objectType);
        put(out, `${p}.objectAlias`, e.objectAlias);
        put(out, `${p}.objectVersion`, e.objectVersion);
        put(out, `${p}.objectVersionLabel`, e.objectVersionLabel);
        put(out, `${p}.filePermission`, e.filePermission);
        out.set(`${p}.jmes`, String(e.jmesPath.length));
        for (const j of e.jmesPath) {
          put(out, `${p}.jmes.${j.index}.path`, j.path);
          put(out, `${p}.jmes.${j.index}.objectAlias`, j.objectAlias);
          put(out, `${p}.jmes.${j.index}.filePermission`, j.filePermission);
        }
        const fo = e.failoverObject;
        if (fo) {
          put(out, `${p}.failover.objectName`, fo.objectName);
          put(out, `${p}.failover.objectVersion`, fo.objectVersion);
          put(out, `${p}.failover.objectVersionLabel`, fo.objectVersionLabel);
        }
      }
    }
    c.secretObjects.forEach((so, i) => {
      put(out, `so.${i}.secretName`, so.secretName);
      put(out, `so.${i}.type`, so.type);
      out.set(`so.${i}.data`, String(so.data.length));
      so.data.forEach((d, j) => {
        put(out, `so.${i}.data.${j}.objectName`, d.objectName);
        put(out, `so.${i}.data.${j}.key`, d.key);
      });
    });
  }
  const w = m.workload;
  if (w) {
    out.set('workload', `${w.workloadKind}/${w.name ?? ''}/${w.namespace ?? ''}`);
    w.volumes.forEach((v, i) => {
      put(out, `vol.${i}.name`, v.name);
      put(out, `vol.${i}.driver`, v.driver);
      for (const [k, a] of v.attributes) put(out, `vol.${i}.${k}`, a);
    });
    w.containers.forEach((c2, ci) => {
      c2.mounts.forEach((mt, k) => {
        put(out, `mount.${ci}.${k}.name`, mt.name);
        put(out, `mount.${ci}.${k}.mountPath`, mt.mountPath);
        put(out, `mount.${ci}.${k}.subPath`, mt.subPath);
      });
    });
  }
  return out;
}

/** A planned change of one value: where, and what the document must read afterwards. */
export interface PlannedEdit extends DocEdit {
  /** fingerprint path of the value */
  path: string;
  /** the value the re-parsed document must hold there */
  value: string;
}

/**
 * Applies the planned edits to one document and re-parses it: each renamed value must read back as
 * planned (a string) and nothing else may change. Returns the new text or a refusal.
 */
export function verifyDocEdits(doc: DocModel, edits: PlannedEdit[]): string | Refusal {
  if (overlapping(edits)) return { reason: 'two edits overlap' };
  const text = applyEdits(doc.text, edits);
  const after = parseDoc(text, doc.index);
  const expected = fingerprint(doc);
  for (const e of edits) expected.set(e.path, `string:${e.value}`);
  const got = fingerprint(after);
  const keys = new Set([...expected.keys(), ...got.keys()]);
  for (const k of keys) {
    if (expected.get(k) !== got.get(k)) return { reason: `the edit would not read back exactly (${k})` };
  }
  return text;
}
