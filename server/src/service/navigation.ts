// Go to definition, references and rename across the project's files (open documents and indexed
// workspace files). Two kinds of symbol link manifests:
//
// - a SecretProviderClass: its `metadata.name` and every workload `volumeAttributes.secretProviderClass`
//   that names it from a namespace the driver would look it up in (sameNamespace);
// - a mounted file of a class: the `objectAlias` (entry or jmesPath) or alias-less `objectName` inside
//   `objects` that produces it, the `secretObjects[].data[].objectName` values that name it, and the
//   `subPath` of every container that mounts the class's volume with that file.
//
// Pure: offsets in, offsets out (UTF-16, absolute in each file). The LSP adapter turns them into
// positions and WorkspaceEdits.
import type { PlacedDoc } from '../core/analyze';
import type {
  ClassModel,
  CsiVolumeModel,
  DocModel,
  EntryModel,
  StrValue,
  WorkloadModel,
} from '../core/model';
import {
  classFiles,
  classTranslation,
  fileNameFor,
  type MountedFile,
  type Translation,
} from '../core/mounts';
import { namespaceTemplated, templated } from '../core/rules/pod/util';
import type { ClassRef, WorkloadRef, WorkspaceView } from '../core/rules/rule';
import type { Span } from '../core/types';
import { sameNamespace } from '../core/workspace';
import { getMap, getPair, strValueOf } from '../core/yamlnav';
import { locate, within } from './locate';
import {
  innerDisplaySpan,
  innerEdit,
  outerDisplaySpan,
  outerEdit,
  refused,
  verifyDocEdits,
  type PlannedEdit,
  type Refusal,
} from './navigation-edit';

/** What navigation needs of the project (the service Project satisfies it). */
export interface NavProject {
  parsed(uri: string): { text: string; placed: PlacedDoc[] } | undefined;
  view(): WorkspaceView;
}

export interface NavLocation {
  uri: string;
  /** absolute offsets in the file */
  span: Span;
}

export interface NavDefinition {
  /** the value under the cursor (absolute, in the request's file) */
  origin: Span;
  targets: NavLocation[];
}

export interface NavEdit {
  uri: string;
  span: Span;
  newText: string;
}

export type PrepareResult = { span: Span; placeholder: string } | Refusal;
export type RenameResult = { edits: NavEdit[] } | Refusal;

/** One written value that takes part in a link, and how to rename it. */
interface Occurrence {
  uri: string;
  base: number;
  doc: DocModel;
  value: StrValue;
  /** set for values inside `objects` */
  cls?: ClassModel;
  /** fingerprint path (see navigation-edit.ts) */
  path: string;
  /** for subPath occurrences: the translation of the volume mounting the class */
  translation?: Translation;
}

interface ClassSymbol {
  kind: 'class';
  origin: Occurrence;
  name: string;
  classes: ClassRef[];
  /** namespace of the workload the search started from (when it did) */
  fromWorkload?: { namespace: string | undefined };
}

interface FileSymbol {
  kind: 'file';
  origin: Occurrence;
  cls: ClassRef;
  /** the file's name under the class's own translation */
  name: string;
  producers: MountedFile[];
  /** where the search started */
  from: 'producer' | 'secret-object' | 'sub-path';
}

type NavSymbol = ClassSymbol | FileSymbol;

const nsOf = (doc: DocModel, ns: string | undefined): string | undefined =>
  namespaceTemplated(doc) ? undefined : ns;

function classNs(c: ClassRef): string | undefined {
  return nsOf(c.doc, c.cls.namespace);
}

function findClassRef(view: WorkspaceView, uri: string, base: number): ClassRef | undefined {
  return view.classes.find((c) => c.fileId === uri && c.base === base);
}

function findWorkloadRef(view: WorkspaceView, uri: string, base: number): WorkloadRef | undefined {
  return view.workloads.find((w) => w.fileId === uri && w.base === base);
}

/** The `metadata.name` value of a class document, as a StrValue (with its node). */
function classNameValue(doc: DocModel): StrValue | undefined {
  const pair = getPair(getMap(doc.root, 'metadata'), 'name');
  return pair ? strValueOf(pair) : undefined;
}

