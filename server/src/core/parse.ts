// Outer document model: splits a file into YAML documents, parses each with the `yaml` package and
// recognises SecretProviderClasses and workloads with CSI volumes. Never throws.
import { distance } from 'fastest-levenshtein';
import { isMap, isPair, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type {
  ClassModel,
  ContainerModel,
  CsiVolumeModel,
  DocModel,
  SecretObjectDataModel,
  SecretObjectModel,
  StrValue,
  VolumeMountModel,
  WorkloadModel,
} from './model';
import { decodeObjects } from './objects';
import { WORKLOAD_PODSPEC } from '../shared/workloads';
import { maskTemplates, overlapsMask } from './templates';
import type { Span } from './types';
import { getMap, getPair, getSeq, keyText, nodeSpan, plainString, strValueOf } from './yamlnav';

export const CSI_DRIVER = 'secrets-store.csi.k8s.io';
export const SPC_GROUP = 'secrets-store.csi.x-k8s.io';

export { WORKLOAD_PODSPEC };

export interface DocSegment {
  start: number;
  end: number;
}

/** Splits at document markers (`---` / `...` at column 0). A `---` line starts a new segment; leading
 * blank or comment-only text joins the document that follows it. */
export function splitDocuments(text: string): DocSegment[] {
  const segs: DocSegment[] = [];
  let segStart = 0;
  const markers = new MarkerScanner(text);
  for (let at = markers.next(0); at !== -1; at = markers.next(at + 3)) {
    if (text.charCodeAt(at) === 45 /* - */) {
      if (hasContent(text, segStart, at)) {
        segs.push({ start: segStart, end: at });
        segStart = at;
      }
    } else {
      const lineEnd = text.indexOf('\n', at);
      const end = lineEnd === -1 ? text.length : lineEnd + 1;
      segs.push({ start: segStart, end });
      segStart = end;
    }
  }
  if (segStart < text.length || segs.length === 0) segs.push({ start: segStart, end: text.length });
  return segs;
}

/** A JavaScript line terminator (what `^` and `$` of a multiline RegExp stop at). */
function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/**
 * Finds document markers: `---` or `...` at the start of a line, followed by a space, a tab, a line
 * break or the end (exactly what `/^(?:---|\.\.\.)(?=[ \t]|\r?\n|$)/gm` finds), by native substring
 * search instead of a RegExp walk over every line of a large file. Calls must ask for increasing
 * positions: the next occurrence of each pattern is remembered, so the text is searched once.
 */
class MarkerScanner {
  private dash = -2;
  private dots = -2;
  constructor(private readonly text: string) {}

  next(from: number): number {
    const text = this.text;
    if (this.dash !== -1 && this.dash < from) this.dash = text.indexOf('---', from);
    if (this.dots !== -1 && this.dots < from) this.dots = text.indexOf('...', from);
    while (this.dash !== -1 || this.dots !== -1) {
      const at = this.dash === -1 ? this.dots : this.dots === -1 ? this.dash : Math.min(this.dash, this.dots);
      const after = at + 3;
      if (
        (at === 0 || isLineTerminator(text.charCodeAt(at - 1))) &&
        (after === text.length ||
          text.charCodeAt(after) === 32 ||
          text.charCodeAt(after) === 9 ||
          isLineTerminator(text.charCodeAt(after)))
      )
        return at;
      if (at === this.dash) this.dash = text.indexOf('---', at + 1);
      else this.dots = text.indexOf('...', at + 1);
    }
    return -1;
  }
}

/** Some line of text[start, end) is neither blank nor a comment (scans only up to the first one). */
function hasContent(text: string, start: number, end: number): boolean {
  let ls = start;
  while (ls < end) {
    const nl = text.indexOf('\n', ls);
    const le = nl === -1 || nl > end ? end : nl;
    const t = text.slice(ls, le).trim();
    if (t !== '' && !t.startsWith('#')) return true;
    ls = le + 1;
  }
  return false;
}

/** A document is worth parsing when it mentions a SecretProviderClass or a CSI volume. */
const RELEVANT = /SecretProviderClass|csi/;

const PARSE_OPTS = {
  schema: 'failsafe',
  keepSourceTokens: true,
  uniqueKeys: false,
  version: '1.1',
  prettyErrors: false,
  strict: false,
} as const;

/** Parses one document's text (relative offsets) into a DocModel. */
export function parseDoc(text: string, index: number): DocModel {
  // Documents that can hold neither a SecretProviderClass nor a CSI volume are not parsed at all.
  const relevant = RELEVANT.test(text);
  const model: DocModel = { index, text, doc: undefined, syntaxErrors: [], templated: false };
  if (!relevant) return model;
  const masked = maskTemplates(text);
  const templated = masked.masks.length > 0;
  model.templated = templated;
  let doc;
  try {
    doc = parseDocument(masked.text, PARSE_OPTS);
  } catch {
    return model;
  }
  model.doc = doc;
  if (!templated) {
    for (const e of doc.errors) {
      model.syntaxErrors.push({
        message: firstLine(e.message),
        span: clampSpan(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1), text.length),
      });
    }
  }
  const root = doc.contents;
  if (!isMap(root)) return model;
  model.root = root;
  const kind = plainString(getPair(root, 'kind')?.value as Node);
  const apiVersion = plainString(getPair(root, 'apiVersion')?.value as Node) ?? '';
  if (kind === 'SecretProviderClass' && apiVersion.startsWith(SPC_GROUP + '/')) {
    const cls = readClass(root, masked.text, masked.masks);
    if (cls) model.class = cls;
    // Another provider's class is not ours to judge, not even its YAML (often an envsubst template).
    if (cls && !cls.isAws) model.syntaxErrors = [];
  } else if (kind && WORKLOAD_PODSPEC[kind]) {
    const w = readWorkload(root, kind);
    if (w && w.volumes.length > 0) model.workload = w;
  }
  dropSourceTokens(root, model.class?.objects?.value.node);
  return model;
}

