// Hover texts: what a key means to ASCP, which file a name or alias becomes and the full path every
// container that mounts the class sees, what a jmesPath selects, who mounts a class and what a
// workload's volume resolves to. Pure: the caller passes the file's documents and the project view.
// Secret values are never read here (only names, aliases, types and paths appear).
import type { PlacedDoc } from '../core/analyze';
import { mountRows } from '../core/analyze';
import { explainJmes } from '../core/jmespath/index';
import type {
  ClassModel,
  CsiVolumeModel,
  EntryModel,
  JmesEntryModel,
  StrValue,
  WorkloadModel,
} from '../core/model';
import { classTranslation, type MountedFile, type Translation } from '../core/mounts';
import type { ClassRef, WorkspaceView } from '../core/rules/rule';
import { resolveClass, sameNamespace } from '../core/workspace';
import type { Span } from '../core/types';
import { fileIn, fileLabel, mountsOfClass, mountsOfVolume, pathIn, type ClassMount } from './hover-mounts';
import { keyDoc, type KeyScope } from './keydocs';
import { abs, locate, type Target } from './locate';

export interface HoverQuery {
  /** the documents of the hovered file */
  placed: PlacedDoc[];
  view: WorkspaceView;
  /** the hovered file's id (URI), to tell "this file" from others */
  fileId: string;
  /** UTF-16 offset in the file */
  offset: number;
  /** render markdown (else plain text) */
  markdown: boolean;
}

export interface HoverInfo {
  /** absolute span of the hovered key or value */
  span: Span;
  contents: string;
  markdown: boolean;
}

/** Rows listed before "… and N more". */
export const MAX_ROWS = 20;
const MAX_CODE = 200;

/** Markdown or plain-text rendering of the few constructs hovers use. */
export class Fmt {
  constructor(readonly markdown: boolean) {}

