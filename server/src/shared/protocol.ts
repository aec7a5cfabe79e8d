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

/** Settings under the `ascp` section (workspace/configuration). */
export interface AscpSettings {
  /** per-rule severity: code -> ignore | hint | information | warning | error */
  rules: Record<string, 'ignore' | 'hint' | 'information' | 'warning' | 'error'>;
  /** index YAML files of the workspace folders to link workloads and classes across files */
  indexWorkspace: boolean;
  inlayHints: boolean;
  codeLens: boolean;
}

export const DEFAULT_SETTINGS: AscpSettings = {
  rules: {},
  indexWorkspace: true,
  inlayHints: true,
  codeLens: true,
};