/**
 * The model is cached for as long as the document is unchanged, and every node's `srcToken` keeps the
 * CST of its whole subtree alive: a quarter of the retained memory of a large file. Only the `objects`
 * scalar's token is read later (its block-scalar indentation, by the scalar map and by completion), so
 * every other node lets go of its token once the model is built.
 */
function dropSourceTokens(node: Node | Pair | null | undefined, keep: Node | null | undefined): void {
  if (!node || typeof node !== 'object') return;
  if (isPair(node)) {
    if (node.srcToken !== undefined) node.srcToken = undefined;
    dropSourceTokens(node.key as Node | null, keep);
    dropSourceTokens(node.value as Node | null, keep);
    return;
  }
  if (node !== keep && node.srcToken !== undefined) node.srcToken = undefined;
  if (isMap(node) || isSeq(node)) for (const item of node.items) dropSourceTokens(item as Node | Pair, keep);
}

function clampSpan(start: number, end: number, max: number): Span {
  const s = Math.min(Math.max(0, start), max);
  return { start: s, end: Math.min(Math.max(s, end), max) };
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).replace(/\s+$/, '').replace(/\.$/, '');
}

function meta(root: YAMLMap): { name: string | undefined; nameSpan: Span; namespace: string | undefined } {
  const md = getMap(root, 'metadata');
  const namePair = getPair(md, 'name');
  const nameSpan = (namePair && nodeSpan(namePair.value as Node)) ??
    nodeSpan(getPair(md, 'name')?.key as Node) ??
    nodeSpan(getPair(root, 'metadata')?.key as Node) ??
    nodeSpan(getPair(root, 'kind')?.value as Node) ?? { start: 0, end: 0 };
  return {
    name: plainString(namePair?.value as Node),
    nameSpan,
    namespace: plainString(getPair(md, 'namespace')?.value as Node),
  };
}