  code(s: string): string {
    let v = s.replace(/\r?\n/g, '\\n');
    if (v.length > MAX_CODE) v = `${v.slice(0, MAX_CODE - 1)}…`;
    if (!this.markdown) return v;
    if (v === '') return '`""`';
    const runs = v.match(/`+/g) ?? [];
    const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
    const pad = v.startsWith('`') || v.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${v}${pad}${fence}`;
  }

  bold(s: string): string {
    return this.markdown ? `**${s}**` : s;
  }

  /** Fixed prose written in markdown (key docs): as is, or without markup. */
  prose(s: string): string {
    return this.markdown ? s : s.replace(/\*\*/g, '').replace(/`/g, '');
  }
}

export function hoverAt(q: HoverQuery): HoverInfo | undefined {
  const loc = locate(q.placed, q.offset);
  const t = loc?.target;
  if (!loc || !t) return undefined;
  const h = new Hovers(q, loc.doc, new Fmt(q.markdown));
  const r = h.target(t, loc.rel);
  if (!r) return undefined;
  return {
    span: abs(loc.doc, r.span),
    contents: r.parts.filter((p) => p !== '').join('\n\n'),
    markdown: q.markdown,
  };
}

interface Part {
  /** document-relative */
  span: Span;
  parts: string[];
}

function isInner(t: Target): t is Extract<Target, { kind: 'entry-field' | 'jmes-field' | 'failover-field' }> {
  return t.kind === 'entry-field' || t.kind === 'jmes-field' || t.kind === 'failover-field';
}

class Hovers {
  constructor(
    private readonly q: HoverQuery,
    private readonly doc: PlacedDoc,
    private readonly f: Fmt,
  ) {}

  target(t: Target, rel: number): Part | undefined {
    if ('cls' in t && !t.cls.isAws && t.kind !== 'class-name') return undefined;
    if (isInner(t) && t.cls.objects?.map?.exact !== true) return this.objectsOverview(t.cls);
    switch (t.kind) {
      case 'class-name':
        return { span: t.cls.nameSpan, parts: this.className(t.cls) };
      case 'param':
        return this.param(t.cls, t.param.key, t.param.value, t.onKey, t.param.keySpan);
      case 'objects':
        return this.insideObjects(t.cls, rel);
      case 'entry-field':
        return this.entryField(t.cls, t.entry, t.field, t.value, t.onKey);
      case 'jmes-field':
        return this.jmesField(t.cls, t.entry, t.jmes, t.field, t.value, t.onKey);
      case 'failover-field':
        return this.keyHover(
          'failoverObject',
          t.field,
          t.onKey ? t.value.keySpan : t.value.span,
          'failoverObject.',
        );
      case 'secret-object-name':
        return { span: t.value.span, parts: this.secretObjectName(t.cls, t.value) };
      case 'volume-class':
        return { span: t.value.span, parts: this.volumeClass(t.workload, t.volume) };
      case 'workload-name':
        return { span: t.workload.nameSpan, parts: this.workloadName(t.workload) };
      case 'volume':
        return undefined;
    }
  }

  // ---- keys

  private keyHover(scope: KeyScope, key: string, span: Span, prefix = ''): Part | undefined {
    const d = keyDoc(scope, key);
    if (!d) return undefined;
    return { span, parts: [`${this.f.bold(this.f.code(prefix + d.key))}: ${this.f.prose(d.text)}`] };
  }

  private param(
    cls: ClassModel,
    key: string,
    value: StrValue,
    onKey: boolean,
    keySpan: Span,
  ): Part | undefined {
    const base = this.keyHover('param', key, onKey ? keySpan : value.span);
    if (!base) return undefined;
    if (key === 'objects') base.parts.push(this.filesLine(cls));
    if (!onKey && key === 'pathTranslation')
      base.parts.push(this.translationLine(cls, classTranslation(cls)));
    if (!onKey && key === 'usePodIdentity') base.parts.push(this.parseBoolLine(value.value));
    return base;
  }

  private translationLine(cls: ClassModel, t: Translation): string {
    const f = this.f;
    const sample = this.doc.files.find((x) => x.source.includes('/'));
    const example = sample ? `: ${f.code(sample.source)} → ${f.code(sample.name)}` : '';
    if (t.mode === 'off') return `Translation is off: inner ${f.code('/')} stay in file names${example}.`;
    if (t.mode === 'invalid')
      return `${f.code(t.value)} is neither ${f.code('False')} nor one byte: every mount of ${f.code(cls.name ?? '?')} fails.`;
    return `Every ${f.code('/')} becomes ${f.code(t.ch)}${example}.`;
  }

  private parseBoolLine(v: string): string {
    const yes = ['1', 't', 'T', 'TRUE', 'true', 'True'];
    const no = ['0', 'f', 'F', 'FALSE', 'false', 'False'];
    const f = this.f;
    if (yes.includes(v)) return `${f.code(v)} parses as true: ASCP uses Pod Identity.`;
    if (no.includes(v)) return `${f.code(v)} parses as false: ASCP uses IRSA.`;
    return `${f.code(v)} is not a Go boolean: every mount fails.`;
  }

  private insideObjects(cls: ClassModel, rel: number): Part | undefined {
    for (const e of cls.objects?.entries ?? []) {
      const fo = e.failoverObject;
      if (fo && rel >= fo.keySpan.start && rel <= fo.keySpan.end)
        return this.keyHover('entry', 'failoverObject', fo.keySpan);
    }
    return undefined;
  }

  /** When positions inside `objects` are not exact, hovers inside it describe the whole string. */
  private objectsOverview(cls: ClassModel): Part | undefined {
    const p = cls.params.get('objects');
    if (!p) return undefined;
    return {
      span: p.value.span,
      parts: [
        `${this.f.bold(this.f.code('objects'))} of ${this.f.code(cls.name ?? '?')}`,
        this.filesLine(cls),
        ...this.mountedBy(cls),
      ],
    };
  }

  private filesLine(cls: ClassModel): string {
    const names = uniqueNames(this.doc.files);
    if (cls.objects?.facts.templated) return 'Templated: the files are known once the template is rendered.';
    if (!cls.objects?.parsed) return 'The string does not decode: no file is written.';
    if (names.length === 0) return 'Writes no file.';
    return `Writes ${names.length} file${names.length === 1 ? '' : 's'}: ${names.map((n) => this.f.code(n)).join(', ')}.`;
  }

  // ---- inside objects

  private entryField(
    cls: ClassModel,
    entry: EntryModel,
    field: string,
    value: StrValue,
    onKey: boolean,
  ): Part | undefined {
    if (onKey) return this.keyHover('entry', field, value.keySpan);
    if (field === 'objectName' || field === 'objectAlias') {
      const file = this.doc.files.find((x) => x.entry === entry && x.kind === 'object');
      if (!file) return this.keyHover('entry', field, value.span);
      const parts = this.fileBlock(cls, file);
      if (field === 'objectName' && file.source !== value.value)
        parts.splice(
          1,
          0,
          `Named after the ${this.f.code('objectAlias')}, not the ${this.f.code('objectName')}.`,
        );
      const jm = this.doc.files.filter((x) => x.entry === entry && x.kind === 'jmesPath').map((x) => x.name);
      if (jm.length > 0)
        parts.push(`Its jmesPath entries also write ${jm.map((n) => this.f.code(n)).join(', ')}.`);
      return { span: value.span, parts };
    }
    if (field === 'jmesPath') return undefined; // the list itself: hover its items
    const r = this.keyHover('entry', field, value.span);
    if (r && field === 'filePermission') r.parts.push(this.modeLine(value));
    return r;
  }

  private jmesField(
    cls: ClassModel,
    entry: EntryModel,
    jmes: JmesEntryModel,
    field: string,
    value: StrValue,
    onKey: boolean,
  ): Part | undefined {
    if (onKey) return this.keyHover('jmesPath', field, value.keySpan, 'jmesPath.');
    const f = this.f;
    const file = this.doc.files.find((x) => x.jmes === jmes);
    if (field === 'path') {
      const parts = [`${f.bold('jmesPath')} ${f.code(value.value)}: ${f.prose(explainJmes(value.value))}`];
      if (file) parts.push(...this.fileBlock(cls, file));
      else parts.push(`No ${f.code('objectAlias')}: the result has no file (every mount fails).`);
      return { span: value.span, parts };
    }
    if (field === 'objectAlias' && file) {
      const parts = this.fileBlock(cls, file);
      const path = jmes.path?.value;
      if (path !== undefined)
        parts.splice(1, 0, `Holds ${f.code(path)} of ${f.code(entry.objectName?.value ?? '?')}.`);
      return { span: value.span, parts };
    }
    const r = this.keyHover('jmesPath', field, value.span, 'jmesPath.');
    if (r && field === 'filePermission') r.parts.push(this.modeLine(value));
    return r;
  }

  private modeLine(value: StrValue): string {
    const v = value.value;
    if (v === '') return 'Empty: the default mode applies.';
    if (!/^[0-7]{4}$/.test(v)) return `${this.f.code(v)} is not four octal digits: every mount fails.`;
    const bits = parseInt(v.slice(1), 8);
    const rwx = [6, 3, 0]
      .map((s) => ((bits >> s) & 7).toString(2).padStart(3, '0'))
      .map((b) => `${b[0] === '1' ? 'r' : '-'}${b[1] === '1' ? 'w' : '-'}${b[2] === '1' ? 'x' : '-'}`)
      .join('');
    return `Mode ${this.f.code('0' + v.slice(1))} = ${this.f.code(rwx)}.`;
  }

  /** The file's name and mode, and the full path in every container that mounts the class. */
  private fileBlock(cls: ClassModel, file: MountedFile): string[] {
    const f = this.f;
    const t = classTranslation(cls);
    const head = [`${f.bold('File')} ${f.code(file.name)} · mode ${f.code(file.permission)}`];
    if (t.mode === 'invalid')
      head.push(
        `(${f.code('pathTranslation')} ${f.code(t.value)} is invalid: every mount fails; names shown with ${f.code('_')})`,
      );
    const parts = [head.join(' ')];
    const mounts = mountsOfClass(this.q.view, cls);
    if (mounts.length === 0) {
      parts.push(
        `No workload in the workspace mounts ${f.code(cls.name ?? '?')}: the file is ${f.code(file.name)} in the volume's mount path.`,
      );
      return parts;
    }
    const rows: string[] = [];
    for (const m of mounts) {
      const p = pathIn(m, file.source);
      if (p === undefined) continue;
      rows.push(
        `- ${f.code(p)} — ${this.who(m.workload.workload, m.workload.fileId)}, container ${f.code(m.container)}${m.init ? ' (init)' : ''}`,
      );
    }
    if (rows.length === 0)
      parts.push('No container sees this file: every mount of the class uses a subPath naming another file.');
    else parts.push(limit(rows).join('\n'));
    return parts;
  }

