// Interfaces through which remote knowledge (AWS Parameter Store and Secrets Manager) reaches the
// language features. The core and the service layer never import the AWS SDK; the AWS layer
// (server/src/aws) implements these, tests and the CLI can replace them.

export type ObjectKind = 'secretsmanager' | 'ssmparameter';

export interface CatalogItem {
  kind: ObjectKind;
  /** name as ASCP accepts it in objectName (SSM parameters with their leading "/" when they have one) */
  name: string;
  arn?: string;
  /** SSM: String | StringList | SecureString */
  type?: string;
  description?: string;
  /** ISO 8601 */
  lastChanged?: string;
  kmsKeyId?: string;
}

export interface CatalogQuery {
  kind?: ObjectKind;
  /** what the user typed so far in objectName */
  prefix: string;
  /** region of the class (`region` parameter), when known */
  region?: string;
  /** at most this many items */
  limit: number;
  /**
   * Hierarchical SSM names (`/a/b/c`) count once per next segment after the prefix's last `/`: the
   * answer then holds one representative name per folder, which aws/completion-items.ts
   * nameCompletionItems turns into a folder item. Default false: every name.
   */
  hierarchical?: boolean;
}

export interface CatalogAnswer {
  items: CatalogItem[];
  /** false when the listing was partial (access denied, throttled, still loading): stay silent about existence */
  complete: boolean;
}

/** Names in the account. Must answer quickly from cache; may start a background refresh. */
export interface NameProvider {
  complete(q: CatalogQuery, signal?: AbortSignal): Promise<CatalogAnswer>;
  /** whether `name` exists in `region` for `kind`: undefined when not known authoritatively */
  exists(kind: ObjectKind, name: string, region: string | undefined): Promise<boolean | undefined>;
}

/** Which value: an objectName (name or ARN) of a kind, where ASCP fetches it, and which version. */
export interface ObjectRef {
  kind: ObjectKind;
  name: string;
  /** the class's region (undefined: the default region; an ARN names its own) */
  region?: string | undefined;
  /** objectVersion */
  version?: string | undefined;
  /** objectVersionLabel */
  label?: string | undefined;
}

/** Values for jmesPath checks. Implementations keep values in memory only, for a short time. */
export interface ValueProvider {
  /** whether values may be fetched at all (`ascp.aws.checkValues`) */
  enabled(): boolean;
  value(ref: ObjectRef, signal?: AbortSignal): Promise<string | undefined>;
  /**
   * JMESPath expressions that select a string in the JSON value (keys and array positions only,
   * quoted where JMESPath needs it), for `path` completion; undefined when the value is not known or
   * not JSON. Never contains any part of a value.
   */
  paths(ref: ObjectRef, signal?: AbortSignal): Promise<string[] | undefined>;
}
