// Plans the two edits that mount a SecretProviderClass into the workload under the cursor: a CSI
// volume in the pod spec's `volumes` and a volumeMount in a container (the one under the cursor, else
// the first). Indentation is read from the document, never assumed. Pure: returns text insertions;
// `undefined` when the cursor is not in a block-style workload (the caller then inserts a snippet).
import { isMap, isScalar, isSeq, parseAllDocuments, type Node, type YAMLMap } from 'yaml';
import { WORKLOAD_PODSPEC } from '../../server/src/shared/workloads';

export interface Insertion {
  offset: number;
  text: string;
}

export interface VolumePlan {
  workload: string;
  container: string;
  volumeName: string;
  /** the mountPath of the volumeMount, as chosen (opts.mountPath or the default) */
  mountPath: string;
  /** non-overlapping insertions in the original text's offsets, last first */
  edits: Insertion[];
}

export interface VolumeOptions {
  className: string;
  volumeName?: string;
  mountPath?: string;
}

const POD_SPEC_PATH = WORKLOAD_PODSPEC;

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** End of the last non-blank line that ends at or before `end`. */
function endOfContent(text: string, end: number): number {
  let p = Math.min(end, text.length);
  while (p > 0 && /\s/.test(text[p - 1] ?? '')) p--;
  const nl = text.indexOf('\n', p);
  const lineEnd = nl === -1 ? text.length : nl;
  return lineEnd > 0 && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
}

function keyStart(map: YAMLMap): number | undefined {
  const k = map.items[0]?.key as Node | undefined;
  return k?.range?.[0];
}

function scalarString(n: unknown): string | undefined {
  return isScalar(n) && typeof n.value === 'string' ? n.value : undefined;
}

/** A mountPath kubelet accepts: absolute, no `:` (the API server refuses it), no `..` segment. */
export function mountPathProblem(v: string): string | undefined {
  const p = v.trim();
  if (p === '') return 'Enter the directory the container sees the files in, e.g. /mnt/secrets-store.';
  if (!p.startsWith('/')) return 'A mountPath is absolute: it starts with /.';
  if (p.includes(':')) return 'A mountPath must not contain ":".';
  if (p.split('/').includes('..')) return 'A mountPath must not contain a ".." segment.';
  return undefined;
}

/** A plain scalar when YAML reads it back as the same string, else a double-quoted one. */
export function yamlScalar(s: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(s) && !/^[-.]/.test(s) ? s : JSON.stringify(s);
}

function lines(indent: string, body: string[], eol: string): string {
  return body.map((l) => eol + indent + l).join('');
}