  private who(w: WorkloadModel, fileId: string): string {
    const f = this.f;
    const ns = w.namespace !== undefined ? ` (namespace ${f.code(w.namespace)})` : '';
    const where = fileId !== this.q.fileId ? ` in ${f.code(fileLabel(fileId))}` : '';
    return `${w.workloadKind} ${f.code(w.name ?? '?')}${ns}${where}`;
  }

  // ---- class and workload sides

  private className(cls: ClassModel): string[] {
    const f = this.f;
    const ns = cls.namespace !== undefined ? ` (namespace ${f.code(cls.namespace)})` : '';
    const head = `${f.bold('SecretProviderClass')} ${f.code(cls.name ?? '?')}${ns}`;
    if (!cls.isAws) return [`${head}: provider ${f.code(cls.provider?.value ?? '?')}, not ASCP.`];
    return [head, this.filesLine(cls), ...this.mountedBy(cls)];
  }

  /** Workloads whose volumes resolve to `cls`, with the containers (and paths) that mount them. */
  private mountedBy(cls: ClassModel): string[] {
    const f = this.f;
    const view = this.q.view;
    const mounts = mountsOfClass(view, cls);
    const rows: string[] = [];
    for (const ref of view.workloads) {
      const w = ref.workload;
      const vols = w.volumes.filter((v) => {
        const n = v.secretProviderClass?.value;
        return !!n && resolveClass(view, n, w.namespace)?.cls === cls;
      });
      if (vols.length === 0) continue;
      const mine = mounts.filter((m) => m.workload === ref);
      const at =
        mine.length > 0
          ? mine.map((m) => `container ${f.code(m.container)} at ${f.code(m.mountPath)}`).join(', ')
          : `volume ${vols.map((v) => f.code(v.name?.value ?? '?')).join(', ')} not mounted by any container`;
      rows.push(
        `- ${w.workloadKind} ${f.code(w.name ?? '?')}${w.namespace !== undefined ? ` (namespace ${f.code(w.namespace)})` : ''} in ${f.code(fileLabel(ref.fileId))}: ${at}`,
      );
    }
    if (rows.length === 0) return ['No workload in the workspace mounts this class.'];
    return ['Mounted by:\n' + limit(rows).join('\n')];
  }