function readClass(root: YAMLMap, text: string, masks: Span[]): ClassModel | undefined {
  const m = meta(root);
  const apiPair = getPair(root, 'apiVersion');
  const kindPair = getPair(root, 'kind');
  if (!apiPair || !kindPair) return undefined;
  const spec = getMap(root, 'spec');
  const specPair = getPair(root, 'spec');
  const providerPair = getPair(spec, 'provider');
  const provider = providerPair ? strValueOf(providerPair) : undefined;
  const cls: ClassModel = {
    kind: 'class',
    name: m.name,
    nameSpan: m.nameSpan,
    namespace: m.namespace,
    apiVersion: strValueOf(apiPair),
    isAws:
      provider === undefined || provider.kind !== 'string' || provider.value.trim().toLowerCase() === 'aws',
    specSpan: nodeSpan(specPair?.key as Node) ?? nodeSpan(kindPair.value as Node) ?? { start: 0, end: 0 },
    params: new Map(),
    secretObjects: [],
    kindSpan: nodeSpan(kindPair.value as Node) ?? { start: 0, end: 0 },
  };
  if (provider) cls.provider = provider;
  const paramsPair = getPair(spec, 'parameters');
  if (paramsPair) {
    cls.parametersKey = strValueOf(paramsPair);
    const params = paramsPair.value;
    if (isMap(params)) {
      for (const p of params.items) {
        const key = keyText(p);
        if (key === undefined) continue;
        const value = strValueOf(p);
        if (overlapsMask(masks, value.span)) value.kind = 'string';
        cls.params.set(key, { key, keySpan: value.keySpan, value });
      }
    }
  }
  const objects = cls.params.get('objects');
  if (
    objects &&
    cls.isAws &&
    (objects.value.kind === 'string' ||
      objects.value.kind === 'null' ||
      objects.value.kind === 'int' ||
      objects.value.kind === 'float' ||
      objects.value.kind === 'bool')
  ) {
    cls.objects = decodeObjects(text, objects.value, masks);
  }
  const soPair = getPair(spec, 'secretObjects');
  if (soPair) {
    cls.secretObjectsKey = strValueOf(soPair);
    const seq = soPair.value;
    if (isSeq(seq)) {
      for (const item of seq.items) {
        if (!isMap(item)) continue;
        cls.secretObjects.push(readSecretObject(item as YAMLMap));
      }
    }
  }
  return cls;
}

function itemStartOf(item: YAMLMap): Span {
  const first = item.items[0];
  const s = nodeSpan(first?.key as Node) ?? nodeSpan(item) ?? { start: 0, end: 0 };
  return s;
}

function optStr(map: YAMLMap, key: string): StrValue | undefined {
  const p = getPair(map, key);
  return p ? strValueOf(p) : undefined;
}

function readSecretObject(item: YAMLMap): SecretObjectModel {
  const so: SecretObjectModel = {
    span: nodeSpan(item) ?? { start: 0, end: 0 },
    itemStart: itemStartOf(item),
    data: [],
  };
  const secretName = optStr(item, 'secretName');
  if (secretName) so.secretName = secretName;
  const type = optStr(item, 'type');
  if (type) so.type = type;
  const dataPair = getPair(item, 'data');
  if (dataPair) {
    so.dataKey = strValueOf(dataPair);
    if (isSeq(dataPair.value)) {
      for (const d of dataPair.value.items) {
        if (!isMap(d)) continue;
        const dm: SecretObjectDataModel = { span: nodeSpan(d) ?? so.span, itemStart: itemStartOf(d) };
        const on = optStr(d, 'objectName');
        if (on) dm.objectName = on;
        const k = optStr(d, 'key');
        if (k) dm.key = k;
        so.data.push(dm);
      }
    }
  }
  return so;
}

