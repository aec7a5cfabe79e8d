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

/** Values for jmesPath checks. Implementations keep values in memory only, for a short time. */
export interface ValueProvider {
  value(kind: ObjectKind, name: string, region: string | undefined, signal?: AbortSignal): Promise<string | undefined>;
}