  private volumeClass(w: WorkloadModel, vol: CsiVolumeModel): string[] {
    const f = this.f;
    const view = this.q.view;
    const name = vol.secretProviderClass?.value ?? '';
    const ref = resolveClass(view, name, w.namespace);
    if (!ref) return this.unresolved(w, name);
    const ns = ref.cls.namespace !== undefined ? ` (namespace ${f.code(ref.cls.namespace)})` : '';
    const head = `${f.bold('SecretProviderClass')} ${f.code(name)}${ns} in ${f.code(fileLabel(ref.fileId))}`;
    const mounts = mountsOfVolume(view, w, vol);
    if (mounts.length === 0) {
      const names = uniqueNames(ref.files);
      return [
        head,
        `No container mounts volume ${f.code(vol.name?.value ?? '?')}, so kubelet never sets it up. The class writes ${names.length === 0 ? 'no file' : names.map((n) => f.code(n)).join(', ')}.`,
      ];
    }
    const rows: string[] = [];
    for (const m of mounts) rows.push(...this.containerRows(ref, m));
    return [head, rows.length > 0 ? limit(rows).join('\n') : 'The class writes no file.'];
  }

  private containerRows(ref: ClassRef, m: ClassMount): string[] {
    const f = this.f;
    const rows: string[] = [];
    const seen = new Set<string>();
    for (const file of ref.files) {
      const name = fileIn(m, file.source);
      if (seen.has(name)) continue;
      seen.add(name);
      const p = pathIn(m, file.source);
      if (p === undefined) continue;
      rows.push(
        `- ${f.code(p)} — container ${f.code(m.container)}${m.init ? ' (init)' : ''} · mode ${f.code(file.permission)}`,
      );
    }
    return rows;
  }

