// Custom requests between the VS Code client (or any editor) and the language server.

export const PreviewMountsRequest = 'ascp/previewMounts';

export interface PreviewMountsParams {
  /** the file whose workloads (and classes) to preview */
  uri: string;
}

export interface PreviewMountRow {
  workload: string;
  namespace: string | null;
  container: string;
  volume: string;
  className: string;
  file: string;
  path: string;
  permission: string;
}

export interface PreviewClass {
  name: string;
  namespace: string | null;
  files: { name: string; permission: string; from: string }[];
  /** workloads (in the workspace) that mount this class */
  mountedBy: string[];
}

export interface PreviewMountsResult {
  uri: string;
  mounts: PreviewMountRow[];
  classes: PreviewClass[];
}

/**
 * Request: the files one file's workloads see, and the files its classes give workloads elsewhere,
 * as a tree (workload, container, mount path, files) with where each part is written. The ASCP
 * Mounts view, the rendered preview and the language status read it.
 */
export const MountsTreeRequest = 'ascp/mountsTree';

export interface MountsTreeParams {
  uri: string;
}

/** A zero-based LSP range. */
export interface SourceRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface SourceLocation {
  uri: string;
  range: SourceRange;
}

export interface MountsTreeFile {
  /** the file's name in the volume */
  name: string;
  /** the full path the container sees */
  path: string;
  /** four octal digits */
  permission: string;
  kind: 'object' | 'jmesPath';
  objectName: string;
  objectType: string | null;
  /** the alias the file is named after, when one */
  objectAlias: string | null;
  /** the jmesPath expression whose result the file holds (kind jmesPath) */
  jmesPath: string | null;
  /** the objectName or objectAlias the file is named after, in the class's manifest */
  location: SourceLocation;
}

export interface MountsTreeMount {
  mountPath: string;
  volume: string;
  className: string;
  subPath: string | null;
  /** the volumeMount's mountPath */
  location: SourceLocation;
  /** the class's metadata.name */
  classLocation: SourceLocation;
  /** the class is defined in the requested file */
  classInFile: boolean;
  files: MountsTreeFile[];
}

export interface MountsTreeContainer {
  name: string;
  init: boolean;
  location: SourceLocation;
  mounts: MountsTreeMount[];
}

export interface MountsTreeWorkload {
  /** e.g. "Deployment/web" */
  label: string;
  kind: string;
  name: string;
  namespace: string | null;
  /** the workload is in the requested file (else it mounts one of the file's classes) */
  inFile: boolean;
  location: SourceLocation;
  containers: MountsTreeContainer[];
}

export interface MountsTreeClass {
  name: string;
  namespace: string | null;
  location: SourceLocation;
  /** distinct file names the class writes */
  files: number;
}

export interface MountsTreeResult {
  uri: string;
  /** the file's workloads with a CSI volume, then other files' workloads that mount its classes */
  workloads: MountsTreeWorkload[];
  /** the file's AWS classes */
  classes: MountsTreeClass[];
  /** paths (per workload and container) the file's workloads see, or its classes give other files' workloads */
  mountedFiles: number;
}

/** Settings under the `ascp` section (workspace/configuration). */
export interface AscpSettings {
  /** per-rule severity: code -> ignore | hint | information | warning | error */
  rules: Record<string, 'ignore' | 'hint' | 'information' | 'warning' | 'error'>;
  /** index YAML files of the workspace folders to link workloads and classes across files */
  indexWorkspace: boolean;
  inlayHints: boolean;
  codeLens: boolean;
  /**
   * Sample secrets for the content rules: a JSON file (the format of `ascp-lint --secrets`) at this
   * path relative to the workspace folder; it must resolve inside the folder. '' = none. Resource
   * scope: the server asks for it per workspace folder.
   */
  secretsFile: string;
  /** AWS lookups (names, existence, values) with the credentials of the default provider chain */
  aws: AwsSettings;
}

/** Settings under `ascp.aws`. Only the client sends them (never a document): it decides trust. */
export interface AwsSettings {
  /** look names up and check that objects exist (when credentials resolve) */
  enabled: boolean;
  /** a profile of the shared config/credentials files; '' = the default chain (AWS_PROFILE, default) */
  profile: string;
  /** region for classes without `region`; '' = the profile's (or AWS_REGION's) */
  region: string;
  /** fetch values (GetSecretValue / GetParameters WithDecryption) to check jmesPath paths */
  checkValues: boolean;
}

export const DEFAULT_SETTINGS: AscpSettings = {
  rules: {},
  indexWorkspace: true,
  inlayHints: true,
  codeLens: true,
  secretsFile: '',
  aws: { enabled: true, profile: '', region: '', checkValues: false },
};

/** Request: forget the AWS catalog and values, resolve credentials again and list what open documents need. */
export const RefreshCatalogRequest = 'ascp/refreshCatalog';

/** Notification (server -> client) whenever the AWS state changes. Problems are said once. */
export const StatusNotification = 'ascp/status';

export type AwsProblemCode =
  | 'no-credentials'
  | 'expired-credentials'
  | 'access-denied'
  | 'throttled'
  | 'offline'
  | 'invalid-region'
  | 'error';

export interface AwsProblem {
  code: AwsProblemCode;
  /** what happened, without any value: e.g. "access denied to secretsmanager:ListSecrets in us-east-1" */
  message: string;
  /** service and region concerned, when one */
  service?: 'secretsmanager' | 'ssm' | 'sts';
  region?: string;
}

export interface CatalogStatus {
  region: string;
  kind: 'secretsmanager' | 'ssmparameter';
  /** names known */
  count: number;
  /** the listing is complete and authoritative (existence checks run) */
  complete: boolean;
  loading: boolean;
  /** seconds since the last complete listing, when there was one */
  ageSeconds?: number;
}

export interface AscpStatus {
  /** 'off': ascp.aws.enabled is false; 'idle': nothing needed AWS yet */
  state: 'off' | 'idle' | 'resolving' | 'loading' | 'ready' | 'problem';
  profile?: string;
  region?: string;
  account?: string;
  /** values are fetched for jmesPath checks */
  checkValues: boolean;
  catalogs: CatalogStatus[];
  /** the latest problem (sent in the one status that reports it first, then repeated only in this field) */
  problem?: AwsProblem;
  /** true in the status that reports `problem` for the first time */
  newProblem?: boolean;
}

export interface RefreshCatalogResult {
  status: AscpStatus;
}

/**
 * Request (client -> server): a skeleton of the secrets file for `ascp.secretsFile`, from the
 * objectNames and jmesPath paths of the classes in a workspace folder. The client writes it.
 */
export const SampleSecretsRequest = 'ascp/sampleSecrets';

export interface SampleSecretsParams {
  /** a document or folder in the workspace folder to sample (default: the first folder) */
  uri?: string;
}

export interface SampleSecretsSkip {
  objectName: string;
  /** the jmesPath `path`, when the skip is about one */
  path?: string;
  /** why it is not in the skeleton */
  reason: string;
}

export interface SampleSecretsResult {
  /** the workspace folder sampled (undefined: no folder; every class the server knows) */
  folder?: string;
  /** the skeleton as JSON text: each objectName maps to a placeholder string, or to an object built from its paths */
  content: string;
  /** how many objectNames it holds */
  objects: number;
  /** objectNames and paths left out, with the reason */
  skipped: SampleSecretsSkip[];
  /** where to write it: the folder's `ascp.secretsFile` when it resolves inside the folder */
  target?: string;
  /** the folder's `ascp.secretsFile` when it cannot be used, and why */
  refused?: string;
}