/** A CSI volume is ours when it names our driver, a near-miss of it, or a secretProviderClass. */
export function isSecretsStoreDriver(driver: string | undefined, hasClassAttr: boolean): boolean {
  if (hasClassAttr) return true;
  if (!driver) return false;
  if (driver === CSI_DRIVER || driver.includes('secrets-store')) return true;
  return distance(driver.toLowerCase(), CSI_DRIVER) <= 3;
}

function readWorkload(root: YAMLMap, kind: string): WorkloadModel | undefined {
  const m = meta(root);
  let podSpec: YAMLMap | undefined = root;
  for (const k of WORKLOAD_PODSPEC[kind] ?? []) podSpec = getMap(podSpec, k);
  const kindPair = getPair(root, 'kind');
  const w: WorkloadModel = {
    kind: 'workload',
    workloadKind: kind,
    name: m.name,
    nameSpan: m.nameSpan,
    namespace: m.namespace,
    kindSpan: nodeSpan(kindPair?.value as Node) ?? { start: 0, end: 0 },
    volumes: [],
    containers: [],
    otherVolumes: new Set(),
  };
  if (!podSpec) return w;
  for (const v of getSeq(podSpec, 'volumes')?.items ?? []) {
    if (!isMap(v)) continue;
    const vol = v as YAMLMap;
    const name = optStr(vol, 'name');
    const csiPair = getPair(vol, 'csi');
    const csi = csiPair && isMap(csiPair.value) ? (csiPair.value as YAMLMap) : undefined;
    if (!csiPair || !csi) {
      if (name) w.otherVolumes.add(name.value);
      continue;
    }
    const attrsPair = getPair(csi, 'volumeAttributes');
    const attrs = attrsPair && isMap(attrsPair.value) ? (attrsPair.value as YAMLMap) : undefined;
    const driver = optStr(csi, 'driver');
    const spcPair = getPair(attrs, 'secretProviderClass');
    if (!isSecretsStoreDriver(driver?.value, spcPair !== undefined)) {
      if (name) w.otherVolumes.add(name.value);
      continue;
    }
    const cv: CsiVolumeModel = {
      span: nodeSpan(vol) ?? { start: 0, end: 0 },
      csiKey: strValueOf(csiPair),
      attributes: new Map(),
    };
    if (name) cv.name = name;
    if (driver) cv.driver = driver;
    const ro = optStr(csi, 'readOnly');
    if (ro) cv.readOnly = ro;
    if (attrsPair) cv.volumeAttributesKey = strValueOf(attrsPair);
    if (spcPair) cv.secretProviderClass = strValueOf(spcPair);
    for (const p of attrs?.items ?? []) {
      const k = keyText(p);
      if (k !== undefined) cv.attributes.set(k, strValueOf(p));
    }
    w.volumes.push(cv);
  }
  for (const [field, init] of [
    ['initContainers', true],
    ['containers', false],
  ] as const) {
    for (const c of getSeq(podSpec, field)?.items ?? []) {
      if (!isMap(c)) continue;
      const cm = c as YAMLMap;
      const namePair = getPair(cm, 'name');
      const container: ContainerModel = {
        name: plainString(namePair?.value as Node) ?? '',
        nameSpan: nodeSpan(namePair?.value as Node) ?? nodeSpan(cm) ?? { start: 0, end: 0 },
        init,
        mounts: [],
      };
      for (const vm of getSeq(cm, 'volumeMounts')?.items ?? []) {
        if (!isMap(vm)) continue;
        const vmm = vm as YAMLMap;
        const mount: VolumeMountModel = { span: nodeSpan(vmm) ?? container.nameSpan };
        const n = optStr(vmm, 'name');
        if (n) mount.name = n;
        const mp = optStr(vmm, 'mountPath');
        if (mp) mount.mountPath = mp;
        const sp = optStr(vmm, 'subPath');
        if (sp) mount.subPath = sp;
        const ro = optStr(vmm, 'readOnly');
        if (ro) mount.readOnly = ro;
        container.mounts.push(mount);
      }
      w.containers.push(container);
    }
  }
  return w;
}