function classOccurrence(c: ClassRef): Occurrence | undefined {
  const v = classNameValue(c.doc);
  if (!v || v.node === null || c.cls.name === undefined || c.cls.name === '') return undefined;
  if (templated(c.doc, v.span)) return undefined;
  return { uri: c.fileId, base: c.base, doc: c.doc, value: v, path: 'class.name' };
}

function linkedValue(v: StrValue | undefined, doc: DocModel): v is StrValue {
  return !!v && v.kind === 'string' && v.value !== '' && !templated(doc, v.span);
}

/** Classes a workload in `namespace` may get for `name`: every class so named that the driver could find. */
function classesFor(view: WorkspaceView, name: string, namespace: string | undefined): ClassRef[] {
  const found = view.classesNamed(name).filter((c) => sameNamespace(classNs(c), namespace));
  return found.sort((a, b) => Number(b.cls.isAws) - Number(a.cls.isAws));
}

/** Every workload value naming one of `classes` from a namespace that reaches it. */
function workloadRefs(view: WorkspaceView, classes: ClassRef[]): Occurrence[] {
  const out: Occurrence[] = [];
  for (const w of view.workloads) {
    const wns = nsOf(w.doc, w.workload.namespace);
    w.workload.volumes.forEach((v, i) => {
      const spc = v.secretProviderClass;
      if (!linkedValue(spc, w.doc)) return;
      if (!classes.some((c) => c.cls.name === spc.value && sameNamespace(classNs(c), wns))) return;
      out.push({ uri: w.fileId, base: w.base, doc: w.doc, value: spc, path: `vol.${i}.secretProviderClass` });
    });
  }
  return out;
}

/** Files of a class as a volume sees them (its own pathTranslation attribute overrides the class's). */
function volumeTranslation(cls: ClassModel, vol: CsiVolumeModel): Translation {
  return classTranslation(cls, vol.attributes.get('pathTranslation')?.value);
}

/** subPath values of containers mounting a volume that names `c`, whose file is one of `sources`. */
function subPathRefs(view: WorkspaceView, c: ClassRef, sources: string[]): Occurrence[] {
  const out: Occurrence[] = [];
  const name = c.cls.name;
  if (!name) return out;
  for (const w of view.workloads) {
    const wns = nsOf(w.doc, w.workload.namespace);
    for (const vol of w.workload.volumes) {
      const spc = vol.secretProviderClass;
      if (!linkedValue(spc, w.doc) || spc.value !== name || !sameNamespace(classNs(c), wns)) continue;
      const t = volumeTranslation(c.cls, vol);
      const names = sources.map((s) => fileNameFor(s, t));
      w.workload.containers.forEach((ct, ci) => {
        ct.mounts.forEach((m, k) => {
          if (m.name?.value !== vol.name?.value || !linkedValue(m.subPath, w.doc)) return;
          if (!names.includes(m.subPath.value)) return;
          out.push({
            uri: w.fileId,
            base: w.base,
            doc: w.doc,
            value: m.subPath,
            path: `mount.${ci}.${k}.subPath`,
            translation: t,
          });
        });
      });
    }
  }
  return out;
}

function producerValue(f: MountedFile): StrValue | undefined {
  if (f.kind === 'jmesPath') return f.jmes?.objectAlias;
  return (f.entry.objectAlias?.value ?? '') !== '' ? f.entry.objectAlias : f.entry.objectName;
}

function producerPath(f: MountedFile): string {
  if (f.kind === 'jmesPath') return `entry.${f.entry.index}.jmes.${f.jmes?.index ?? 0}.objectAlias`;
  return (f.entry.objectAlias?.value ?? '') !== ''
    ? `entry.${f.entry.index}.objectAlias`
    : `entry.${f.entry.index}.objectName`;
}

/** True when the file's name comes from an alias (it can be renamed without changing which secret is read). */
function aliased(f: MountedFile): boolean {
  return f.kind === 'jmesPath' || (f.entry.objectAlias?.value ?? '') !== '';
}

