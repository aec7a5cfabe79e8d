// Which AWS object each entry of a class names, of which kind, and in which region ASCP fetches it:
// shared by the aws rules and by the server, which fetches exactly these listings and values.
import type { ClassModel, EntryModel, StrValue } from '../../model';
import { isArn, objectTypeOf, parseArn, secretKind, VALID_TYPES } from '../names';
import type { ObjectKind } from '../rule';

export interface ObjectRef {
  entry: EntryModel;
  /** objectName (or failoverObject.objectName) as written */
  name: StrValue;
  kind: ObjectKind;
  /** where ASCP looks: the ARN's region, else `region` (`failoverRegion`); undefined = the default region */
  region: string | undefined;
  failover: boolean;
  /** the name ASCP sends is an ARN */
  arn: boolean;
  version: string | undefined;
  label: string | undefined;
}

/** Names that a template fills in (Helm, envsubst) are not names yet. */
export function templatedName(name: string): boolean {
  return /\{\{|\}\}|\$\{|\$\(/.test(name);
}

const ARN_SERVICES = ['secretsmanager', 'ssm', 'ssmparameter'];

/** The kind ASCP fetches an entry as, or undefined when the entry is invalid (its own rules say why). */
export function entryKind(e: EntryModel): ObjectKind | undefined {
  const written = e.objectType?.value ?? '';
  if (written !== '') return VALID_TYPES.includes(written) ? secretKind(written) : undefined;
  const name = e.objectName?.value ?? '';
  if (!isArn(name)) return undefined;
  const arn = parseArn(name);
  if (!arn || !ARN_SERVICES.includes(arn.service)) return undefined;
  return secretKind(objectTypeOf(e));
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

/** Every name ASCP would fetch for the class, primary and failover, skipping invalid and templated ones. */
export function objectRefs(
  cls: ClassModel,
  region: string | undefined,
  failoverRegion: string | undefined,
): ObjectRef[] {
  const out: ObjectRef[] = [];
  for (const e of cls.objects?.entries ?? []) {
    if (e.isNull) continue;
    const kind = entryKind(e);
    if (!kind) continue;
    const push = (name: StrValue | undefined, where: string | undefined, failover: boolean) => {
      if (!name || name.value === '' || templatedName(name.value)) return;
      let at = where;
      if (isArn(name.value)) {
        const arn = parseArn(name.value);
        if (!arn || !ARN_SERVICES.includes(arn.service)) return;
        if (where !== undefined && arn.region !== where) return; // arn-region-mismatch says it
        at = arn.region === '' ? where : arn.region;
      }
      out.push({
        entry: e,
        name,
        kind,
        region: at,
        failover,
        arn: isArn(name.value),
        version: nonEmpty(failover ? e.failoverObject?.objectVersion?.value : e.objectVersion?.value),
        label: nonEmpty(failover ? e.failoverObject?.objectVersionLabel?.value : e.objectVersionLabel?.value),
      });
    };
    push(e.objectName, region, false);
    if (failoverRegion !== undefined) push(e.failoverObject?.objectName, failoverRegion, true);
  }
  return out;
}