export function planCsiVolume(text: string, cursor: number, opts: VolumeOptions): VolumePlan | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(docs)) return undefined;
  const doc =
    docs.find((d) => d.range[0] <= cursor && cursor <= d.range[2]) ??
    (docs.length === 1 ? docs[0] : undefined);
  if (!doc || !isMap(doc.contents) || doc.contents.flow) return undefined;
  const kind = scalarString(doc.contents.get('kind', true));
  const path = kind ? POD_SPEC_PATH[kind] : undefined;
  if (!kind || !path) return undefined;
  // Walk to the pod spec, remembering the key column of each level to learn the indent step.
  let node: unknown = doc.contents;
  const keyCols: number[] = [];
  for (const k of path) {
    if (!isMap(node) || node.flow) return undefined;
    const ks = keyStart(node);
    if (ks !== undefined) keyCols.push(column(text, ks));
    node = node.get(k, true);
  }
  if (!isMap(node) || node.flow || node.items.length === 0) return undefined;
  const podSpec = node;
  const specKeyStart = keyStart(podSpec);
  if (specKeyStart === undefined) return undefined;
  const specCol = column(text, specKeyStart);
  const parentCol = keyCols[keyCols.length - 1] ?? 0;
  const step = specCol > parentCol ? specCol - parentCol : 2;
  const name = (metaName: unknown) => scalarString(metaName) ?? '';
  const workload = `${kind}/${name(isMap(doc.contents.get('metadata', true)) ? (doc.contents.getIn(['metadata', 'name'], true) as unknown) : undefined)}`;

  const containers = podSpec.get('containers', true);
  if (!isSeq(containers) || containers.flow || containers.items.length === 0) return undefined;
  const containerNodes = containers.items.filter((c): c is YAMLMap => isMap(c) && !c.flow);
  const container =
    containerNodes.find((c) => c.range && c.range[0] <= cursor && cursor <= c.range[2]) ?? containerNodes[0];
  if (!container) return undefined;
  const containerName = scalarString(container.get('name', true)) ?? '';

  // A volume name not yet used in this pod spec.
  const volumes = podSpec.get('volumes', true);
  const used = new Set<string>();
  if (isSeq(volumes))
    for (const v of volumes.items) if (isMap(v)) used.add(scalarString(v.get('name', true)) ?? '');
  let volumeName = opts.volumeName ?? 'secrets-store-inline';
  for (let i = 2; used.has(volumeName); i++) volumeName = `${opts.volumeName ?? 'secrets-store-inline'}-${i}`;
  const mountPath = opts.mountPath ?? (used.size === 0 ? '/mnt/secrets-store' : `/mnt/${volumeName}`);

  const pad = (n: number) => ' '.repeat(n);
  const volumeItem = (dashCol: number, itemCol: number) => {
    const inner = pad(itemCol - dashCol);
    return [
      `- name: ${volumeName}`,
      `${inner}csi:`,
      `${inner}${pad(step)}driver: secrets-store.csi.k8s.io`,
      `${inner}${pad(step)}readOnly: true`,
      `${inner}${pad(step)}volumeAttributes:`,
      `${inner}${pad(step * 2)}secretProviderClass: ${opts.className}`,
    ];
  };
  const mountItem = (dashCol: number, itemCol: number) => {
    const inner = pad(itemCol - dashCol);
    return [`- name: ${volumeName}`, `${inner}mountPath: ${yamlScalar(mountPath)}`, `${inner}readOnly: true`];
  };
  // How far this document indents `- ` under its key (0 or the step), read from `containers`.
  const containersKey = podSpec.items.find((p) => scalarString(p.key) === 'containers')?.key as
    Node | undefined;
  const seqOffset =
    containers.range && containersKey?.range
      ? Math.max(0, column(text, containers.range[0]) - column(text, containersKey.range[0]))
      : step;

  const edits: Insertion[] = [];
  // 1. the volume
  if (isSeq(volumes) && !volumes.flow && volumes.items.length > 0 && volumes.range) {
    const first = volumes.items[0] as Node | undefined;
    const dashCol = column(text, volumes.range[0]);
    const itemCol = first?.range ? column(text, first.range[0]) : dashCol + 2;
    edits.push({
      offset: endOfContent(text, volumes.range[1]),
      text: lines(pad(dashCol), volumeItem(dashCol, itemCol), eol),
    });
  } else if (volumes === undefined) {
    const last = podSpec.items[podSpec.items.length - 1];
    const lastEnd =
      (last?.value as Node | undefined)?.range?.[1] ?? (last?.key as Node | undefined)?.range?.[1];
    if (lastEnd === undefined) return undefined;
    const dashCol = specCol + seqOffset;
    edits.push({
      offset: endOfContent(text, lastEnd),
      text:
        lines(pad(specCol), ['volumes:'], eol) + lines(pad(dashCol), volumeItem(dashCol, dashCol + 2), eol),
    });
  } else return undefined; // `volumes:` empty or in flow style: leave it to the user

  // 2. the volumeMount
  const mounts = container.get('volumeMounts', true);
  const cKeyStart = keyStart(container);
  if (cKeyStart === undefined) return undefined;
  const cCol = column(text, cKeyStart);
  if (isSeq(mounts) && !mounts.flow && mounts.items.length > 0 && mounts.range) {
    const first = mounts.items[0] as Node | undefined;
    const dashCol = column(text, mounts.range[0]);
    const itemCol = first?.range ? column(text, first.range[0]) : dashCol + 2;
    edits.push({
      offset: endOfContent(text, mounts.range[1]),
      text: lines(pad(dashCol), mountItem(dashCol, itemCol), eol),
    });
  } else if (mounts === undefined) {
    const last = container.items[container.items.length - 1];
    const lastEnd =
      (last?.value as Node | undefined)?.range?.[1] ?? (last?.key as Node | undefined)?.range?.[1];
    if (lastEnd === undefined) return undefined;
    const dashCol = cCol + seqOffset;
    edits.push({
      offset: endOfContent(text, lastEnd),
      text:
        lines(pad(cCol), ['volumeMounts:'], eol) + lines(pad(dashCol), mountItem(dashCol, dashCol + 2), eol),
    });
  } else return undefined;

  // At one offset (the container is the pod spec's last item) the mount must come first: it belongs
  // to the container, the volumes key after it to the pod spec.
  const [volumeEdit, mountEdit] = edits;
  if (volumeEdit && mountEdit && volumeEdit.offset === mountEdit.offset)
    return {
      workload,
      container: containerName,
      volumeName,
      mountPath,
      edits: [{ offset: volumeEdit.offset, text: mountEdit.text + volumeEdit.text }],
    };
  edits.sort((a, b) => b.offset - a.offset);
  return { workload, container: containerName, volumeName, mountPath, edits };
}

/** Applies insertions (any order) to a string; for tests and previews. */
export function applyInsertions(text: string, edits: Insertion[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset))
    out = out.slice(0, e.offset) + e.text + out.slice(e.offset);
  return out;
}