function producerOccurrence(c: ClassRef, f: MountedFile): Occurrence | undefined {
  const v = producerValue(f);
  if (!v || v.node === null) return undefined;
  return { uri: c.fileId, base: c.base, doc: c.doc, value: v, cls: c.cls, path: producerPath(f) };
}

/** secretObjects data values naming file `name` (compared as the driver does, trimmed). */
function secretObjectRefs(c: ClassRef, name: string): Occurrence[] {
  const out: Occurrence[] = [];
  c.cls.secretObjects.forEach((so, i) =>
    so.data.forEach((d, j) => {
      const on = d.objectName;
      if (!on || on.kind === 'map' || on.kind === 'seq' || on.kind === 'null' || templated(c.doc, on.span))
        return;
      if (on.value.trim() !== name) return;
      out.push({ uri: c.fileId, base: c.base, doc: c.doc, value: on, path: `so.${i}.data.${j}.objectName` });
    }),
  );
  return out;
}

function usable(c: ClassRef): boolean {
  const o = c.cls.objects;
  return c.cls.isAws && !!o && o.parsed && !o.facts.templated;
}

function fileSymbolAt(
  c: ClassRef,
  origin: Occurrence,
  producers: MountedFile[],
  name: string,
  from: FileSymbol['from'],
): FileSymbol {
  return { kind: 'file', origin, cls: c, name, producers, from };
}

/** The symbol under an absolute offset of a file. */
function symbolAt(project: NavProject, uri: string, offset: number): NavSymbol | undefined {
  const parsed = project.parsed(uri);
  if (!parsed) return undefined;
  const located = locate(parsed.placed, offset);
  if (!located) return undefined;
  const { doc: pd, rel, target } = located;
  const view = project.view();
  const base = pd.base;
  const doc = pd.model;
  const at = (value: StrValue, path: string, cls?: ClassModel): Occurrence =>
    cls ? { uri, base, doc, value, path, cls } : { uri, base, doc, value, path };
  if (!target) return subPathSymbol(view, uri, pd, rel);
  switch (target.kind) {
    case 'class-name': {
      const c = findClassRef(view, uri, base);
      const occ = c && classOccurrence(c);
      if (!c || !occ) return undefined;
      return { kind: 'class', origin: occ, name: c.cls.name ?? '', classes: [c] };
    }
    case 'volume-class': {
      const w = findWorkloadRef(view, uri, base);
      if (!w || !linkedValue(target.value, doc)) return undefined;
      const i = w.workload.volumes.indexOf(target.volume);
      const ns = nsOf(doc, w.workload.namespace);
      return {
        kind: 'class',
        origin: at(target.value, `vol.${i}.secretProviderClass`),
        name: target.value.value,
        classes: classesFor(view, target.value.value, ns),
        fromWorkload: { namespace: ns },
      };
    }
    case 'entry-field':
    case 'jmes-field': {
      if (target.onKey) return undefined;
      const c = findClassRef(view, uri, base);
      if (!c || !usable(c)) return undefined;
      const f = producerFor(
        c.files,
        target.entry,
        target.kind === 'jmes-field' ? target.jmes.index : undefined,
      );
      if (!f || producerValue(f) !== target.value) return undefined;
      const occ = producerOccurrence(c, f);
      if (!occ) return undefined;
      return fileSymbolAt(
        c,
        occ,
        c.files.filter((x) => x.name === f.name),
        f.name,
        'producer',
      );
    }
    case 'secret-object-name': {
      const c = findClassRef(view, uri, base);
      if (!c || !usable(c)) return undefined;
      const name = target.value.value.trim();
      const occ = secretObjectRefs(c, name).find((o) => o.value === target.value);
      if (!occ) return undefined;
      return fileSymbolAt(
        c,
        occ,
        c.files.filter((x) => x.name === name),
        name,
        'secret-object',
      );
    }
    default:
      return undefined;
  }
}

function producerFor(
  files: MountedFile[],
  entry: EntryModel,
  jmesIndex: number | undefined,
): MountedFile | undefined {
  return files.find((f) =>
    jmesIndex === undefined
      ? f.kind === 'object' && f.entry === entry
      : f.kind === 'jmesPath' && f.entry === entry && f.jmes?.index === jmesIndex,
  );
}

