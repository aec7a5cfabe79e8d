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

type Need = ['listing', string, Needs['listings'][number]] | ['value', string, ObjectRef];

/**
 * What one document needs, in the order needsOf meets it. A DocModel never changes once built (it is
 * cached for its text), so this is computed once per document: the server asks for the needs of every
 * open document after each keystroke.
 */
const perDocument = new WeakMap<DocModel, Need[]>();

function needsOfDocument(doc: DocModel): Need[] {
  const known = perDocument.get(doc);
  if (known) return known;
  const out: Need[] = [];
  const cls = doc.class;
  const region = param(doc, 'region');
  const failoverRegion = param(doc, 'failoverRegion');
  if (cls && cls.isAws && cls.objects && (region === undefined || isRegion(region))) {
    for (const ref of objectRefs(cls, region, isRegion(failoverRegion) ? failoverRegion : undefined)) {
      if (ref.region !== undefined && !isRegion(ref.region)) continue;
      out.push(['listing', `${ref.kind}:${ref.region ?? ''}`, { kind: ref.kind, region: ref.region }]);
      if (!ref.failover && ref.entry.jmesPath.some((j) => (j.path?.value ?? '') !== '')) {
        const v: ObjectRef = { kind: ref.kind, name: ref.name.value, region: ref.region };
        if (ref.version) v.version = ref.version;
        if (ref.label) v.label = ref.label;
        out.push([
          'value',
          JSON.stringify([v.kind, v.name, v.region ?? '', v.version ?? '', v.label ?? '']),
          v,
        ]);
      }
    }
  }
  perDocument.set(doc, out);
  return out;
}

export function needsOf(docs: Iterable<DocModel>): Needs {
  const listings = new Map<string, { kind: ObjectKind; region: string | undefined }>();
  const values = new Map<string, ObjectRef>();
  for (const doc of docs) {
    for (const n of needsOfDocument(doc)) {
      if (n[0] === 'listing') listings.set(n[1], n[2]);
      else values.set(n[1], n[2]);
    }
  }
  return { listings: [...listings.values()], values: [...values.values()] };
}

export function emptyNeeds(n: Needs): boolean {
  return n.listings.length === 0 && n.values.length === 0;
}
