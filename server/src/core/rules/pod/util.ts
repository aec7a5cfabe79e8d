// Helpers shared by the pod-side rules: API-server field paths, YAML text edits that keep the
// document's indentation and quoting, "did you mean" suggestions, and whether a class's mounted file
// names are known precisely enough to judge references to them.
import { closest, distance } from 'fastest-levenshtein';
import { isMap, type Node, type YAMLMap } from 'yaml';
import { resolvePlainGo } from '../../goyaml';
import type {
  ClassModel,
  ContainerModel,
  CsiVolumeModel,
  DocModel,
  StrValue,
  WorkloadModel,
} from '../../model';
import type { MountedFile, Translation } from '../../mounts';
import { WORKLOAD_PODSPEC } from '../../parse';
import type { Span } from '../../types';
import { getMap, getPair, getSeq, plainString } from '../../yamlnav';
import { lineEndOf, lineStartOf, quoted } from '../edits';
import { q, type WorkloadRef, type WorkspaceView } from '../rule';

export const CSI_DRIVER_NAME = 'secrets-store.csi.k8s.io';

/** The field path of the pod spec inside the workload, as the API server prints it (`spec.template.spec`). */
export function podSpecPath(w: WorkloadModel): string {
  return (WORKLOAD_PODSPEC[w.workloadKind] ?? ['spec']).join('.');
}

const API_GROUP: Record<string, string> = {
  Deployment: 'apps',
  StatefulSet: 'apps',
  DaemonSet: 'apps',
  ReplicaSet: 'apps',
  Job: 'batch',
  CronJob: 'batch',
};

/** How the API server names the object in a validation error: `Pod "web"`, `Deployment.apps "web"`. */
export function objectRef(w: WorkloadModel): string {
  const group = API_GROUP[w.workloadKind];
  return `${w.workloadKind}${group ? '.' + group : ''} "${w.name ?? ''}"`;
}

/** Go encoding/json's name for a YAML value's JSON kind in "cannot unmarshal <kind> into ...". */
export function goJsonKind(kind: StrValue['kind']): string {
  switch (kind) {
    case 'bool':
      return 'bool';
    case 'int':
    case 'float':
      return 'number';
    case 'map':
      return 'object';
    case 'seq':
      return 'array';
    default:
      return 'string';
  }
}

/** The JSON-schema type name a CRD validation error prints ("must be of type string: \"boolean\""). */
export function schemaType(kind: StrValue['kind']): string | undefined {
  return { bool: 'boolean', int: 'integer', float: 'number', map: 'object', seq: 'array' }[kind as string];
}

/** `Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal ...` — the decoding failure. */
export function decodeError(
  doc: DocModel,
  w: WorkloadModel,
  jsonKind: string,
  field: string,
  goType: string,
): string {
  const api = plainString(getPair(doc.root, 'apiVersion')?.value as Node) ?? 'v1';
  const version = api.includes('/') ? api.slice(api.indexOf('/') + 1) : api;
  return `${w.workloadKind} in version "${version}" cannot be handled as a ${w.workloadKind}: json: cannot unmarshal ${jsonKind} into Go struct field CSIVolumeSource.${podSpecPath(w)}.volumes.csi.${field} of type ${goType}`;
}

/** The pod spec mapping of a workload document. */
export function podSpecNode(doc: DocModel, w: WorkloadModel): YAMLMap | undefined {
  let m: YAMLMap | undefined = doc.root;
  for (const k of WORKLOAD_PODSPEC[w.workloadKind] ?? []) m = getMap(m, k);
  return m;
}

/** The index of a volume in `volumes`, for API-server field paths. */
export function volumeIndex(doc: DocModel, w: WorkloadModel, vol: CsiVolumeModel): number | undefined {
  const items = getSeq(podSpecNode(doc, w), 'volumes')?.items ?? [];
  const i = items.findIndex((n) => (n as Node | null)?.range?.[0] === vol.span.start);
  return i === -1 ? undefined : i;
}

/** Names of every volume in the pod, or undefined when some volume cannot be read reliably (not a
 * mapping, no literal name, or written through an alias/template). */