/** A `subPath` value of a container mount (locate does not report those). */
function subPathSymbol(view: WorkspaceView, uri: string, pd: PlacedDoc, rel: number): FileSymbol | undefined {
  const w: WorkloadModel | undefined = pd.model.workload;
  if (!w) return undefined;
  for (const ct of w.containers) {
    for (const m of ct.mounts) {
      if (!linkedValue(m.subPath, pd.model) || !within(m.subPath.span, rel)) continue;
      const vol = w.volumes.find((v) => v.name?.value === m.name?.value);
      const spc = vol?.secretProviderClass;
      if (!vol || !linkedValue(spc, pd.model)) return undefined;
      const sub = m.subPath.value;
      for (const c of classesFor(view, spc.value, nsOf(pd.model, w.namespace))) {
        if (!usable(c)) continue;
        const t = volumeTranslation(c.cls, vol);
        const producers = classFiles(c.cls, t).filter((f) => f.name === sub);
        const first = producers[0];
        if (!first) continue;
        // The same files under the class's own translation (what secretObjects see).
        const own = c.files.filter((f) => producers.some((p) => p.entry === f.entry && p.jmes === f.jmes));
        const name = own[0]?.name ?? first.name;
        const origin = subPathRefs(view, c, [first.source]).find((o) => o.value === m.subPath);
        if (!origin) return undefined;
        return fileSymbolAt(c, origin, own, name, 'sub-path');
      }
      return undefined;
    }
  }
  return undefined;
}

function displaySpan(o: Occurrence): Span {
  const rel = o.cls?.objects ? innerDisplaySpan(o.cls.objects, o.value) : outerDisplaySpan(o.doc, o.value);
  return { start: rel.start + o.base, end: rel.end + o.base };
}

function toLocation(o: Occurrence): NavLocation {
  return { uri: o.uri, span: displaySpan(o) };
}

function declarations(sym: NavSymbol): Occurrence[] {
  if (sym.kind === 'class') return sym.classes.map(classOccurrence).filter((o): o is Occurrence => !!o);
  return sym.producers.map((f) => producerOccurrence(sym.cls, f)).filter((o): o is Occurrence => !!o);
}

function usages(project: NavProject, sym: NavSymbol): Occurrence[] {
  const view = project.view();
  if (sym.kind === 'class') {
    if (sym.classes.length > 0) return workloadRefs(view, sym.classes);
    // No class defines the name: the workload values naming it from a compatible namespace.
    const ns = sym.fromWorkload?.namespace;
    const out: Occurrence[] = [];
    for (const w of view.workloads) {
      if (!sameNamespace(nsOf(w.doc, w.workload.namespace), ns)) continue;
      w.workload.volumes.forEach((v, i) => {
        const spc = v.secretProviderClass;
        if (linkedValue(spc, w.doc) && spc.value === sym.name)
          out.push({
            uri: w.fileId,
            base: w.base,
            doc: w.doc,
            value: spc,
            path: `vol.${i}.secretProviderClass`,
          });
      });
    }
    return out;
  }
  const sources = sym.producers.map((f) => f.source);
  return [...secretObjectRefs(sym.cls, sym.name), ...subPathRefs(view, sym.cls, sources)];
}