  private unresolved(w: WorkloadModel, name: string): string[] {
    const f = this.f;
    const named = this.q.view.classesNamed(name);
    const other = named.find((c) => !c.cls.isAws && sameNamespace(c.cls.namespace, w.namespace));
    if (other)
      return [
        `${f.code(name)} is a SecretProviderClass for provider ${f.code(other.cls.provider?.value ?? '?')}, not ASCP.`,
      ];
    const elsewhere = named.filter((c) => c.cls.isAws).map((c) => c.cls.namespace ?? '?');
    if (elsewhere.length > 0)
      return [
        `${f.code(name)} exists only in namespace ${elsewhere.map((n) => f.code(n)).join(', ')}; the driver looks it up in the pod's namespace ${f.code(w.namespace ?? '?')}.`,
      ];
    return [
      `No SecretProviderClass ${f.code(name)} in the workspace: every mount fails unless it exists in the cluster.`,
    ];
  }

  private workloadName(w: WorkloadModel): string[] {
    const f = this.f;
    const rows = mountRows(w, this.q.view).map(
      (r) =>
        `- ${f.code(r.path)} — container ${f.code(r.container)}, class ${f.code(r.className)} · mode ${f.code(r.permission)}`,
    );
    const head = `${f.bold(w.workloadKind)} ${f.code(w.name ?? '?')}`;
    if (rows.length === 0)
      return [
        head,
        'Its containers see no ASCP file (no mounted volume resolves to a class in the workspace).',
      ];
    return [head, limit(rows).join('\n')];
  }

  private secretObjectName(cls: ClassModel, value: StrValue): string[] {
    const f = this.f;
    const want = value.value.trim();
    const file = this.doc.files.find((x) => x.name === want);
    if (file) {
      const from =
        file.kind === 'jmesPath'
          ? 'jmesPath objectAlias'
          : file.source === file.entry.objectAlias?.value
            ? 'objectAlias'
            : 'objectName';
      return [`Synced from the mounted file ${f.code(file.name)} (${from} ${f.code(file.source)}).`];
    }
    const names = uniqueNames(this.doc.files);
    return [
      `No file named ${f.code(want)} is mounted by ${f.code(cls.name ?? '?')}. Its files: ${names.length > 0 ? names.map((n) => f.code(n)).join(', ') : 'none'}.`,
    ];
  }
}

function uniqueNames(files: MountedFile[]): string[] {
  const out: string[] = [];
  for (const x of files) if (!out.includes(x.name)) out.push(x.name);
  return out;
}

function limit(rows: string[]): string[] {
  if (rows.length <= MAX_ROWS) return rows;
  return [...rows.slice(0, MAX_ROWS), `- … and ${rows.length - MAX_ROWS} more`];
}
