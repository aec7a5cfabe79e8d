// ARN and objectType logic shared by the entry rules (provider/secret_descriptor.go validateObjectName,
// getObjectType, GetSecretType).
import type { EntryModel, StrValue } from '../model';

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** aws-sdk-go-v2 arn.Parse: "arn:" prefix and exactly 6 sections from SplitN(":", 6). */
export function parseArn(name: string): ParsedArn | undefined {
  if (!name.startsWith('arn:')) return undefined;
  const parts = name.split(':');
  if (parts.length < 6) return undefined;
  return {
    partition: parts[1] as string,
    service: parts[2] as string,
    region: parts[3] as string,
    account: parts[4] as string,
    resource: parts.slice(5).join(':'),
  };
}

export const isArn = (name: string): boolean => name.startsWith('arn:');

/** typeMap: secretsmanager -> SM, ssmparameter/ssm -> SSM; Go's zero value (SSM) for anything else. */
export function secretKind(typeName: string): 'secretsmanager' | 'ssmparameter' {
  return typeName === 'secretsmanager' ? 'secretsmanager' : 'ssmparameter';
}

export const VALID_TYPES = ['secretsmanager', 'ssmparameter'];

/** getObjectType: objectType when set, else the ARN's service (Split(":")[2]). */
export function objectTypeOf(e: EntryModel): string {
  const t = e.objectType?.value ?? '';
  if (t !== '') return t;
  return (e.objectName?.value ?? '').split(':')[2] ?? '';
}

/** GetSecretType (only meaningful once the name validated). */
export function secretTypeOf(e: EntryModel): 'secretsmanager' | 'ssmparameter' {
  return secretKind(objectTypeOf(e));
}

/** The names ASCP validates for an entry: the primary one, and the failover one with the failover region. */
export function namesOf(e: EntryModel, region: string | undefined, failoverRegion: string | undefined) {
  const out: { name: StrValue; region: string | undefined; failover: boolean }[] = [];
  if (e.objectName && e.objectName.value !== '') out.push({ name: e.objectName, region, failover: false });
  const fo = e.failoverObject?.objectName;
  if (fo && fo.value !== '') out.push({ name: fo, region: failoverRegion, failover: true });
  return out;
}

/** Infers an objectType for a name without one: hierarchical SSM names start with "/". */
export function inferType(name: string): 'ssmparameter' | 'secretsmanager' | undefined {
  const arn = parseArn(name);
  if (arn)
    return arn.service === 'secretsmanager'
      ? 'secretsmanager'
      : arn.service === 'ssm'
        ? 'ssmparameter'
        : undefined;
  if (name.startsWith('/')) return 'ssmparameter';
  return undefined;
}