function dedupe(locs: NavLocation[]): NavLocation[] {
  const seen = new Set<string>();
  const out: NavLocation[] = [];
  for (const l of locs) {
    const k = `${l.uri}#${l.span.start}:${l.span.end}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(l);
  }
  return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start));
}

/** Where the symbol under `offset` is declared: the class name, or the alias/objectName producing the file. */
export function definition(project: NavProject, uri: string, offset: number): NavDefinition | undefined {
  const sym = symbolAt(project, uri, offset);
  if (!sym) return undefined;
  const targets = dedupe(declarations(sym).map(toLocation));
  if (targets.length === 0) return undefined;
  return { origin: displaySpan(sym.origin), targets };
}

/** Every value that names the symbol under `offset` (and its declarations when asked). */
export function references(
  project: NavProject,
  uri: string,
  offset: number,
  includeDeclaration: boolean,
): NavLocation[] {
  const sym = symbolAt(project, uri, offset);
  if (!sym) return [];
  const occ = usages(project, sym);
  if (includeDeclaration) occ.push(...declarations(sym));
  return dedupe(occ.map(toLocation));
}

// ---- rename -------------------------------------------------------------------------------------

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `name` cannot be a SecretProviderClass name (a DNS-1123 subdomain), or undefined. */
export function invalidClassName(name: string): string | undefined {
  if (name.length > 253) return 'a SecretProviderClass name must be at most 253 characters';
  if (!DNS1123_SUBDOMAIN.test(name))
    return `${JSON.stringify(name)} is not a valid SecretProviderClass name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (a DNS-1123 subdomain)`;
  return undefined;
}

/** Why `alias` cannot be the new alias of a file of `cls` (translation `t`), or undefined. */
export function invalidAlias(alias: string, t: Translation): string | undefined {
  if (alias === '') return 'the name is empty';
  if (alias.trim() !== alias) return 'the name starts or ends with white space';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(alias)) return 'the name contains a line break or control character';
  if (/["']/.test(alias)) return 'quote characters would become part of the file name';
  const file = fileNameFor(alias, t);
  if (file === '') return 'the file name would be empty';
  if (file.includes('/'))
    return `with this pathTranslation, ${JSON.stringify(alias)} would keep a '/' in the file name; ASCP cannot write it`;
  if (file === '.' || file.startsWith('..')) return `${JSON.stringify(file)} is not a usable file name`;
  return undefined;
}

/** The edit that renames one occurrence to `value`. */
function occurrenceEdit(o: Occurrence, value: string): PlannedEdit | Refusal {
  if (templated(o.doc, o.value.span)) return { reason: 'the value is a template' };
  const e = o.cls?.objects ? innerEdit(o.doc, o.cls.objects, o.value, value) : outerEdit(o.value, value);
  if (refused(e)) return e;
  return { ...e, path: o.path, value };
}

/** Plans, per document, the edits renaming `items`; each document's result is checked by re-parsing it. */
function planEdits(items: { occ: Occurrence; value: string }[]): NavEdit[] | Refusal {
  const byDoc = new Map<string, { occ: Occurrence; edits: PlannedEdit[] }>();
  for (const { occ, value } of items) {
    if (occ.value.value === value) continue;
    const e = occurrenceEdit(occ, value);
    if (refused(e)) return e;
    const k = `${occ.uri}#${occ.base}`;
    const entry = byDoc.get(k) ?? { occ, edits: [] };
    if (!entry.edits.some((x) => x.span.start === e.span.start && x.span.end === e.span.end))
      entry.edits.push(e);
    byDoc.set(k, entry);
  }
  const out: NavEdit[] = [];
  for (const { occ, edits } of byDoc.values()) {
    const checked = verifyDocEdits(occ.doc, edits);
    if (refused(checked)) return checked;
    for (const e of edits)
      out.push({
        uri: occ.uri,
        span: { start: e.span.start + occ.base, end: e.span.end + occ.base },
        newText: e.newText,
      });
  }
  return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start));
}

const PROBE_CLASS = 'ascp-renamed-class';
const PROBE_FILE = 'ascp-renamed-file';

function classRenameItems(
  project: NavProject,
  sym: ClassSymbol,
  name: string,
): { occ: Occurrence; value: string }[] {
  return [...declarations(sym), ...usages(project, sym)].map((occ) => ({ occ, value: name }));
}

function fileRenameItems(
  project: NavProject,
  sym: FileSymbol,
  producer: MountedFile,
  alias: string,
): { occ: Occurrence; value: string }[] | Refusal {
  const occ = producerOccurrence(sym.cls, producer);
  if (!occ) return { reason: 'the alias cannot be found' };
  const items = [{ occ, value: alias }];
  // Other entries writing the same file keep it alive: then references keep their name.
  if (sym.producers.length > 1) return items;
  const t = classTranslation(sym.cls.cls);
  for (const o of secretObjectRefs(sym.cls, sym.name)) items.push({ occ: o, value: fileNameFor(alias, t) });
  for (const o of subPathRefs(project.view(), sym.cls, [producer.source])) {
    // a volume may override pathTranslation: the new alias must make a usable file name there too
    const bad = o.translation && invalidAlias(alias, o.translation);
    if (bad) return { reason: `${bad} (in a workload mounting the class)` };
    items.push({ occ: o, value: fileNameFor(alias, o.translation ?? t) });
  }
  return items;
}

