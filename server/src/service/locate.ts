// What is at an offset of a file: which document, class, entry, field, workload volume. The language
// features (hover, completion, definition, ...) start here.
import type { PlacedDoc } from '../core/analyze';
import { ENTRY_STRING_FIELDS } from '../core/objects';
import type {
  ClassModel,
  CsiVolumeModel,
  EntryModel,
  JmesEntryModel,
  ParamModel,
  SecretObjectDataModel,
  SecretObjectModel,
  StrValue,
  WorkloadModel,
} from '../core/model';
import type { Span } from '../core/types';

export type Target =
  | { kind: 'class-name'; cls: ClassModel }
  | { kind: 'param'; cls: ClassModel; param: ParamModel; onKey: boolean }
  | {
      kind: 'entry-field';
      cls: ClassModel;
      entry: EntryModel;
      field: string;
      value: StrValue;
      onKey: boolean;
    }
  | {
      kind: 'jmes-field';
      cls: ClassModel;
      entry: EntryModel;
      jmes: JmesEntryModel;
      field: string;
      value: StrValue;
      onKey: boolean;
    }
  | {
      kind: 'failover-field';
      cls: ClassModel;
      entry: EntryModel;
      field: string;
      value: StrValue;
      onKey: boolean;
    }
  | { kind: 'objects'; cls: ClassModel }
  | {
      kind: 'secret-object-name';
      cls: ClassModel;
      so: SecretObjectModel;
      data: SecretObjectDataModel;
      value: StrValue;
    }
  | { kind: 'volume-class'; workload: WorkloadModel; volume: CsiVolumeModel; value: StrValue }
  | { kind: 'volume'; workload: WorkloadModel; volume: CsiVolumeModel }
  | { kind: 'workload-name'; workload: WorkloadModel };

export interface Located {
  doc: PlacedDoc;
  /** offset relative to the document */
  rel: number;
  target: Target | undefined;
}

export function within(span: Span | undefined, rel: number): boolean {
  return !!span && rel >= span.start && rel <= span.end;
}

/** The document of a file that contains an absolute offset. */
export function docAt(placed: PlacedDoc[], offset: number): PlacedDoc | undefined {
  let lo = 0;
  let hi = placed.length - 1;
  let found: PlacedDoc | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = placed[mid] as PlacedDoc;
    if (d.base <= offset) {
      found = d;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function fieldAt(
  values: [string, StrValue | undefined][],
  rel: number,
): { field: string; value: StrValue; onKey: boolean } | undefined {
  for (const [field, value] of values) {
    if (!value) continue;
    if (within(value.keySpan, rel)) return { field, value, onKey: true };
    if (value.kind !== 'null' && within(value.span, rel)) return { field, value, onKey: false };
  }
  return undefined;
}

function locateInClass(cls: ClassModel, rel: number): Target | undefined {
  if (within(cls.nameSpan, rel) && cls.name !== undefined) return { kind: 'class-name', cls };
  for (const e of cls.objects?.entries ?? []) {
    if (!within(e.span, rel) && !within(e.itemStart, rel)) continue;
    for (const j of e.jmesPath) {
      const f = fieldAt(
        [
          ['path', j.path],
          ['objectAlias', j.objectAlias],
          ['filePermission', j.filePermission],
        ],
        rel,
      );
      if (f) return { kind: 'jmes-field', cls, entry: e, jmes: j, ...f };
    }
    const fo = e.failoverObject;
    if (fo) {
      const f = fieldAt(
        [
          ['objectName', fo.objectName],
          ['objectVersion', fo.objectVersion],
          ['objectVersionLabel', fo.objectVersionLabel],
        ],
        rel,
      );
      if (f) return { kind: 'failover-field', cls, entry: e, ...f };
    }
    const f = fieldAt(
      ENTRY_STRING_FIELDS.map((k) => [k, e[k]] as [string, StrValue | undefined]).concat([
        ['jmesPath', e.jmesPathKey],
      ]),
      rel,
    );
    if (f) return { kind: 'entry-field', cls, entry: e, ...f };
  }
  for (const so of cls.secretObjects) {
    for (const d of so.data) {
      if (d.objectName && within(d.objectName.span, rel) && d.objectName.kind !== 'null')
        return { kind: 'secret-object-name', cls, so, data: d, value: d.objectName };
    }
  }
  for (const p of cls.params.values()) {
    if (within(p.keySpan, rel)) return { kind: 'param', cls, param: p, onKey: true };
    if (p.key === 'objects' && within(p.value.span, rel)) return { kind: 'objects', cls };
    if (within(p.value.span, rel)) return { kind: 'param', cls, param: p, onKey: false };
  }
  return undefined;
}

function locateInWorkload(w: WorkloadModel, rel: number): Target | undefined {
  if (within(w.nameSpan, rel) && w.name !== undefined) return { kind: 'workload-name', workload: w };
  for (const v of w.volumes) {
    const c = v.secretProviderClass;
    if (c && c.kind !== 'null' && within(c.span, rel))
      return { kind: 'volume-class', workload: w, volume: v, value: c };
    if (within(v.span, rel)) return { kind: 'volume', workload: w, volume: v };
  }
  return undefined;
}

/** Finds what is at `offset` (UTF-16, absolute) in an analysed file. */
export function locate(placed: PlacedDoc[], offset: number): Located | undefined {
  const doc = docAt(placed, offset);
  if (!doc) return undefined;
  const rel = offset - doc.base;
  const m = doc.model;
  let target: Target | undefined;
  if (m.class) target = locateInClass(m.class, rel);
  else if (m.workload) target = locateInWorkload(m.workload, rel);
  return { doc, rel, target };
}

/** Absolute span of a document-relative span. */
export function abs(doc: PlacedDoc, span: Span): Span {
  return { start: span.start + doc.base, end: span.end + doc.base };
}
