// Resource ARNs for the least-privilege policy of the role ASCP reads with (ascp-semantics.md (e)):
// Secrets Manager secrets carry a 6-character random suffix after the name, SSM parameters do not.
import type { ParsedArn } from '../rules/names';

/**
 * What the policy says where a value is unknown. They use the `${NAME}` form so that `envsubst` (or a
 * templating tool) can fill them in; they must be replaced before the policy is used.
 */
export const PLACEHOLDERS = {
  partition: '${PARTITION}',
  region: '${REGION}',
  failoverRegion: '${FAILOVER_REGION}',
  account: '${ACCOUNT_ID}',
} as const;

const PLACEHOLDER_RE = /\$\{[A-Z_]+\}/g;

/** The placeholders a resource ARN contains, in order of appearance. */
export function placeholdersIn(s: string): string[] {
  return s.match(PLACEHOLDER_RE) ?? [];
}

/** Special partitions, by region-name prefix; every other well-formed region is in `aws`. */
const PARTITION_PREFIXES: readonly [string, string][] = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-iso-', 'aws-iso'],
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['eu-isoe-', 'aws-iso-e'],
  ['eusc-', 'aws-eusc'],
];

/** The partition a region belongs to, when the region name is well formed (`us-east-1`, `cn-north-1`). */
export function partitionOfRegion(region: string): string | undefined {
  if (!/^[a-z]{2,4}(-[a-z]+)+-\d+$/.test(region)) return undefined;
  for (const [prefix, partition] of PARTITION_PREFIXES) if (region.startsWith(prefix)) return partition;
  return 'aws';
}

export interface ArnParts {
  partition: string;
  region: string;
  account: string;
}

/** Secrets Manager appends `-` and 6 random characters to a secret's name to form its ARN. */
export const SECRET_SUFFIX_WILDCARD = '-??????';
const FULL_SECRET_NAME = /-[A-Za-z0-9]{6}$/;

/** The ARN pattern of a secret named (not ARN'd) in `objects`. */
export function secretArnForName(name: string, p: ArnParts): string {
  return `arn:${p.partition}:secretsmanager:${p.region}:${p.account}:secret:${name}${SECRET_SUFFIX_WILDCARD}`;
}

/** The ARN of an SSM parameter named in `objects` (`/a/b` and `a/b` are `parameter/a/b`). */
export function parameterArnForName(name: string, p: ArnParts): string {
  return `arn:${p.partition}:ssm:${p.region}:${p.account}:parameter/${name.replace(/^\//, '')}`;
}

/**
 * The resource for a secret given by ARN: a full ARN (the name ends in `-` and 6 characters) as it is,
 * a partial ARN (no suffix) with the suffix wildcard. Secrets Manager itself cannot tell a partial ARN
 * whose name ends like a suffix from a full ARN; neither can we, and we read it as a full ARN.
 */
export function secretArnResource(raw: string, arn: ParsedArn): { resource: string; partial: boolean } {
  if (!arn.resource.startsWith('secret:')) return { resource: raw, partial: false };
  const name = arn.resource.slice('secret:'.length);
  if (FULL_SECRET_NAME.test(name)) return { resource: raw, partial: false };
  return { resource: raw + SECRET_SUFFIX_WILDCARD, partial: true };
}

/** IAM wildcards (`*`, `?`) or a policy variable in a name would widen or break the policy. */
export function hasPolicyMetacharacters(s: string): boolean {
  return /[*?]|\$\{/.test(s);
}

/** A KMS key ARN (`arn:<partition>:kms:<region>:<account>:key/<id>`), the only form kms:Decrypt's resource takes. */
export function isKmsKeyArn(arn: ParsedArn | undefined): boolean {
  return (
    arn !== undefined &&
    arn.service === 'kms' &&
    arn.partition !== '' &&
    arn.region !== '' &&
    /^\d{12}$/.test(arn.account) &&
    /^key\/[A-Za-z0-9-]+$/.test(arn.resource)
  );
}