/** The single alias-named file a rename of this symbol changes, or why there is none. */
function renamableProducer(sym: FileSymbol): MountedFile | Refusal {
  const origin =
    sym.from === 'producer' ? sym.producers.find((f) => producerValue(f) === sym.origin.value) : undefined;
  const producer = origin ?? (sym.producers.length === 1 ? sym.producers[0] : undefined);
  if (!producer)
    return sym.producers.length === 0
      ? { reason: `no entry of objects writes a file named ${JSON.stringify(sym.name)}` }
      : { reason: `several entries write ${JSON.stringify(sym.name)}; rename their aliases in objects` };
  if (!aliased(producer))
    return {
      reason: `the file ${JSON.stringify(producer.name)} is named after objectName, which also selects the secret; add an objectAlias to rename the file`,
    };
  return producer;
}

/** Whether the symbol under `offset` can be renamed: the range to edit and its current text. */
export function prepareRename(project: NavProject, uri: string, offset: number): PrepareResult | undefined {
  const sym = symbolAt(project, uri, offset);
  if (!sym) return undefined;
  const span = displaySpan(sym.origin);
  if (sym.kind === 'class') {
    if (sym.classes.length === 0)
      return { reason: `no SecretProviderClass named ${JSON.stringify(sym.name)} is in the workspace` };
    const probe = planEdits(classRenameItems(project, sym, PROBE_CLASS));
    if (refused(probe)) return probe;
    return { span, placeholder: sym.origin.value.value };
  }
  const producer = renamableProducer(sym);
  if (refused(producer)) return producer;
  const items = fileRenameItems(project, sym, producer, PROBE_FILE);
  const probe = refused(items) ? items : planEdits(items);
  if (refused(probe)) return probe;
  return { span, placeholder: sym.origin.value.value };
}

/** Renames the symbol under `offset` to `newName` everywhere it is linked. */
export function rename(
  project: NavProject,
  uri: string,
  offset: number,
  newName: string,
): RenameResult | undefined {
  const sym = symbolAt(project, uri, offset);
  if (!sym) return undefined;
  if (sym.kind === 'class') {
    if (sym.classes.length === 0)
      return { reason: `no SecretProviderClass named ${JSON.stringify(sym.name)} is in the workspace` };
    const bad = invalidClassName(newName);
    if (bad) return { reason: bad };
    const clash = project
      .view()
      .classesNamed(newName)
      .find(
        (c) => !sym.classes.includes(c) && sym.classes.some((s) => sameNamespace(classNs(s), classNs(c))),
      );
    if (clash)
      return {
        reason: `a SecretProviderClass named ${JSON.stringify(newName)} already exists${clash.cls.namespace ? ` in namespace ${JSON.stringify(clash.cls.namespace)}` : ''}`,
      };
    const edits = planEdits(classRenameItems(project, sym, newName));
    return refused(edits) ? edits : { edits };
  }
  const producer = renamableProducer(sym);
  if (refused(producer)) return producer;
  const t = classTranslation(sym.cls.cls);
  // From the producer the new name is the alias; from a file name (secretObjects, subPath) it is the
  // file name, which becomes the alias (a name without '/' is its own file name under any translation).
  if (sym.from !== 'producer' && newName.includes('/'))
    return { reason: "a file name cannot contain '/'; rename the alias in objects instead" };
  const bad = invalidAlias(newName, t);
  if (bad) return { reason: bad };
  const file = fileNameFor(newName, t);
  const other = sym.cls.files.find((f) => f !== producer && f.name === file && !sym.producers.includes(f));
  if (other) return { reason: `the class already mounts a file named ${JSON.stringify(file)}` };
  const items = fileRenameItems(project, sym, producer, newName);
  if (refused(items)) return items;
  const edits = planEdits(items);
  return refused(edits) ? edits : { edits };
}
