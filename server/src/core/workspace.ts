// The cross-file index: every class and workload of the analysed files, and how a workload's
// `secretProviderClass` resolves (the driver looks the class up in the pod's namespace).
import type { ClassModel, DocModel, WorkloadModel } from './model';
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
