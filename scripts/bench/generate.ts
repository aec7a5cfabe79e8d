// Deterministic manifests for the bench: N SecretProviderClasses (provider aws), each with M entries
// in its `objects` block scalar (Secrets Manager secrets with jmesPath lists, SSM parameters, some
// ARNs, failover objects), `secretObjects`, and a workload that mounts it (a Deployment or a Pod,
// alternately). A few classes carry a realistic mistake so that both servers have something to
// report. Same arguments, same bytes.

export interface Preset {
  name: string;
  classes: number;
  objects: number;
}

export const PRESETS: Preset[] = [
  { name: 'small', classes: 1, objects: 20 },
  { name: 'medium', classes: 50, objects: 20 },
  { name: 'large', classes: 500, objects: 20 },
];

/** xorshift32: a tiny seeded generator, enough for varied but reproducible names. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-northeast-1', 'eu-central-1', 'ca-central-1'];
const SERVICES = ['orders', 'billing', 'inventory', 'auth', 'shipping', 'reports', 'gateway', 'mailer'];
const SECRETS = ['database', 'api-token', 'oauth', 'signing-key', 'queue', 'cache', 'webhook'];
const PARAMS = ['log-level', 'endpoint', 'limits', 'feature-toggles', 'pool-size', 'settings'];
const PATHS = [
  'username',
  'password',
  'host',
  'port',
  'engine',
  'token.value',
  'token.expires',
  'clients[0].id',
  'clients[-1].secret',
  '"x-api-key"',
  'certs.public',
  'certs.private',
  'hosts[?role == `"writer"`] | [0].address',
  'flags.enabled',
];

function id(r: () => number, n: number): string {
  const abc = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let s = '';
  for (let i = 0; i < n; i++) s += abc[Math.floor(r() * abc.length)];
  return s;
}

function pick<T>(r: () => number, xs: T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

/** Lines of one class's `objects` value (unindented) and the file names it mounts. */
function objectLines(
  r: () => number,
  app: string,
  region: string,
  account: string,
  m: number,
  broken: boolean,
  failover: boolean,
) {
  const lines: string[] = [];
  const files: string[] = [];
  for (let j = 0; j < m; j++) {
    const n = String(j + 1).padStart(2, '0');
    if (j % 2 === 0) {
      const kind = pick(r, SECRETS);
      const alias = `${kind}-${n}`;
      if (j % 6 === 0) {
        lines.push(
          `- objectName: "arn:aws:secretsmanager:${region}:${account}:secret:${app}/${kind}-${n}-${id(r, 6)}"`,
        );
      } else {
        lines.push(`- objectName: "${app}/${kind}-${n}"`);
        lines.push(`  objectType: "secretsmanager"`);
      }
      // one broken class in ten misspells a key (ascp/unknown-key with a suggestion)
      lines.push(broken && j === 2 ? `  objectAlais: "${alias}"` : `  objectAlias: "${alias}"`);
      if (j % 6 === 4) lines.push(`  objectVersionLabel: "AWSCURRENT"`);
      files.push(alias);
      {
        lines.push('  jmesPath:');
        const k0 = Math.floor(r() * PATHS.length);
        for (let k = 0; k < 2; k++) {
          lines.push(`    - path: '${PATHS[(k0 + k) % PATHS.length]}'`);
          lines.push(`      objectAlias: "${alias}-${k + 1}"`);
          files.push(`${alias}-${k + 1}`);
        }
      }
    } else {
      const p = pick(r, PARAMS);
      const alias = `param-${p}-${n}`;
      lines.push(`- objectName: "/${app}/${p}-${n}"`);
      lines.push(`  objectType: "ssmparameter"`);
      lines.push(`  objectAlias: "${alias}"`);
      files.push(alias);
      if (j % 5 === 1) lines.push(`  objectVersion: "${1 + Math.floor(r() * 20)}"`);
      if (failover && j % 5 === 3) {
        lines.push('  failoverObject:');
        lines.push(`    objectName: "/${app}/${p}-${n}-replica"`);
      }
    }
  }
  return { lines, files };
}

