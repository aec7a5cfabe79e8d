// Builders for test manifests: SecretProviderClasses and the workloads that mount them. Every value is
// written as raw YAML text (`'true'` is a boolean, `'"true"'` a string), so tests of quoting rules can
// say exactly what they mean, and markers (test/support/markers.ts) may sit inside any value.
import { spc } from '../../server/src/core/rules/rule';

export { spc };

/** Joins documents into one multi-document file. */
export function docs(...texts: string[]): string {
  return texts.map((t) => (t.endsWith('\n') ? t : t + '\n')).join('---\n');
}

/** Indents every non-empty line; closing markers (⟧ ⟫) that start a line stay before the indentation,
 * with the line break they end on. */
function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => {
      const closing = /^[⟧⟫]*/.exec(l)?.[0] ?? '';
      const rest = l.slice(closing.length);
      return rest === '' ? l : closing + pad + rest;
    })
    .join('\n');
}

function block(text: string): string {
  return text.endsWith('\n') ? text : text + '\n';
}

export interface ClassOptions {
  name?: string;
  namespace?: string;
  apiVersion?: string;
  /** `spec.provider` as raw YAML; null omits it */
  provider?: string | null;
  /** the text of `objects: |`, unindented (one entry per `- `); null omits the key */
  objects?: string | null;
  /** `region` as raw YAML (default `us-east-1`); null omits it */
  region?: string | null;
  /** further parameters, raw YAML values, written after `region` and before `objects` */
  params?: Record<string, string>;
  /** the body of `spec.secretObjects:`, unindented list items */
  secretObjects?: string;
}

export const SSM_ENTRY = '- objectName: "/test/parameter"\n  objectType: "ssmparameter"';

/** A certificate and its private key from one secret, as the files `cert.pem` and `key.pem`. */
export const TLS_OBJECTS = `- objectName: "prod/tls"
  objectType: "secretsmanager"
  jmesPath:
    - path: cert
      objectAlias: cert.pem
    - path: key
      objectAlias: key.pem`;

/** A named SecretProviderClass (region us-east-1 unless told otherwise) with one SSM entry by default. */
export function secretProviderClass(opts: ClassOptions = {}): string {
  const params: Record<string, string> = {};
  const region = opts.region === undefined ? 'us-east-1' : opts.region;
  if (region !== null) params.region = region;
  Object.assign(params, opts.params ?? {});
  let out = `apiVersion: ${opts.apiVersion ?? 'secrets-store.csi.x-k8s.io/v1'}
kind: SecretProviderClass
metadata:
  name: ${opts.name ?? 'app-secrets'}
${opts.namespace !== undefined ? `  namespace: ${opts.namespace}\n` : ''}spec:
`;
  const provider = opts.provider === undefined ? 'aws' : opts.provider;
  if (provider !== null) out += `  provider: ${provider}\n`;
  const objects = opts.objects === undefined ? SSM_ENTRY : opts.objects;
  out += '  parameters:\n';
  for (const [k, v] of Object.entries(params)) out += `    ${k}: ${v}\n`;
  if (objects !== null) out += `    objects: |\n${block(indent(objects, 6))}`;
  if (opts.secretObjects !== undefined) out += `  secretObjects:\n${block(indent(opts.secretObjects, 4))}`;
  return out;
}

export interface MountOptions {
  /** the volume's name (default `secrets-store-inline`) */
  name?: string;
  mountPath?: string;
  subPath?: string;
  /** raw YAML (default `true`); null omits it */
  readOnly?: string | null;
}

export interface ContainerOptions {
  name?: string;
  image?: string;
  /** volumeMounts; the default mounts the default CSI volume; [] writes none */
  mounts?: (MountOptions | string)[];
}

export interface CsiVolumeOptions {
  name?: string;
  /** raw YAML (default `secrets-store.csi.k8s.io`); null omits the key */
  driver?: string | null;
  /** raw YAML (default `true`); null omits the key */
  readOnly?: string | null;
  /** `volumeAttributes.secretProviderClass`, raw YAML (default `app-secrets`); null omits it */
  className?: string | null;
  /** further volume attributes, raw YAML values */
  attributes?: Record<string, string>;
  /** the whole `volumeAttributes` value as raw YAML on the key's line (e.g. `"x"` or `[]`) */
  attributesValue?: string;
}

export interface WorkloadOptions {
  name?: string;
  namespace?: string;
  containers?: ContainerOptions[];
  initContainers?: ContainerOptions[];
  /** volumes: CSI volume options or raw list items (unindented `- name: ...` text); [] writes none */
  volumes?: (CsiVolumeOptions | string)[];
}

export const VOLUME = 'secrets-store-inline';
export const MOUNT_PATH = '/mnt/secrets-store';

