// What AWS knowledge a set of documents needs: the listings (kind x region) their names are judged
// against, and the values their jmesPath entries read. Regions come from the documents only as
// names that pass isRegion(); everything else about where calls go comes from settings.
import type { DocModel } from '../core/model';
import { objectRefs } from '../core/rules/aws/refs';
import type { ObjectKind, ObjectRef } from '../service/providers';
import { isRegion } from './session';

export interface Needs {
  /** region undefined: the default region */
  listings: { kind: ObjectKind; region: string | undefined }[];
  /** values read by jmesPath entries (primary names only: ASCP applies jmesPath to what it fetched first) */
  values: ObjectRef[];
}

function param(doc: DocModel, key: string): string | undefined {
  const v = doc.class?.params.get(key)?.value.value;
  return v === undefined || v === '' ? undefined : v;
}

export function needsOf(docs: Iterable<DocModel>): Needs {
  const listings = new Map<string, { kind: ObjectKind; region: string | undefined }>();
  const values = new Map<string, ObjectRef>();
  for (const doc of docs) {
    const cls = doc.class;
    if (!cls || !cls.isAws || !cls.objects) continue;
    const region = param(doc, 'region');
    const failoverRegion = param(doc, 'failoverRegion');
    if (region !== undefined && !isRegion(region)) continue;
    for (const ref of objectRefs(cls, region, isRegion(failoverRegion) ? failoverRegion : undefined)) {
      if (ref.region !== undefined && !isRegion(ref.region)) continue;
      listings.set(`${ref.kind}:${ref.region ?? ''}`, { kind: ref.kind, region: ref.region });
      if (!ref.failover && ref.entry.jmesPath.some((j) => (j.path?.value ?? '') !== '')) {
        const v: ObjectRef = { kind: ref.kind, name: ref.name.value, region: ref.region };
        if (ref.version) v.version = ref.version;
        if (ref.label) v.label = ref.label;
        values.set(JSON.stringify([v.kind, v.name, v.region ?? '', v.version ?? '', v.label ?? '']), v);
      }
    }
  }
  return { listings: [...listings.values()], values: [...values.values()] };
}

export function emptyNeeds(n: Needs): boolean {
  return n.listings.length === 0 && n.values.length === 0;
}
