// The document model: what the core knows about one YAML file. All spans in a DocModel are relative to
// the document's own text, so an unchanged document can be reused after edits elsewhere in the file
// shifted it (or in another file with the same text); its offset in a file is carried beside it.
import type { Document, Node, Scalar, YAMLMap } from 'yaml';
import type { ScalarMap } from './scalar-map';
import type { Span } from './types';

export interface StrValue {
  /** the string a Go string field (or the API server) receives */
  value: string;
  /** span of the value in the document (or of the key when the value is absent) */
  span: Span;
  keySpan: Span;
  /** key as written */
  key: string;
  /** how go-yaml resolved a plain scalar: 'string' for quoted/block scalars */
  kind: 'null' | 'bool' | 'int' | 'float' | 'string' | 'map' | 'seq';
  /** source text of a plain scalar when its resolved kind is not a string (e.g. `0640`, `yes`) */
  plainSource?: string;
  node: Node | null;
}

export interface OffsetMap {
  exact: boolean;
  toSource(i: number): number;
}

export interface JmesEntryModel {
  index: number;
  span: Span;
  /** span of the `- ` item start (first line) */
  itemStart: Span;
  fields: Map<string, StrValue>;
  path?: StrValue;
  objectAlias?: StrValue;
  filePermission?: StrValue;
  /** maps offsets inside the decoded path string to document offsets (for exact columns in expressions) */
  pathMap?: OffsetMap | undefined;
}

export interface FailoverModel {
  span: Span;
  keySpan: Span;
  objectName?: StrValue;
  objectVersion?: StrValue;
  objectVersionLabel?: StrValue;
}

export interface EntryModel {
  index: number;
  /** span of the whole list item */
  span: Span;
  /** span of the `-` indicator (and the first key), where "missing key" diagnostics go */
  itemStart: Span;
  isNull: boolean;
  objectName?: StrValue;
  objectType?: StrValue;
  objectAlias?: StrValue;
  objectVersion?: StrValue;
  objectVersionLabel?: StrValue;
  filePermission?: StrValue;
  jmesPath: JmesEntryModel[];
  jmesPathKey?: StrValue;
  failoverObject?: FailoverModel;
}

export interface ObjectsFacts {
  /** YAML syntax errors inside the objects string (spans already mapped to the document) */
  syntaxErrors: { message: string; span: Span }[];
  /** shape errors: what encoding/json would say, with where */
  shapeErrors: { message: string; span: Span; goMessage: string }[];
  unknownKeys: {
    key: string;
    span: Span;
    where: 'entry' | 'jmesPath' | 'failoverObject';
    suggestion?: string;
  }[];
  duplicateKeys: { key: string; span: Span; firstSpan: Span }[];
  coercions: { field: string; source: string; value: string; kind: string; span: Span }[];
  extraDocuments: { span: Span; count: number }[];
  templated: boolean;
}

export interface ObjectsModel {
  /** the `objects` value in the document */
  value: StrValue;
  map: ScalarMap | undefined;
  text: string;
  entries: EntryModel[];
  facts: ObjectsFacts;
  /** true when the string parsed into a list (possibly empty) */
  parsed: boolean;
}

export interface ParamModel {
  key: string;
  keySpan: Span;
  value: StrValue;
}

export interface SecretObjectDataModel {
  span: Span;
  itemStart: Span;
  objectName?: StrValue;
  key?: StrValue;
}

export interface SecretObjectModel {
  span: Span;
  itemStart: Span;
  secretName?: StrValue;
  type?: StrValue;
  data: SecretObjectDataModel[];
  dataKey?: StrValue;
}

export interface ClassModel {
  kind: 'class';
  name: string | undefined;
  nameSpan: Span;
  namespace: string | undefined;
  apiVersion: StrValue;
  provider?: StrValue;
  isAws: boolean;
  specSpan: Span;
  parametersKey?: StrValue;
  params: Map<string, ParamModel>;
  objects?: ObjectsModel;
  secretObjects: SecretObjectModel[];
  secretObjectsKey?: StrValue;
  /** span of `kind: SecretProviderClass` value */
  kindSpan: Span;
}

export interface VolumeMountModel {
  name?: StrValue;
  mountPath?: StrValue;
  subPath?: StrValue;
  readOnly?: StrValue;
  span: Span;
}

export interface ContainerModel {
  name: string;
  nameSpan: Span;
  init: boolean;
  mounts: VolumeMountModel[];
}

export interface CsiVolumeModel {
  name?: StrValue;
  span: Span;
  csiKey: StrValue;
  driver?: StrValue;
  readOnly?: StrValue;
  volumeAttributesKey?: StrValue;
  secretProviderClass?: StrValue;
  /** the volume's own attributes: the driver copies them over the class parameters */
  attributes: Map<string, StrValue>;
}

export interface WorkloadModel {
  kind: 'workload';
  workloadKind: string;
  name: string | undefined;
  nameSpan: Span;
  namespace: string | undefined;
  kindSpan: Span;
  volumes: CsiVolumeModel[];
  containers: ContainerModel[];
  /** other (non-CSI) volume names, to tell an unknown mount from a different volume */
  otherVolumes: Set<string>;
}

export interface DocModel {
  index: number;
  text: string;
  doc: Document.Parsed | undefined;
  class?: ClassModel;
  workload?: WorkloadModel;
  /** YAML syntax errors of a document that holds (or looks like) a class or a CSI volume */
  syntaxErrors: { message: string; span: Span }[];
  /** the document contains Helm/Go template actions */
  templated: boolean;
  root?: YAMLMap;
}

export type ScalarNode = Scalar;
