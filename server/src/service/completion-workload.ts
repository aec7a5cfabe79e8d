// Completion in workloads: a whole CSI volume for a class of the workspace under `volumes:` (with the
// container's volumeMount as an additional edit), and `volumeAttributes.secretProviderClass` values.
import type { PlacedDoc } from '../core/analyze';
import { CSI_DRIVER, WORKLOAD_PODSPEC } from '../core/parse';
import type { ClassRef, WorkspaceView } from '../core/rules/rule';
import { sameNamespace } from '../core/workspace';
import { indentParts, render, type Part } from './completion-data';
import { openQuote, yamlScalar, type CompletionEntry, type TextEdit } from './completion-types';
import { cursorContext, lineInfo, type Lines, type YamlCursor } from './completion-yaml';

export interface DocLines {
  lines: Lines;
  /** absolute offset of a line's start */
  lineStart(i: number): number;
  /** absolute offset of a line's end (before its line break) */
  lineEnd(i: number): number;
  eol: string;
}

const KIND_RE = /^kind:[ \t]*["']?([A-Za-z]+)["']?[ \t]*(?:#.*)?$/m;
const NS_RE =
  /^metadata:[ \t]*\r?\n(?:[ \t]+.*\r?\n|[ \t]*\r?\n)*?[ \t]+namespace:[ \t]*["']?([A-Za-z0-9.-]+)/m;

/** The document's `kind`, from the model or, for a document the core did not model, from its text. */
export function docKind(pd: PlacedDoc): string | undefined {
  if (pd.model.class) return 'SecretProviderClass';
  if (pd.model.workload) return pd.model.workload.workloadKind;
  return KIND_RE.exec(pd.model.text)?.[1];
}

function docNamespace(pd: PlacedDoc): string | undefined {
  return pd.model.workload?.namespace ?? NS_RE.exec(pd.model.text)?.[1];
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * AWS classes of the workspace: the workload's namespace first, then classes without a namespace (they
 * land in whatever namespace kubectl applies them to), then the others; by name within each.
 */
function classesFor(view: WorkspaceView, namespace: string | undefined): ClassRef[] {
  const list = view.classes.filter((c) => c.cls.isAws && c.cls.name);
  const rank = (c: ClassRef): number =>
    c.cls.namespace === namespace ? 0 : sameNamespace(c.cls.namespace, namespace) ? 1 : 2;
  return list.sort((a, b) => rank(a) - rank(b) || (a.cls.name ?? '').localeCompare(b.cls.name ?? ''));
}

function fileList(c: ClassRef): string[] {
  return [...new Set(c.files.map((f) => f.name))];
}

function classDoc(c: ClassRef): string {
  const files = fileList(c);
  const ns = c.cls.namespace ? ` (namespace \`${c.cls.namespace}\`)` : '';
  const list = files.length ? files.map((f) => `- \`${f}\``).join('\n') : '_no files_';
  return `SecretProviderClass \`${c.cls.name ?? ''}\`${ns} in \`${c.fileId}\`\n\nMounts:\n${list}`;
}

function detailOf(c: ClassRef): string {
  const files = fileList(c);
  const shown = files.slice(0, 5).join(', ');
  return files.length > 5 ? `${shown}, +${files.length - 5}` : shown || 'no files';
}

function wordEnd(line: string, col: number): number {
  let e = col;
  while (e < line.length && /[A-Za-z0-9_.-]/.test(line[e] as string)) e++;
  return e;
}

export interface WorkloadEnv {
  pd: PlacedDoc;
  view: WorkspaceView;
  doc: DocLines;
  line: number;
  col: number;
  cur: YamlCursor;
  snippets: boolean;
}

export function workloadCompletions(env: WorkloadEnv): CompletionEntry[] {
  const kind = docKind(env.pd);
  const podSpec = kind ? WORKLOAD_PODSPEC[kind] : undefined;
  if (!podSpec) return [];
  const { cur } = env;
  const volumes = [...podSpec, 'volumes'];
  if (cur.mode === 'value') {
    if (cur.key === 'secretProviderClass' && same(cur.path, [...volumes, '-', 'csi', 'volumeAttributes']))
      return classValues(env);
    return [];
  }
  const atVolumeItem =
    (cur.dash && same(cur.path, [...volumes, '-'])) || (!cur.dash && same(cur.path, volumes)); // itemPosition, or a first line under `volumes:`
  if (!atVolumeItem || cur.prefix !== '') return [];
  return volumeSnippets(env, volumes);
}

function classValues(env: WorkloadEnv): CompletionEntry[] {
  const { cur, doc, line } = env;
  const quote = openQuote(cur.valueText);
  const start = doc.lineStart(line);
  const out: CompletionEntry[] = [];
  for (const c of classesFor(env.view, docNamespace(env.pd))) {
    const name = c.cls.name as string;
    out.push({
      label: name,
      kind: 'class',
      detail: detailOf(c),
      documentation: classDoc(c),
      ...(c.cls.namespace ? { description: c.cls.namespace } : {}),
      sortText: String(out.length).padStart(4, '0'),
      filterText: quote + name,
      edit: {
        span: { start: start + cur.valueCol, end: start + cur.valueEnd },
        newText: (cur.needSpace ? ' ' : '') + yamlScalar(name, quote, false),
      },
      snippet: false,
    });
  }
  return out;
}

function volumeSnippets(env: WorkloadEnv, volumesPath: string[]): CompletionEntry[] {
  const { cur, doc, line, col } = env;
  const text = doc.lines.get(line);
  const from = cur.dash ? cur.dashCol : col;
  const to = wordEnd(text, col);
  const start = doc.lineStart(line);
  const docText = env.pd.model.text;
  const out: CompletionEntry[] = [];
  const taken = (name: string): boolean =>
    new RegExp(`^[ \\t-]*name:[ \\t]*["']?${name.replace(/[.]/g, '\\.')}["']?[ \\t]*$`, 'm').test(docText);
  for (const c of classesFor(env.view, docNamespace(env.pd))) {
    const cls = c.cls.name as string;
    let volume = taken('secrets-store-inline') ? `secrets-store-${cls}` : 'secrets-store-inline';
    for (let i = 2; taken(volume) && i < 100; i++) volume = `secrets-store-${cls}-${i}`;
    const parts: Part[] = [
      '- name: ',
      { stop: 1, text: volume },
      `\n  csi:\n    driver: ${CSI_DRIVER}\n    readOnly: true\n    volumeAttributes:\n      secretProviderClass: ${yamlScalar(cls, '', false)}`,
    ];
    const indented = indentParts(parts, ' '.repeat(from));
    const eol = (s: string): string => s.replace(/\n/g, env.doc.eol);
    const mount = volumeMountEdit(env, volumesPath, volume, cls);
    out.push({
      label: `CSI volume for ${cls}`,
      kind: 'snippet',
      detail: `secrets-store.csi.k8s.io volume + volumeMount: ${detailOf(c)}`,
      documentation: `${classDoc(c)}\n\n${mount ? `Also mounts it in container \`${mount.container}\` at \`${mount.path}\`.` : 'Add a `volumeMounts` entry to the container that needs the files.'}`,
      ...(c.cls.namespace ? { description: c.cls.namespace } : {}),
      sortText: String(out.length).padStart(4, '0'),
      filterText: (cur.dash ? '- ' : '') + `csi ${cls}`,
      edit: { span: { start: start + from, end: start + to }, newText: eol(render(indented, env.snippets)) },
      snippet: env.snippets,
      ...(mount ? { additionalEdits: [mount.edit] } : {}),
    });
  }
  return out;
}

/**
 * An edit adding `- name: <volume>, mountPath, readOnly: true` to the first container of the same pod
 * spec, read from indentation. Undefined when the layout is not plain block YAML we can follow.
 */
function volumeMountEdit(
  env: WorkloadEnv,
  volumesPath: string[],
  volume: string,
  cls: string,
): { edit: TextEdit; container: string; path: string } | undefined {
  const { doc } = env;
  const L = doc.lines;
  const podPath = volumesPath.slice(0, -1);
  // the `containers:` key of the same pod spec
  let containersLine = -1;
  let podCol = -1;
  for (let i = L.first; i <= L.last; i++) {
    const info = lineInfo(L.get(i));
    if (info.key !== 'containers' || info.value !== '' || info.dashes.length > 0) continue;
    const c = cursorContext(L, i, info.keyCol);
    if (c && same(c.path, podPath)) {
      containersLine = i;
      podCol = info.keyCol;
      break;
    }
  }
  if (containersLine < 0) return undefined;
  // the first container: a `- ` item right below
  let itemLine = -1;
  for (let i = containersLine + 1; i <= L.last; i++) {
    const info = lineInfo(L.get(i));
    if (info.blank) continue;
    if (info.dashes.length === 1 && info.indent >= podCol && info.key !== undefined) itemLine = i;
    break;
  }
  if (itemLine < 0) return undefined;
  const item = lineInfo(L.get(itemLine));
  const dashCol = item.indent;
  const keyCol = item.keyCol;
  let last = itemLine;
  let mountsLine = -1;
  let containerName = '';
  const scanKey = (i: number, info: ReturnType<typeof lineInfo>): void => {
    if (info.keyCol !== keyCol || info.key === undefined) return;
    if (info.key === 'volumeMounts') mountsLine = i;
    if (info.key === 'name') containerName = info.value?.replace(/^["']|["']$/g, '') ?? '';
  };
  scanKey(itemLine, item);
  for (let i = itemLine + 1; i <= L.last; i++) {
    const info = lineInfo(L.get(i));
    if (info.blank) continue;
    if (info.indent <= dashCol) break;
    last = i;
    if (info.dashes.length === 0) scanKey(i, info);
  }
  const mountPathTaken = (p: string): boolean => {
    for (let i = itemLine; i <= last; i++)
      if (new RegExp(`mountPath:[ \\t]*["']?${p}["']?[ \\t]*$`).test(L.get(i))) return true;
    return false;
  };
  let path = '/mnt/secrets-store';
  if (mountPathTaken(path)) path = `/mnt/secrets-store-${cls}`;
  if (mountPathTaken(path)) return undefined;
  const eol = doc.eol;
  if (mountsLine >= 0) {
    const m = lineInfo(L.get(mountsLine));
    if (m.value !== '') return undefined; // a flow list or something else
    let end = mountsLine;
    let itemCol = -1;
    for (let i = mountsLine + 1; i <= L.last; i++) {
      const info = lineInfo(L.get(i));
      if (info.blank) continue;
      if (info.indent > keyCol || (info.indent === keyCol && info.dashes[0] === keyCol)) {
        if (itemCol < 0 && info.dashes.length > 0) itemCol = info.indent;
        if (new RegExp(`name:[ \\t]*["']?${volume}["']?[ \\t]*$`).test(L.get(i))) return undefined;
        end = i;
        continue;
      }
      break;
    }
    if (itemCol < 0) itemCol = keyCol + 2;
    const pad = ' '.repeat(itemCol);
    const at = doc.lineEnd(end);
    return {
      container: containerName,
      path,
      edit: {
        span: { start: at, end: at },
        newText: `${eol}${pad}- name: ${volume}${eol}${pad}  mountPath: ${path}${eol}${pad}  readOnly: true`,
      },
    };
  }
  const pad = ' '.repeat(keyCol);
  const at = doc.lineEnd(last);
  return {
    container: containerName,
    path,
    edit: {
      span: { start: at, end: at },
      newText: `${eol}${pad}volumeMounts:${eol}${pad}  - name: ${volume}${eol}${pad}    mountPath: ${path}${eol}${pad}    readOnly: true`,
    },
  };
}
