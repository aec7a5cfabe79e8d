// The cross-file index: every class and workload of the analysed files, and how a workload's
// `secretProviderClass` resolves (the driver looks the class up in the pod's namespace).
import type {
  ClassModel,
  ContainerModel,
  CsiVolumeModel,
  DocModel,
  VolumeMountModel,
  WorkloadModel,
} from './model';
import type { MountedFile } from './mounts';
import type { ClassRef, WorkloadRef, WorkspaceView } from './rules/rule';

export interface IndexedDoc {
  model: DocModel;
  files: MountedFile[];
  base: number;
}

/** Namespaces match when equal, or when either is unspecified (it then comes from kubectl's context). */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** The AWS class a workload in `namespace` gets for `name`, if the analysed files define it. */
export function resolveClass(
  view: WorkspaceView,
  name: string,
  namespace: string | undefined,
): ClassRef | undefined {
  return view.classesNamed(name).find((c) => c.cls.isAws && sameNamespace(c.cls.namespace, namespace));
}

export function makeView(files: { id: string; docs: IndexedDoc[] }[]): WorkspaceView {
  const classes: ClassRef[] = [];
  const workloads: WorkloadRef[] = [];
  for (const f of files) {
    for (const d of f.docs) {
      const cls: ClassModel | undefined = d.model.class;
      const w: WorkloadModel | undefined = d.model.workload;
      if (cls) classes.push({ cls, doc: d.model, fileId: f.id, base: d.base, files: d.files });
      if (w) workloads.push({ workload: w, doc: d.model, fileId: f.id, base: d.base });
    }
  }
  const byName = new Map<string, ClassRef[]>();
  for (const c of classes) {
    const k = c.cls.name ?? '';
    const list = byName.get(k) ?? [];
    list.push(c);
    byName.set(k, list);
  }
  return { classes, workloads, classesNamed: (n) => byName.get(n) ?? [] };
}

/** One container's mount of a CSI volume whose class the analysed files define. */
export interface ContainerMount {
  container: ContainerModel;
  mount: VolumeMountModel;
  volume: CsiVolumeModel;
  mountPath: string;
  className: string;
  ref: ClassRef;
  /** the volume's own `pathTranslation` attribute (it overrides the class's), when set */
  translationOverride: string | undefined;
}

/** Every container mount of a workload that resolves to a class: volume -> secretProviderClass -> class. */
export function containerMounts(w: WorkloadModel, view: WorkspaceView): ContainerMount[] {
  const out: ContainerMount[] = [];
  for (const container of w.containers) {
    for (const mount of container.mounts) {
      const volume = w.volumes.find((v) => v.name?.value === mount.name?.value);
      const className = volume?.secretProviderClass?.value;
      const mountPath = mount.mountPath?.value;
      if (!volume || !className || !mountPath) continue;
      const ref = resolveClass(view, className, w.namespace);
      if (!ref) continue;
      const translationOverride = volume.attributes.get('pathTranslation')?.value;
      out.push({ container, mount, volume, mountPath, className, ref, translationOverride });
    }
  }
  return out;
}
