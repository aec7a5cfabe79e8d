// Which classes a policy covers: every AWS class of the analysed files, or the classes a workload
// mounts (linked like the driver links them: by name, in the pod's namespace, with the volume's
// attributes copied over the class parameters).
import { workloadLabel } from '../analyze';
import type { DocModel, WorkloadModel } from '../model';
import { q } from '../rules/rule';
import { makeView, resolveClass } from '../workspace';
import { policyForClasses, type ClassUse, type PolicyOptions, type PolicyResult } from './policy';

/** What the policy needs of an analysed file (a FileAnalysis or a ParsedFile will do). */
export interface PolicyFile {
  id: string;
  docs: readonly DocModel[];
}

export interface WorkloadClasses {
  /** `Kind/name` */
  workload: string;
  kind: string;
  name: string | undefined;
  namespace: string | undefined;
  fileId: string;
  uses: ClassUse[];
  /** class references that do not resolve to an AWS class in the files */
  notes: string[];
}

/** Every AWS SecretProviderClass in the files, as written. */
export function classUses(files: readonly PolicyFile[]): ClassUse[] {
  const out: ClassUse[] = [];
  for (const f of files)
    for (const doc of f.docs) if (doc.class?.isAws) out.push({ cls: doc.class, doc, fileId: f.id });
  return out;
}

function isTemplatedValue(doc: DocModel, start: number, end: number): boolean {
  return doc.templated && doc.text.slice(start, end).includes('{{');
}

/** The classes each workload in the files mounts. */
export function workloadClasses(files: readonly PolicyFile[]): WorkloadClasses[] {
  const view = makeView(
    files.map((f) => ({ id: f.id, docs: f.docs.map((model) => ({ model, files: [], base: 0 })) })),
  );
  const fileOfClass = new Map<object, { fileId: string; doc: DocModel }>();
  for (const c of view.classes) fileOfClass.set(c.cls, { fileId: c.fileId, doc: c.doc });
  const out: WorkloadClasses[] = [];
  for (const ref of view.workloads) {
    const w: WorkloadModel = ref.workload;
    const label = workloadLabel(w);
    const wc: WorkloadClasses = {
      workload: label,
      kind: w.workloadKind,
      name: w.name,
      namespace: w.namespace,
      fileId: ref.fileId,
      uses: [],
      notes: [],
    };
    for (const vol of w.volumes) {
      const name = vol.secretProviderClass?.value;
      if (!name) continue;
      const cref = resolveClass(view, name, w.namespace);
      if (!cref) {
        wc.notes.push(
          `${ref.fileId}: ${label}: volume ${q(vol.name?.value ?? '?')} mounts class ${q(name)}, which no file given defines (as an aws class${w.namespace ? ' in namespace ' + w.namespace : ''})`,
        );
        continue;
      }
      const attributes = new Map<string, string | null>();
      for (const key of ['region', 'failoverRegion']) {
        const v = vol.attributes.get(key);
        if (!v) continue;
        attributes.set(key, isTemplatedValue(ref.doc, v.span.start, v.span.end) ? null : v.value);
      }
      const where = fileOfClass.get(cref.cls);
      wc.uses.push({
        cls: cref.cls,
        ...(where ? { doc: where.doc, fileId: where.fileId } : {}),
        ...(attributes.size > 0 ? { attributes } : {}),
      });
    }
    out.push(wc);
  }
  return out;
}

/** Does `selector` (`Kind/name` or `namespace/Kind/name`; the kind in any case) name this workload? */
export function matchesWorkload(w: WorkloadClasses, selector: string): boolean {
  const parts = selector.split('/');
  let ns: string | undefined;
  let kind: string | undefined;
  let name: string | undefined;
  if (parts.length === 2) [kind, name] = parts;
  else if (parts.length === 3) [ns, kind, name] = parts;
  else return false;
  if (kind === undefined || name === undefined) return false;
  if (ns !== undefined && ns !== (w.namespace ?? '')) return false;
  return w.kind.toLowerCase() === kind.toLowerCase() && w.name === name;
}

/** The policy for the classes the given workloads mount (one role for all of them). */
export function policyForWorkloads(
  workloads: readonly WorkloadClasses[],
  options: PolicyOptions = {},
): PolicyResult {
  return policyForClasses(
    workloads.flatMap((w) => w.uses),
    options,
    workloads.flatMap((w) => w.notes),
  );
}

/** The policy for every AWS class in the files. */
export function policyForFiles(files: readonly PolicyFile[], options: PolicyOptions = {}): PolicyResult {
  return policyForClasses(classUses(files), options);
}
