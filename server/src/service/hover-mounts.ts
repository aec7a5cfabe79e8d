// Who mounts a class, and where each of its files appears in each container: the same resolution as
// the core's mountRows (volume -> secretProviderClass -> class in the pod's namespace, volume-level
// pathTranslation override, subPath), indexed per class so hovers and lenses ask in O(1) per request.
import type { ClassModel, CsiVolumeModel, WorkloadModel } from '../core/model';
import { classTranslation, fileNameFor, joinMountPath, type Translation } from '../core/mounts';
import type { WorkloadRef, WorkspaceView } from '../core/rules/rule';
import { containerMounts, resolveClass } from '../core/workspace';

export interface ClassMount {
  workload: WorkloadRef;
  container: string;
  init: boolean;
  volume: CsiVolumeModel;
  mountPath: string;
  subPath: string | undefined;
  /** the class's translation, or the volume's `pathTranslation` attribute when it sets one */
  translation: Translation;
}

const byView = new WeakMap<WorkspaceView, Map<ClassModel, ClassMount[]>>();

function index(view: WorkspaceView): Map<ClassModel, ClassMount[]> {
  const cached = byView.get(view);
  if (cached) return cached;
  const out = new Map<ClassModel, ClassMount[]>();
  for (const ref of view.workloads) {
    for (const cm of containerMounts(ref.workload, view)) {
      const cls = cm.ref.cls;
      const list = out.get(cls) ?? [];
      list.push({
        workload: ref,
        container: cm.container.name,
        init: cm.container.init,
        volume: cm.volume,
        mountPath: cm.mountPath,
        subPath: cm.mount.subPath?.value || undefined,
        translation: classTranslation(cls, cm.translationOverride),
      });
      out.set(cls, list);
    }
  }
  byView.set(view, out);
  return out;
}

/** Every container mount of `cls` in the workspace, in workload order. */
export function mountsOfClass(view: WorkspaceView, cls: ClassModel): ClassMount[] {
  return index(view).get(cls) ?? [];
}

/** The mounts of one workload's volume (the containers that mount it). */
export function mountsOfVolume(view: WorkspaceView, w: WorkloadModel, vol: CsiVolumeModel): ClassMount[] {
  const className = vol.secretProviderClass?.value;
  if (!className) return [];
  const cls = resolveClass(view, className, w.namespace)?.cls;
  if (!cls) return [];
  return mountsOfClass(view, cls).filter((m) => m.workload.workload === w && m.volume === vol);
}

/** The file a name or alias (as written) becomes in this mount. */
export function fileIn(m: ClassMount, source: string): string {
  return fileNameFor(source, m.translation);
}

/** The full path a container sees for a name or alias, or undefined when a subPath mounts another file. */
export function pathIn(m: ClassMount, source: string): string | undefined {
  const file = fileIn(m, source);
  if (m.subPath) return m.subPath === file ? m.mountPath : undefined;
  return joinMountPath(m.mountPath, file);
}

export function workloadText(w: WorkloadModel): string {
  return `${w.workloadKind}/${w.name ?? '?'}`;
}

/** The last path segment of a file id or URI, for "in pod.yaml". */
export function fileLabel(fileId: string): string {
  const last = fileId.split(/[\\/]/).pop() ?? fileId;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
