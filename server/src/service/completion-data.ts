// What completion offers: the keys ASCP reads, the values it accepts, and the templates of whole
// entries. What each key does is documented once, in keydocs.ts (shared with hover).

export interface KeyInfo {
  key: string;
  /** one line shown next to the label (the documentation comes from keydocs.ts, shared with hover) */
  detail: string;
  /** the value is a nested block (a list or a mapping), not a scalar */
  block?: 'list' | 'map';
  /** values can be completed after the key: ask the editor to suggest again */
  values?: boolean;
}

export const ENTRY_KEYS: KeyInfo[] = [
  {
    key: 'objectName',
    detail: 'secret name, SSM parameter name or full ARN (required)',
  },
  {
    key: 'objectType',
    detail: '`secretsmanager` or `ssmparameter`',
    values: true,
  },
  {
    key: 'objectAlias',
    detail: 'file name to use instead of objectName',
  },
  {
    key: 'objectVersion',
    detail: 'pin a version (Secrets Manager VersionId, SSM version number)',
  },
  {
    key: 'objectVersionLabel',
    detail: 'version stage / label (e.g. AWSCURRENT)',
  },
  {
    key: 'filePermission',
    detail: 'four octal digits, quoted, e.g. "0600"',
    values: true,
  },
  {
    key: 'jmesPath',
    detail: 'extract fields of a JSON value into their own files',
    block: 'list',
  },
  {
    key: 'failoverObject',
    detail: 'what to fetch from failoverRegion',
    block: 'map',
  },
];

export const JMES_KEYS: KeyInfo[] = [
  {
    key: 'path',
    detail: 'JMESPath expression (required)',
  },
  {
    key: 'objectAlias',
    detail: 'file name for the extracted value (required)',
  },
  {
    key: 'filePermission',
    detail: "four octal digits, quoted; inherits the entry's",
    values: true,
  },
];

export const FAILOVER_KEYS: KeyInfo[] = [
  {
    key: 'objectName',
    detail: 'name or ARN in the failover region',
  },
  {
    key: 'objectVersion',
    detail: 'must equal the primary objectVersion',
  },
  {
    key: 'objectVersionLabel',
    detail: 'label / version stage in the failover region',
  },
];

export const PARAMETER_KEYS: KeyInfo[] = [
  {
    key: 'objects',
    detail: 'the list of secrets and parameters to mount (a YAML string)',
  },
  {
    key: 'region',
    detail: 'AWS region of the objects',
  },
  {
    key: 'failoverRegion',
    detail: 'second region, fetched on every mount',
  },
  {
    key: 'pathTranslation',
    detail: '"_" (default), another single character, or "False"',
    values: true,
  },
  {
    key: 'usePodIdentity',
    detail: '"true" for EKS Pod Identity, else IRSA',
    values: true,
  },
  {
    key: 'preferredAddressType',
    detail: 'Pod Identity endpoint: ipv4, ipv6 or auto',
    values: true,
  },
];

export interface ValueDoc {
  value: string;
  detail: string;
  /** must be written quoted (it would not be a string unquoted) */
  quote?: boolean;
}

export const OBJECT_TYPES: ValueDoc[] = [
  { value: 'secretsmanager', detail: 'AWS Secrets Manager secret' },
  { value: 'ssmparameter', detail: 'SSM Parameter Store parameter' },
];

export const FILE_PERMISSIONS: ValueDoc[] = [
  { value: '0400', detail: 'read-only for the owner', quote: true },
  { value: '0440', detail: 'read-only for owner and group', quote: true },
  { value: '0600', detail: 'read-write for the owner', quote: true },
  { value: '0640', detail: 'owner read-write, group read', quote: true },
  { value: '0644', detail: 'the default', quote: true },
];

export const PARAMETER_VALUES: Record<string, ValueDoc[]> = {
  pathTranslation: [
    { value: '_', detail: 'default: `/a/b` -> `_a_b`', quote: true },
    { value: '-', detail: '`/a/b` -> `-a-b`', quote: true },
    { value: 'False', detail: 'no translation: `/a/b` -> `a/b`', quote: true },
  ],
  usePodIdentity: [
    { value: 'true', detail: 'EKS Pod Identity', quote: true },
    { value: 'false', detail: 'IRSA (the default)', quote: true },
  ],
  preferredAddressType: [
    { value: 'ipv4', detail: 'Pod Identity agent at 169.254.170.23' },
    { value: 'ipv6', detail: 'Pod Identity agent at fd00:ec2::23' },
    { value: 'auto', detail: 'IPv4, then IPv6 (the default)' },
  ],
};

/** A piece of a template: literal text, or a tab stop with a default (or a choice). */
export type Part = string | { stop: number; text: string; choices?: string[] };

export interface EntryTemplate {
  label: string;
  detail: string;
  doc: string;
  /** lines of the entry, relative to the `-` column; parts may span lines only through '\n' strings */
  parts: Part[];
}

export const ENTRY_TEMPLATES: EntryTemplate[] = [
  {
    label: 'SSM parameter',
    detail: 'objects entry: an SSM Parameter Store parameter',
    doc: 'Mounts one SSM parameter. The file is named after the parameter with `/` translated (`/app/db/url` -> `_app_db_url`) unless `objectAlias` is set.',
    parts: ['- objectName: "', { stop: 1, text: '/app/parameter' }, '"\n  objectType: "ssmparameter"'],
  },
  {
    label: 'Secrets Manager secret with jmesPath',
    detail: 'objects entry: a JSON secret split into files',
    doc: 'Mounts a Secrets Manager secret and extracts two fields of its JSON value into their own files. Each `path` must select a string.',
    parts: [
      '- objectName: "',
      { stop: 1, text: 'app/secret' },
      '"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: ',
      { stop: 2, text: 'username' },
      '\n      objectAlias: ',
      { stop: 3, text: 'username' },
      '\n    - path: ',
      { stop: 4, text: 'password' },
      '\n      objectAlias: ',
      { stop: 5, text: 'password' },
    ],
  },
  {
    label: 'Secret with failover',
    detail: 'objects entry: a secret replicated to failoverRegion',
    doc: 'Mounts a secret from `region`, falling back to its replica in the `failoverRegion` parameter. Needs `objectAlias` and a `failoverRegion` parameter.',
    parts: [
      '- objectName: "',
      { stop: 1, text: 'app/secret' },
      '"\n  objectType: "secretsmanager"\n  objectAlias: ',
      { stop: 2, text: 'secret' },
      '\n  failoverObject:\n    objectName: "',
      { stop: 3, text: 'app/secret' },
      '"',
    ],
  },
];

const SNIPPET_ESCAPE = /[$}\\]/g;
const CHOICE_ESCAPE = /[$}\\,|]/g;

/** Renders parts as an LSP snippet or as plain text (defaults and first choices filled in). */
export function render(parts: Part[], snippet: boolean): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') out += snippet ? p.replace(SNIPPET_ESCAPE, '\\$&') : p;
    else if (!snippet) out += p.choices?.[0] ?? p.text;
    else if (p.choices)
      out += `\${${p.stop}|${p.choices.map((c) => c.replace(CHOICE_ESCAPE, '\\$&')).join(',')}|}`;
    else out += `\${${p.stop}:${p.text.replace(SNIPPET_ESCAPE, '\\$&')}}`;
  }
  return out;
}

/** Parts with every literal line break followed by `indent`. */
export function indentParts(parts: Part[], indent: string): Part[] {
  return parts.map((p) => (typeof p === 'string' ? p.replace(/\n/g, '\n' + indent) : p));
}
