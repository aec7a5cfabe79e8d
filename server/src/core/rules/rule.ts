// The rule framework: one rule per module, each with a stable code, a default severity, the message
// ASCP (or the driver, kubelet, the API server) would give (`predicts`), how to fix it, and two example
// manifests: one that triggers the rule and a near miss that must not. Tests and the rule pages use the
// examples.
import type { ClassModel, DocModel, EntryModel, WorkloadModel } from '../model';
import type { MountedFile, Translation } from '../mounts';
import type { Diagnostic, FixData, RelatedInfo, Severity, Span } from '../types';

export interface RuleMeta {
  code: string;
  severity: Severity;
  title: string;
  /** What ASCP / the driver / the API server does, with the message users see at mount time. */
  ascp: string;
  /**
   * The exact message ASCP (or the driver, kubelet, the API server, kubectl) prints at apply or
   * mount time for this problem, with `<placeholders>` for the variable parts. When nothing fails
   * and ASCP silently does something unwanted instead: what happens, prefixed `(no error) `.
   */
  predicts: string;
  /** How to fix it. */
  fix: string;
  /** Where in ASCP's (or the driver's) source the behaviour comes from, as file:line where one exists. */
  source?: string;
  examples: {
    /** A manifest that must produce this code. */
    trigger: string;
    /** A near miss that must not. */
    nearMiss: string;
    /** An offline secret store (objectName -> value) both examples are analysed with. */
    secrets?: Record<string, string>;
    /** What a complete AWS listing holds, for rules that read AnalyzeOptions.catalog. */
    catalog?: ExampleCatalog;
  };
}

/** Catalog facts of a rule example: every name of each kind in one region (and account). */
export interface ExampleCatalog {
  region: string;
  account?: string;
  secretsmanager?: string[];
  ssmparameter?: string[];
}

export interface Report {
  span: Span;
  message: string;
  severity?: Severity;
  related?: RelatedInfo[];
  fixes?: FixData[];
}

/** Where ASCP fetches an object from, beyond its objectName. */
export interface ObjectWhere {
  /** the class's `region` (undefined: the default region; an ARN names its own) */
  region?: string | undefined;
  /** objectVersion */
  version?: string | undefined;
  /** objectVersionLabel */
  label?: string | undefined;
}

/** Looks up a secret's or parameter's value by objectName (name or ARN, as written). */
export interface SecretLookup {
  get(objectName: string, objectType: string | undefined, where?: ObjectWhere): string | undefined;
}

export type ObjectKind = 'secretsmanager' | 'ssmparameter';

/** Every object of one kind in one region of one account, as a complete listing found them. */
export interface CatalogListing {
  /** the region listed (named in messages) */
  region: string;
  /** the account listed, when known: ARNs of other accounts are never judged */
  account: string | undefined;
  /** an object named exactly `name` exists */
  has(name: string): boolean;
  /** an object with exactly this ARN exists */
  hasArn(arn: string): boolean;
  /** the ARN of the object named `name`, when the listing knows it */
  arnOf(name: string): string | undefined;
  /** every name, for "did you mean" */
  names(): readonly string[];
}

/**
 * Existence facts from AWS (AnalyzeOptions.catalog), synchronous: the caller fetched them before.
 * `listing` answers only when the listing of that kind and region was complete and authoritative;
 * otherwise undefined, and the rules say nothing about existence.
 */
export interface CatalogLookup {
  /** `region` undefined: the default region (the class names none) */
  listing(kind: ObjectKind, region: string | undefined): CatalogListing | undefined;
}

export interface ClassContext {
  doc: DocModel;
  cls: ClassModel;
  translation: Translation;
  files: MountedFile[];
  /** `region` parameter, when given */
  region: string | undefined;
  failoverRegion: string | undefined;
  secrets: SecretLookup | undefined;
  /** existence facts from AWS (only in checkContent) */
  catalog: CatalogLookup | undefined;
  report(r: Report): void;
}

export interface WorkloadContext {
  doc: DocModel;
  workload: WorkloadModel;
  report(r: Report): void;
}

export interface ClassRef {
  cls: ClassModel;
  doc: DocModel;
  fileId: string;
  /** where the class's document starts in its file */
  base: number;
  files: MountedFile[];
}

export interface WorkloadRef {
  workload: WorkloadModel;
  doc: DocModel;
  fileId: string;
  base: number;
}

export interface WorkspaceView {
  /** every SecretProviderClass, of any provider (only `aws` ones have files) */
  classes: ClassRef[];
  workloads: WorkloadRef[];
  /** classes named `name` (any namespace) */
  classesNamed(name: string): ClassRef[];
}

export interface LinkContext {
  doc: DocModel;
  fileId: string;
  /** where this document starts in its file */
  base: number;
  workload?: WorkloadModel;
  cls?: ClassModel;
  workspace: WorkspaceView;
  report(r: Report): void;
}

export interface DocumentContext {
  doc: DocModel;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Checks on the document itself (e.g. its YAML syntax). */
  checkDocument?(ctx: DocumentContext): void;
  /** Checks that need only the class's own document. */
  checkClass?(ctx: ClassContext): void;
  /** Checks that need the secret values or the AWS catalog (run only when one of them is given). */
  checkContent?(ctx: ClassContext): void;
  checkWorkload?(ctx: WorkloadContext): void;
  /** Checks across documents and files. */
  checkLink?(ctx: LinkContext): void;
}

export function diag(meta: RuleMeta, r: Report): Diagnostic {
  const d: Diagnostic = {
    code: meta.code,
    severity: r.severity ?? meta.severity,
    message: r.message,
    span: r.span,
  };
  if (r.related) d.related = r.related;
  if (r.fixes) d.fixes = r.fixes;
  return d;
}

/** Entries that are real mappings (null items are reported by their own rule). */
export function entries(ctx: ClassContext): EntryModel[] {
  return (ctx.cls.objects?.entries ?? []).filter((e) => !e.isNull);
}

export function q(s: string): string {
  return '`' + s + '`';
}

/** Where each rule's page lives; every diagnostic links to `${DOCS_BASE}/<code>.md`. */
export const DOCS_BASE = 'https://github.com/ascp-manifests/ascp-manifests/blob/main/docs/rules';

export function docsUrl(code: string): string {
  return `${DOCS_BASE}/${code}.md`;
}

/** Builds a SecretProviderClass manifest for examples and tests. */
export function spc(objects: string, params: Record<string, string> = {}, extra = ''): string {
  const p = Object.entries(params)
    .map(([k, v]) => `    ${k}: ${v}\n`)
    .join('');
  const body = objects
    .split('\n')
    .map((l) => (l === '' ? l : '      ' + l))
    .join('\n');
  return `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: example
spec:
  provider: aws
  parameters:
${p}    objects: |
${body}${body.endsWith('\n') ? '' : '\n'}${extra}`;
}