function pair(r: () => number, i: number, m: number): string {
  const num = String(i + 1).padStart(4, '0');
  const svc = SERVICES[i % SERVICES.length] as string;
  const app = `${svc}-${num}`;
  const region = REGIONS[i % REGIONS.length] as string;
  const failover = REGIONS[(i + 2) % REGIONS.length] as string;
  const account = String(200000000000 + ((i * 104729) % 700000000000));
  const cls = `${app}-secrets`;
  const ns = `ns-${svc}`;
  const broken = i % 10 === 7;
  const hasFailover = i % 3 !== 2;
  const { lines, files } = objectLines(r, app, region, account, m, broken, hasFailover);
  const o: string[] = [
    'apiVersion: secrets-store.csi.x-k8s.io/v1',
    'kind: SecretProviderClass',
    'metadata:',
    `  name: ${cls}`,
    `  namespace: ${ns}`,
    '  labels:',
    `    app.kubernetes.io/part-of: ${svc}`,
    'spec:',
    '  provider: aws',
    '  parameters:',
    `    region: ${region}`,
  ];
  if (hasFailover) o.push(`    failoverRegion: ${failover}`);
  o.push(`    usePodIdentity: "${i % 2 === 0 ? 'true' : 'false'}"`);
  if (i % 4 === 1) o.push('    pathTranslation: "_"');
  o.push('    objects: |');
  for (const l of lines) o.push(`      ${l}`);
  o.push('  secretObjects:');
  o.push(`    - secretName: ${app}-env`);
  o.push('      type: Opaque');
  o.push('      labels:');
  o.push(`        app: ${app}`);
  o.push('      data:');
  for (let k = 0; k < 3 && k < files.length; k++) {
    o.push(`        - objectName: ${files[k * 2] ?? files[k]}`);
    o.push(`          key: KEY_${k + 1}`);
  }
  o.push('---');
  const volume = [
    'volumes:',
    '  - name: secrets',
    '    csi:',
    '      driver: secrets-store.csi.k8s.io',
    '      readOnly: true',
    '      volumeAttributes:',
    `        secretProviderClass: ${cls}`,
  ];
  const container = [
    'containers:',
    '  - name: app',
    `    image: registry.example.com/${svc}:1.${i % 17}.${i % 5}`,
    '    env:',
    '      - name: KEY_1',
    '        valueFrom:',
    '          secretKeyRef:',
    `            name: ${app}-env`,
    '            key: KEY_1',
    '    volumeMounts:',
    '      - name: secrets',
    '        mountPath: /mnt/secrets',
    '        readOnly: true',
  ];
  const pod = [`serviceAccountName: ${app}`, ...container, ...volume];
  if (i % 2 === 0) {
    o.push(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${app}`,
      `  namespace: ${ns}`,
      'spec:',
      `  replicas: ${1 + (i % 3)}`,
      '  selector:',
      '    matchLabels:',
      `      app: ${app}`,
      '  template:',
      '    metadata:',
      '      labels:',
      `        app: ${app}`,
      '    spec:',
      ...pod.map((l) => `      ${l}`),
    );
  } else {
    o.push('apiVersion: v1', 'kind: Pod', 'metadata:', `  name: ${app}`, `  namespace: ${ns}`, 'spec:');
    o.push(...pod.map((l) => `  ${l}`));
  }
  return o.join('\n');
}

/** N classes with M objects each, each followed by its workload. */
export function generate(classes: number, objects: number): string {
  const r = prng(0x5eed + classes * 7 + objects);
  const parts: string[] = [];
  for (let i = 0; i < classes; i++) parts.push(pair(r, i, objects));
  return parts.join('\n---\n') + '\n';
}