export function allVolumeNames(doc: DocModel, w: WorkloadModel): Set<string> | undefined {
  const spec = podSpecNode(doc, w);
  const volumes = getPair(spec, 'volumes');
  if (!volumes) return new Set();
  const seq = getSeq(spec, 'volumes');
  if (!seq) return undefined;
  const names = new Set<string>();
  for (const item of seq.items) {
    if (!isMap(item)) return undefined;
    const name = plainString(getPair(item, 'name')?.value as Node);
    if (name === undefined) return undefined;
    names.add(name);
  }
  return names;
}

/** `spec.template.spec.initContainers[1]` for a container. */
export function containerPath(w: WorkloadModel, c: ContainerModel): string {
  const same = w.containers.filter((x) => x.init === c.init);
  return `${podSpecPath(w)}.${c.init ? 'initContainers' : 'containers'}[${same.indexOf(c)}]`;
}

/** True when a value's text holds a Helm/Go template action (we never judge templated values). */
export function templated(doc: DocModel, span: Span): boolean {
  return doc.text.slice(span.start, span.end).includes('{{');
}

const TEMPLATED_NS = /^\s*namespace:\s*["']?\{\{/m;
/** Link rules ask this for every class x workload pair: the answer is computed once per document. */
const nsTemplated = new WeakMap<DocModel, boolean>();

/** The document's metadata.namespace is a template (its value is masked, not comparable). */
export function namespaceTemplated(doc: DocModel): boolean {
  let v = nsTemplated.get(doc);
  if (v === undefined) {
    v = doc.text.includes('{{') && TEMPLATED_NS.test(doc.text);
    nsTemplated.set(doc, v);
  }
  return v;
}

/** Per workspace view: whether some class's name is a template (it could be any name). */
const classNameTemplated = new WeakMap<WorkspaceView, boolean>();

export function anyClassNameTemplated(view: WorkspaceView): boolean {
  let v = classNameTemplated.get(view);
  if (v === undefined) {
    v = view.classes.some((c) => templated(c.doc, c.cls.nameSpan));
    classNameTemplated.set(view, v);
  }
  return v;
}

interface VolumeIndex {
  /** workloads with a volume whose (untemplated) secretProviderClass is the key */
  byClass: Map<string, WorkloadRef[]>;
  /** workloads with a volume whose secretProviderClass is a template (it could name any class) */
  templatedClass: WorkloadRef[];
  order: Map<WorkloadRef, number>;
}
const volumeIndexes = new WeakMap<WorkspaceView, VolumeIndex>();

/**
 * The workloads, in workspace order, that have a CSI volume naming class `name` or naming a class
 * through a template: every other workload's volumes are irrelevant to that class. Built once per
 * view, so that a rule looking at every class does not scan every workload for each.
 */
export function workloadsNamingClass(view: WorkspaceView, name: string): WorkloadRef[] {
  let ix = volumeIndexes.get(view);
  if (!ix) {
    ix = { byClass: new Map(), templatedClass: [], order: new Map() };
    view.workloads.forEach((ref, i) => {
      (ix as VolumeIndex).order.set(ref, i);
      let isTemplated = false;
      const names = new Set<string>();
      for (const vol of ref.workload.volumes) {
        const spc = vol.secretProviderClass;
        if (!spc) continue;
        if (templated(ref.doc, spc.span)) isTemplated = true;
        else names.add(spc.value);
      }
      if (isTemplated) (ix as VolumeIndex).templatedClass.push(ref);
      for (const n of names) {
        const list = (ix as VolumeIndex).byClass.get(n) ?? [];
        list.push(ref);
        (ix as VolumeIndex).byClass.set(n, list);
      }
    });
    volumeIndexes.set(view, ix);
  }
  const named = ix.byClass.get(name) ?? [];
  if (ix.templatedClass.length === 0) return named;
  const order = ix.order;
  return [...new Set([...named, ...ix.templatedClass])].sort(
    (a, b) => (order.get(a) as number) - (order.get(b) as number),
  );
}

/** Is a CSI volume mounted by some container or initContainer? */
export function isMounted(w: WorkloadModel, volumeName: string): boolean {
  return w.containers.some((c) => c.mounts.some((m) => m.name?.value === volumeName));
}

/** A string that YAML 1.1 (kubectl) reads back as the same string when written unquoted. */
function plainSafe(v: string): boolean {
  return (
    /^[A-Za-z0-9_./][A-Za-z0-9_./:@+-]*$/.test(v) && !v.endsWith(':') && resolvePlainGo(v).kind === 'string'
  );
}

/** Text that replaces `original`'s value with `value`, keeping its quoting style where possible. */
export function scalarText(doc: DocModel, original: StrValue, value: string): string {
  const first = original.node ? doc.text[original.span.start] : undefined;
  if (first === '"') return quoted(value);
  if (first === "'") return `'${value.replace(/'/g, "''")}'`;
  return plainSafe(value) ? value : quoted(value);
}

/** A replacement edit for a value (or, when the key has no value, text inserted after its colon). */
export function replaceValue(doc: DocModel, v: StrValue, newText: string): { span: Span; newText: string } {
  if (v.node === null || v.span.start === v.keySpan.start) {
    const colon = doc.text.indexOf(':', v.keySpan.end);
    const at = colon === -1 ? v.keySpan.end : colon + 1;
    return { span: { start: at, end: at }, newText: ' ' + newText };
  }
  return { span: v.span, newText };
}

/** The indentation of a key when it starts its own line (only whitespace before it), else undefined. */
function ownLineIndent(text: string, offset: number): string | undefined {
  const start = lineStartOf(text, offset);
  const before = text.slice(start, offset);
  return /^[ ]*$/.test(before) ? before : undefined;
}

/**
 * An edit adding `line` (e.g. `readOnly: true`) to a mapping: after the line of `after` when given (a
 * single-line scalar pair of that mapping), else before its first key, using the indentation of the
 * mapping's own keys. Flow mappings get `line, ` before their first key. Undefined when the layout is
 * unusual enough that a correct edit is not obvious.
 */
export function insertIntoMap(
  doc: DocModel,
  map: Node | null,
  line: string,
  after?: StrValue,
): { span: Span; newText: string } | undefined {
  if (!isMap(map) || !map.range) return undefined;
  const text = doc.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const first = map.items[0]?.key as Node | undefined;
  const firstStart = first?.range?.[0];
  if (map.flow) {
    if (firstStart === undefined) {
      return { span: { start: map.range[0], end: map.range[1] }, newText: `{ ${line} }` };
    }
    return { span: { start: firstStart, end: firstStart }, newText: `${line}, ` };
  }
  if (firstStart === undefined) return undefined;
  const indent = ownLineIndent(text, firstStart);
  if (indent === undefined) return undefined;
  if (after && after.node && !text.slice(after.keySpan.start, after.span.end).includes('\n')) {
    const end = lineEndOf(text, after.span.end);
    return { span: { start: end, end }, newText: `${eol}${indent}${line}` };
  }
  const start = lineStartOf(text, firstStart);
  return { span: { start, end: start }, newText: `${indent}${line}${eol}` };
}

/** The candidate closest to `name`, when it is close enough to be a plausible typo. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...new Set(candidates)].filter((c) => c !== name && c !== '');
  if (list.length === 0) return undefined;
  const lower = list.find((c) => c.toLowerCase() === name.toLowerCase());
  if (lower) return lower;
  const extended = list.filter((c) => c.startsWith(name) || c.endsWith(name));
  if (name.length >= 4 && extended.length === 1) return extended[0];
  const best = closest(name, list);
  const limit = Math.max(2, Math.floor(Math.max(name.length, best.length) / 3));
  return distance(name, best) <= limit ? best : undefined;
}

/**
 * Whether the file names a class mounts are known exactly: `objects` parsed into a list without
 * syntax or shape errors, nothing templated, and a valid `pathTranslation`. Otherwise rules that compare
 * names against the mounted files stay silent rather than guess.
 */
export function filesKnown(cls: ClassModel, translation: Translation): boolean {
  const o = cls.objects;
  if (!o || !o.parsed || o.facts.templated) return false;
  if (o.facts.syntaxErrors.length > 0 || o.facts.shapeErrors.length > 0) return false;
  return translation.mode !== 'invalid';
}

/** Unique file names, in mount order. */
export function fileNames(files: MountedFile[]): string[] {
  return [...new Set(files.map((f) => f.name))];
}

/** `a`, `b`, `c` (and N more) for messages. */
export function listNames(names: string[], max = 8): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, max).map(q).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
