// The mounted files of one file as a tree, for the ASCP Mounts view, the rendered preview and the
// language status: each workload of the file, and each workload elsewhere in the workspace that
// mounts a class of the file; then container, mount path and the files, each with its mode, class,
// the objectName / jmesPath it comes from, and where that is written. The same resolution as the
// core's mountRows (volume -> secretProviderClass -> class in the pod's namespace, the volume's
// pathTranslation, subPath). Pure: plain data with file ids and absolute spans; the LSP layer turns
// spans into ranges. Linear in the workloads and files of the workspace.
import type { PlacedDoc } from '../core/analyze';
import { workloadLabel } from '../core/analyze';
import type { WorkloadModel } from '../core/model';
import { classFiles, classTranslation, joinMountPath, type MountedFile } from '../core/mounts';
import type { WorkloadRef, WorkspaceView } from '../core/rules/rule';
import type { Span } from '../core/types';
import { containerMounts, type ContainerMount } from '../core/workspace';

export interface Where {
  fileId: string;
  /** absolute span in that file */
  span: Span;
}

export interface TreeFile {
  /** the file's name in the volume */
  name: string;
  /** the full path the container sees */
  path: string;
  permission: string;
  kind: 'object' | 'jmesPath';
  objectName: string;
  objectType: string | undefined;
  /** the alias the file is named after, when one */
  objectAlias: string | undefined;
  /** the jmesPath expression whose result the file holds */
  jmesPath: string | undefined;
  /** the name or alias the file is named after, in the class's manifest */
  where: Where;
}

export interface TreeMount {
  mountPath: string;
  volume: string;
  className: string;
  subPath: string | undefined;
  /** the volumeMount's mountPath in the workload's manifest */
  where: Where;
  /** the class's name in its manifest */
  classWhere: Where;
  /** the class is defined in the file the tree is for */
  classInFile: boolean;
  files: TreeFile[];
}

export interface TreeContainer {
  name: string;
  init: boolean;
  where: Where;
  mounts: TreeMount[];
}

export interface TreeWorkload {
  label: string;
  kind: string;
  name: string;
  namespace: string | undefined;
  /** the workload is in the file the tree is for */
  inFile: boolean;
  where: Where;
  containers: TreeContainer[];
}

export interface TreeClass {
  name: string;
  namespace: string | undefined;
  where: Where;
  /** distinct file names the class writes */
  files: number;
}

export interface MountsTree {
  fileId: string;
  workloads: TreeWorkload[];
  /** the AWS classes of the file */
  classes: TreeClass[];
  /** full paths (per workload and container) that files of this file's classes, or this file's workloads, get */
  mountedFiles: number;
}

function abs(base: number, s: Span): Span {
  return { start: base + s.start, end: base + s.end };
}

function mountOf(cm: ContainerMount, fileId: string, wref: WorkloadRef): TreeMount {
  const { ref, mountPath } = cm;
  const files: MountedFile[] =
    cm.translationOverride !== undefined
      ? classFiles(ref.cls, classTranslation(ref.cls, cm.translationOverride))
      : ref.files;
  const sub = cm.mount.subPath?.value || undefined;
  const seen = new Set<string>();
  const out: TreeFile[] = [];
  for (const f of files) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    if (sub && sub !== f.name) continue;
    const e = f.entry;
    out.push({
      name: f.name,
      path: sub ? mountPath : joinMountPath(mountPath, f.name),
      permission: f.permission,
      kind: f.kind,
      objectName: e.objectName?.value ?? '',
      objectType: e.objectType?.value,
      objectAlias: f.kind === 'jmesPath' ? f.jmes?.objectAlias?.value : e.objectAlias?.value || undefined,
      jmesPath: f.kind === 'jmesPath' ? f.jmes?.path?.value : undefined,
      where: { fileId: ref.fileId, span: abs(ref.base, f.span) },
    });
  }
  return {
    mountPath,
    volume: cm.volume.name?.value ?? '',
    className: cm.className,
    subPath: sub,
    where: { fileId: wref.fileId, span: abs(wref.base, cm.mount.mountPath?.span ?? cm.mount.span) },
    classWhere: { fileId: ref.fileId, span: abs(ref.base, ref.cls.nameSpan) },
    classInFile: ref.fileId === fileId,
    files: out,
  };
}

/** One workload's tree; `mounts` are its containerMounts. */
export function workloadTree(wref: WorkloadRef, mounts: ContainerMount[], fileId: string): TreeWorkload {
  const w: WorkloadModel = wref.workload;
  const containers: TreeContainer[] = [];
  for (const c of w.containers) {
    const mine = mounts.filter((m) => m.container === c);
    if (mine.length === 0) continue;
    containers.push({
      name: c.name,
      init: c.init,
      where: { fileId: wref.fileId, span: abs(wref.base, c.nameSpan) },
      mounts: mine.map((m) => mountOf(m, fileId, wref)),
    });
  }
  return {
    label: workloadLabel(w),
    kind: w.workloadKind,
    name: w.name ?? '',
    namespace: w.namespace,
    inFile: wref.fileId === fileId,
    where: { fileId: wref.fileId, span: abs(wref.base, w.nameSpan) },
    containers,
  };
}

/**
 * The tree of `fileId`: its workloads that mount a CSI volume (in file order), then the workloads of
 * other files that mount one of its classes (in workspace order).
 */
export function mountsTree(fileId: string, placed: PlacedDoc[], view: WorkspaceView): MountsTree {
  const workloads: TreeWorkload[] = [];
  let mountedFiles = 0;
  const count = (t: TreeWorkload, onlyClassesInFile: boolean) => {
    for (const c of t.containers)
      for (const m of c.mounts) if (!onlyClassesInFile || m.classInFile) mountedFiles += m.files.length;
  };
  for (const wref of view.workloads) {
    const inFile = wref.fileId === fileId;
    const w = wref.workload;
    if (inFile && w.volumes.length === 0) continue;
    const mounts = containerMounts(w, view);
    if (!inFile && !mounts.some((m) => m.ref.fileId === fileId)) continue;
    const t = workloadTree(wref, mounts, fileId);
    count(t, !inFile);
    workloads.push(t);
  }
  // this file's workloads first; a stable sort keeps the workspace order within each group
  workloads.sort((a, b) => Number(b.inFile) - Number(a.inFile));
  const classes: TreeClass[] = [];
  for (const d of placed) {
    const cls = d.model.class;
    if (!cls || !cls.isAws) continue;
    classes.push({
      name: cls.name ?? '',
      namespace: cls.namespace,
      where: { fileId, span: abs(d.base, cls.nameSpan) },
      files: new Set(d.files.map((f) => f.name)).size,
    });
  }
  return { fileId, workloads, classes, mountedFiles };
}