function mountText(m: MountOptions | string): string {
  if (typeof m === 'string') return block(m);
  let out = `- name: ${m.name ?? VOLUME}\n  mountPath: ${m.mountPath ?? MOUNT_PATH}\n`;
  if (m.subPath !== undefined) out += `  subPath: ${m.subPath}\n`;
  const ro = m.readOnly === undefined ? 'true' : m.readOnly;
  if (ro !== null) out += `  readOnly: ${ro}\n`;
  return out;
}

function containerText(c: ContainerOptions): string {
  let out = `- name: ${c.name ?? 'app'}\n  image: ${c.image ?? 'nginx'}\n`;
  const mounts = c.mounts ?? [{}];
  if (mounts.length > 0) out += `  volumeMounts:\n${mounts.map((m) => indent(mountText(m), 4)).join('')}`;
  return out;
}

/** One CSI volume list item (`- name: ...` with `csi:`), unindented. */
export function csiVolume(v: CsiVolumeOptions = {}): string {
  let out = `- name: ${v.name ?? VOLUME}\n  csi:\n`;
  const driver = v.driver === undefined ? 'secrets-store.csi.k8s.io' : v.driver;
  if (driver !== null) out += `    driver: ${driver}\n`;
  const ro = v.readOnly === undefined ? 'true' : v.readOnly;
  if (ro !== null) out += `    readOnly: ${ro}\n`;
  const cls = v.className === undefined ? 'app-secrets' : v.className;
  const attrs: Record<string, string> = {};
  if (cls !== null) attrs.secretProviderClass = cls;
  Object.assign(attrs, v.attributes ?? {});
  if (v.attributesValue !== undefined) out += `    volumeAttributes: ${v.attributesValue}\n`;
  else if (Object.keys(attrs).length > 0) {
    out += '    volumeAttributes:\n';
    for (const [k, val] of Object.entries(attrs)) out += `      ${k}: ${val}\n`;
  }
  return out;
}

/** The pod spec's body (containers, initContainers, volumes), unindented. */
export function podSpec(opts: WorkloadOptions = {}): string {
  const containers = opts.containers ?? [{}];
  let out = `containers:\n${containers.map((c) => indent(containerText(c), 2)).join('')}`;
  if (opts.initContainers?.length)
    out += `initContainers:\n${opts.initContainers.map((c) => indent(containerText(c), 2)).join('')}`;
  const volumes = opts.volumes ?? [{}];
  if (volumes.length > 0)
    out += `volumes:\n${volumes.map((v) => indent(typeof v === 'string' ? block(v) : csiVolume(v), 2)).join('')}`;
  return out;
}

function metadata(opts: WorkloadOptions): string {
  return `metadata:\n  name: ${opts.name ?? 'web'}\n${opts.namespace !== undefined ? `  namespace: ${opts.namespace}\n` : ''}`;
}

export function pod(opts: WorkloadOptions = {}): string {
  return `apiVersion: v1\nkind: Pod\n${metadata(opts)}spec:\n${indent(podSpec(opts), 2)}`;
}

function appsWorkload(kind: string, opts: WorkloadOptions, extraSpec = ''): string {
  const name = opts.name ?? 'web';
  return `apiVersion: apps/v1
kind: ${kind}
${metadata(opts)}spec:
${extraSpec}  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${indent(podSpec(opts), 6)}`;
}

export function deployment(opts: WorkloadOptions = {}): string {
  return appsWorkload('Deployment', opts, '  replicas: 2\n');
}

export function statefulSet(opts: WorkloadOptions = {}): string {
  return appsWorkload('StatefulSet', opts, `  serviceName: ${opts.name ?? 'web'}\n`);
}

export function daemonSet(opts: WorkloadOptions = {}): string {
  return appsWorkload('DaemonSet', opts);
}

export function job(opts: WorkloadOptions = {}): string {
  return `apiVersion: batch/v1
kind: Job
${metadata(opts)}spec:
  template:
    spec:
      restartPolicy: Never
${indent(podSpec(opts), 6)}`;
}

export function cronJob(opts: WorkloadOptions = {}): string {
  return `apiVersion: batch/v1
kind: CronJob
${metadata(opts)}spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
${indent(podSpec(opts), 10)}`;
}

/** Every workload builder by kind, for tests that run one case per kind. */
export const WORKLOADS: Record<string, (opts?: WorkloadOptions) => string> = {
  Pod: pod,
  Deployment: deployment,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  Job: job,
  CronJob: cronJob,
};

/** A class with one Secrets Manager entry and one jmesPath item; `path` is raw YAML. */
export function jmesClass(
  path: string,
  opts: { objectName?: string; objectAlias?: string; params?: Record<string, string> } = {},
): string {
  const params = opts.params ?? {};
  return secretProviderClass({
    params,
    objects: `- objectName: "${opts.objectName ?? 'prod/db/credentials'}"
  objectType: "secretsmanager"
  jmesPath:
    - path: ${path}
      objectAlias: ${opts.objectAlias ?? 'OUT'}`,
  });
}
