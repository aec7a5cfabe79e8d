// What ASCP does with each key a SecretProviderClass can hold: class parameters, `objects` entry fields,
// jmesPath fields and failoverObject fields. Short texts for hovers (markdown: backticks mark code).
// Kept consistent with the rule metadata in server/src/core/rules (the rules say what fails; these say
// what a key is for).

export type KeyScope = 'param' | 'entry' | 'jmesPath' | 'failoverObject';

export interface KeyDoc {
  /** the key as ASCP spells it */
  key: string;
  /** one or two sentences: what ASCP does with it */
  text: string;
}

const PARAMS: Record<string, string> = {
  objects:
    'A YAML **string** (not a list) that ASCP decodes as YAML 1.1 into a list of entries. Each entry fetches one secret or parameter and writes it to a file named after its `objectAlias`, else its `objectName`, plus one file per `jmesPath` entry. Only the first inner YAML document is read; a missing or empty `objects` mounts an empty directory.',
  region:
    "The AWS region ASCP calls Secrets Manager and SSM in. Without it ASCP uses the provider pod's `AWS_REGION`, else the node's `topology.kubernetes.io/region` label (outside EKS the mount then fails with `Region not found`). An ARN's region must equal it.",
  failoverRegion:
    'A second region: ASCP tries `region` first and falls back to `failoverRegion` when the fetch there fails, using `failoverObject.objectName` for entries that have one. Must differ from `region`; entries with a `failoverObject` require it.',
  pathTranslation:
    'The character that replaces every `/` in a file name. Unset or empty: `_`. `False` in any letter case: no translation (leading `/` dropped, inner `/` kept). Anything else must be exactly **one byte**: `"-"` works, a multi-byte character such as `·` fails every mount. A volume\'s `volumeAttributes.pathTranslation` overrides it.',
  usePodIdentity:
    '`"true"` makes ASCP authenticate with EKS Pod Identity instead of IRSA (the service account\'s role annotation). Read with Go\'s `strconv.ParseBool`: only `1`, `t`, `T`, `TRUE`, `true`, `True`, `0`, `f`, `F`, `FALSE`, `false`, `False`; anything else fails the mount. Quote it: the parameter must be a string.',
  preferredAddressType:
    'Only with Pod Identity: which address of the EKS Pod Identity Agent ASCP calls, `ipv4`, `ipv6` or `auto` (the default). ASCP 3.x reads it case-insensitively and treats any other value as `auto`.',
};

const ENTRY: Record<string, string> = {
  objectName:
    "The secret's (Secrets Manager) or parameter's (SSM Parameter Store) name, or its full ARN. Required. It names the mounted file unless `objectAlias` is set, with every `/` replaced by `pathTranslation`.",
  objectType:
    '`secretsmanager` or `ssmparameter`, exactly (case-sensitive; `ssm` is rejected). Required unless `objectName` is an ARN, whose service then decides (an `ssm` ARN is an `ssmparameter`).',
  objectAlias:
    'The file name to write instead of the `objectName` (`/` is still replaced by `pathTranslation`). Required when the entry has a `failoverObject`.',
  objectVersion:
    'Secrets Manager: the version id to fetch. SSM: the parameter version, requested as `name:version`. Default: the current version.',
  objectVersionLabel:
    'Secrets Manager: the staging label to fetch (default `AWSCURRENT`). SSM: a parameter label, requested as `name:label`; an SSM entry cannot have both a version and a label.',
  filePermission:
    'Mode of the written file: empty, or exactly four octal digits as a quoted string (`"0640"`); default `0644`. ASCP ignores the leading (special bits) digit. jmesPath files inherit the entry\'s mode. Unquoted `0640` is a YAML 1.1 octal number and reaches ASCP as `416`.',
  jmesPath:
    "A list of `path` / `objectAlias` / `filePermission` items. ASCP decodes the value as JSON and writes each `path`'s result (go-jmespath v0.4.0) to its own file named `objectAlias`; the whole value is still written to the entry's own file. Each result must be a string; a path that selects nothing fails the mount.",
  failoverObject:
    "`objectName` (and `objectVersion` / `objectVersionLabel`) to fetch in `failoverRegion` when the primary region fails. Needs a `failoverRegion` parameter and an `objectAlias` on the entry, and its `objectVersion` must equal the entry's.",
};

const JMES: Record<string, string> = {
  path: "A JMESPath expression, evaluated by go-jmespath v0.4.0 on the secret's JSON; the result must be a string. A hyphenated key needs quotes: `path: '\"api-key\"'`.",
  objectAlias:
    'The name of the file the result is written to (required; `/` is replaced by `pathTranslation`). A plain file name, not an expression: quotes become part of it.',
  filePermission:
    "Mode of this file: empty or four octal digits as a quoted string; defaults to the entry's `filePermission`, else `0644`.",
};

const FAILOVER: Record<string, string> = {
  objectName:
    "The name or ARN fetched in `failoverRegion`; an ARN must name that region. Its type is the entry's `objectType`.",
  objectVersion:
    "The version fetched in the failover region; ASCP requires it to equal the entry's `objectVersion`.",
  objectVersionLabel:
    'The label fetched in the failover region (for SSM, not together with `objectVersion`).',
};

const TABLES: Record<KeyScope, Record<string, string>> = {
  param: PARAMS,
  entry: ENTRY,
  jmesPath: JMES,
  failoverObject: FAILOVER,
};

/**
 * What ASCP does with `key` in `scope`. Parameter names are exact (ASCP's map lookups are case-sensitive);
 * keys inside `objects` match case-insensitively, as encoding/json matches struct fields.
 */
export function keyDoc(scope: KeyScope, key: string): KeyDoc | undefined {
  const table = TABLES[scope];
  if (scope === 'param') {
    const text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
    return text === undefined ? undefined : { key, text };
  }
  const lower = key.toLowerCase();
  for (const [k, text] of Object.entries(table)) if (k.toLowerCase() === lower) return { key: k, text };
  return undefined;
}

/** Every documented key of a scope, in table order (for tests and completion). */
export function keyDocs(scope: KeyScope): KeyDoc[] {
  return Object.entries(TABLES[scope]).map(([key, text]) => ({ key, text }));
}
