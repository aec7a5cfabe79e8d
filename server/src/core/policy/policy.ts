// The least-privilege IAM policy for the role ASCP reads with: what every class (or every class a
// workload mounts) names, in the regions ASCP reads it from (ascp-semantics.md (a), (b), (e)).
//
// - SSM parameters: `ssm:GetParameters` on `arn:<partition>:ssm:<region>:<account>:parameter/<name>`.
// - Secrets: `secretsmanager:GetSecretValue` and `secretsmanager:DescribeSecret` (older drivers used it
//   on remounts) on `...:secret:<name>-??????`, or the ARN as written (a partial ARN gets `-??????`).
// - With `failoverRegion`, ASCP reads every entry in both regions on every mount: the failoverObject
//   name, or the same name when the entry has none.
// - Names that are not ARNs are read in the class's region and the role's account; when these are not
//   known, the resource holds a placeholder (`${REGION}`, `${ACCOUNT_ID}`, `${PARTITION}`).
// Entries whose name ASCP would reject before reading anything are left out, with a note.
import type { ClassModel, DocModel, EntryModel, StrValue } from '../model';
import { parseArn, type ParsedArn } from '../rules/names';
import { q } from '../rules/rule';
import {
  PLACEHOLDERS,
  hasPolicyMetacharacters,
  isKmsKeyArn,
  parameterArnForName,
  partitionOfRegion,
  placeholdersIn,
  secretArnForName,
  secretArnResource,
  type ArnParts,
} from './arn';

export interface PolicyOptions {
  /**
   * The account of names that are not ARNs (the account of the role, e.g. from STS GetCallerIdentity).
   * Given, it wins over the account inferred from the ARNs in the classes.
   */
  account?: string;
  /** The partition (`aws`, `aws-cn`, `aws-us-gov`, ...); else from the region, else from the ARNs. */
  partition?: string;
  /** The region of classes without a `region` parameter (the provider's AWS_REGION or the node's region). */
  region?: string;
  /** Customer-managed KMS keys that encrypt the secrets or SecureString parameters: adds kms:Decrypt. */
  kmsKeyArns?: readonly string[];
}

export type PolicyService = 'secretsmanager' | 'ssm' | 'kms';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** One resource and why it is in the policy. */
export interface PolicyGrant {
  service: PolicyService;
  resource: string;
  /** `namespace/name` or `name` of the class (absent for KMS keys) */
  className?: string;
  /** objectName (or failoverObject.objectName) as written */
  objectName?: string;
  /** read in the failover region */
  failover: boolean;
}

export interface PolicyResult {
  policy: PolicyDocument;
  /** what was left out or guessed, and why; one sentence each */
  notes: string[];
  /** some resource holds a `${...}` placeholder that must be replaced before use */
  placeholders: boolean;
  grants: PolicyGrant[];
}

/** A class as a workload uses it. */
export interface ClassUse {
  cls: ClassModel;
  /** the class's document, to tell templated values (without it, a templated value is taken as written) */
  doc?: DocModel;
  /** the file (or URI) the class is in, for notes */
  fileId?: string;
  /**
   * The mounting volume's `volumeAttributes`: the driver copies them over `spec.parameters`, so they
   * can override `region` and `failoverRegion`. `null` is a value that is templated (unknown).
   */
  attributes?: ReadonlyMap<string, string | null>;
}

export const STATEMENTS: Record<PolicyService, { sid: string; actions: string[] }> = {
  secretsmanager: {
    sid: 'AscpSecretsManagerRead',
    actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
  },
  ssm: { sid: 'AscpSsmParameterRead', actions: ['ssm:GetParameters'] },
  kms: { sid: 'AscpKmsDecrypt', actions: ['kms:Decrypt'] },
};

const SERVICE_ORDER: PolicyService[] = ['secretsmanager', 'ssm', 'kms'];

/** Code-unit order: stable and locale-independent. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function nonEmpty(s: string | undefined | null): string | undefined {
  return s === undefined || s === null || s === '' ? undefined : s;
}

function isTemplated(doc: DocModel | undefined, v: StrValue | undefined): boolean {
  return !!doc && !!v && doc.templated && doc.text.slice(v.span.start, v.span.end).includes('{{');
}

function classLabel(use: ClassUse): string {
  const c = use.cls;
  const name = c.name ? (c.namespace ? `${c.namespace}/${c.name}` : c.name) : '<unnamed>';
  return `${use.fileId ? use.fileId + ': ' : ''}class ${name}`;
}

function className(c: ClassModel): string | undefined {
  return c.name ? (c.namespace ? `${c.namespace}/${c.name}` : c.name) : undefined;
}

interface NameCheck {
  /** the service the policy grants on, from objectType or the ARN */
  service: 'secretsmanager' | 'ssm';
  arn?: ParsedArn;
}

/**
 * ASCP's validateObjectName minus the region comparison (secret_descriptor.go:323-363): a string
 * saying why ASCP rejects the name, or what it is.
 */
function checkName(name: string, objectType: string): NameCheck | string {
  const arn = parseArn(name);
  if (name.startsWith('arn:') && !arn) return 'not a valid ARN (ASCP: Invalid ARN format in object name)';
  if (!arn && objectType === '')
    return 'no objectType and not an ARN (ASCP: Must use objectType when a full ARN is not specified)';
  const type = objectType !== '' ? objectType : (arn?.service ?? '');
  if (objectType === '' && !['secretsmanager', 'ssmparameter', 'ssm'].includes(type))
    return `the ARN's service ${q(type)} is neither secretsmanager nor ssm (ASCP: Invalid service in ARN)`;
  if (objectType !== '' && objectType !== 'secretsmanager' && objectType !== 'ssmparameter')
    return `objectType ${q(objectType)} is neither secretsmanager nor ssmparameter (ASCP: Invalid objectType)`;
  const service = type === 'secretsmanager' ? 'secretsmanager' : 'ssm';
  if (arn) {
    const arnService = arn.service === 'ssmparameter' ? 'ssm' : arn.service;
    if (objectType !== '' && arnService !== service)
      return `objectType ${q(objectType)} does not match the ARN (ASCP: objectType does not match ARN)`;
    if (arn.service !== 'secretsmanager' && arn.service !== 'ssm')
      return `the ARN's service ${q(arn.service)} is not an AWS service ARN`;
  }
  return arn ? { service, arn } : { service };
}

interface Inferred {
  accounts: Set<string>;
  partitions: Set<string>;
}

/** Accounts and partitions of the ARNs the classes name. */
function inferFromArns(uses: readonly ClassUse[]): Inferred {
  const out: Inferred = { accounts: new Set(), partitions: new Set() };
  for (const use of uses) {
    for (const e of use.cls.objects?.entries ?? []) {
      for (const v of [e.objectName, e.failoverObject?.objectName]) {
        const arn = v ? parseArn(v.value) : undefined;
        if (!arn || (arn.service !== 'secretsmanager' && arn.service !== 'ssm')) continue;
        if (/^\d{12}$/.test(arn.account)) out.accounts.add(arn.account);
        if (arn.partition !== '') out.partitions.add(arn.partition);
      }
    }
  }
  return out;
}

function only(set: Set<string>): string | undefined {
  return set.size === 1 ? [...set][0] : undefined;
}

class Builder {
  readonly notes: string[] = [];
  readonly grants: PolicyGrant[] = [];
  /** Resources built from a name (not an ARN) so far: they use the account and maybe placeholders. */
  fromNames = 0;
  private seen = new Set<string>();
  constructor(
    private readonly options: PolicyOptions,
    private readonly account: string,
    private readonly arnPartition: string | undefined,
  ) {}

  note(s: string): void {
    if (!this.notes.includes(s)) this.notes.push(s);
  }

  grant(g: PolicyGrant): void {
    const key = `${g.service}\u0000${g.resource}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.grants.push(g);
  }

  parts(region: string): ArnParts {
    const partition =
      this.options.partition ?? partitionOfRegion(region) ?? this.arnPartition ?? PLACEHOLDERS.partition;
    return { partition, region, account: this.account };
  }

  /** The resource for a name ASCP accepts, read in `region`. */
  resource(name: string, check: NameCheck, region: string): string {
    if (check.arn) {
      if (check.service === 'secretsmanager') return secretArnResource(name, check.arn).resource;
      return name;
    }
    this.fromNames++;
    const parts = this.parts(region);
    return check.service === 'secretsmanager'
      ? secretArnForName(name, parts)
      : parameterArnForName(name, parts);
  }
}

interface Regions {
  /** the region (or placeholder) names are read in */
  region: string;
  /** the region as ASCP will compare ARNs with it, when known */
  known: string | undefined;
  failover: string | undefined;
  /** no region anywhere: names are granted in the placeholder */
  missing: boolean;
}

function regionsOf(use: ClassUse, options: PolicyOptions, b: Builder, label: string): Regions {
  const attr = (key: string): { set: boolean; value: string | null | undefined } =>
    use.attributes?.has(key)
      ? { set: true, value: use.attributes.get(key) }
      : { set: false, value: undefined };
  const param = use.cls.params.get('region')?.value;
  const fparam = use.cls.params.get('failoverRegion')?.value;
  const ra = attr('region');
  const fa = attr('failoverRegion');
  let region: string;
  let known: string | undefined;
  let missing = false;
  const templatedRegion = ra.set ? ra.value === null : isTemplated(use.doc, param);
  const given = ra.set ? nonEmpty(ra.value) : nonEmpty(param?.value);
  if (templatedRegion) {
    region = PLACEHOLDERS.region;
    b.note(`${label}: the region is templated; names are granted in ${PLACEHOLDERS.region}`);
  } else if (given) {
    region = known = given;
  } else if (options.region) {
    region = known = options.region;
  } else {
    region = PLACEHOLDERS.region;
    missing = true;
  }
  let failover: string | undefined;
  const templatedFailover = fa.set ? fa.value === null : isTemplated(use.doc, fparam);
  if (templatedFailover) {
    failover = PLACEHOLDERS.failoverRegion;
    b.note(
      `${label}: failoverRegion is templated; failover names are granted in ${PLACEHOLDERS.failoverRegion}`,
    );
  } else {
    failover = fa.set ? nonEmpty(fa.value) : nonEmpty(fparam?.value);
  }
  if (failover !== undefined && failover === known) {
    b.note(
      `${label}: failoverRegion equals region ${q(failover)} (ASCP: failover region cannot be the same as the primary region); no failover region is granted`,
    );
    failover = undefined;
  }
  return { region, known, failover, missing };
}

function addEntry(e: EntryModel, use: ClassUse, r: Regions, b: Builder, label: string): void {
  const name = e.objectName?.value ?? '';
  const where = `${label}, entry ${e.index + 1}${name !== '' ? ' ' + q(name) : ''}`;
  if (isTemplated(use.doc, e.objectName)) {
    b.note(`${where}: skipped: the name is templated`);
    return;
  }
  if (name === '') {
    b.note(`${where}: skipped: no objectName (ASCP: Object name must be specified)`);
    return;
  }
  if (hasPolicyMetacharacters(name)) {
    b.note(`${where}: skipped: the name holds IAM wildcard or variable characters (* ? \${)`);
    return;
  }
  const objectType = e.objectType?.value ?? '';
  const check = checkName(name, objectType);
  if (typeof check === 'string') {
    b.note(`${where}: skipped: ${check}`);
    return;
  }
  const cls = className(use.cls);
  const base = { service: check.service, ...(cls ? { className: cls } : {}), objectName: name };
  if (check.arn && r.known !== undefined && check.arn.region !== r.known) {
    b.note(
      `${where}: the ARN's region ${q(check.arn.region)} is not the class's region ${q(r.known)} (ASCP: ARN region must match region); granted as written`,
    );
  }
  if (check.arn && check.service === 'secretsmanager' && secretArnResource(name, check.arn).partial) {
    b.note(`${where}: a partial secret ARN; granted with the suffix wildcard -??????`);
  }
  b.grant({ ...base, resource: b.resource(name, check, r.region), failover: false });

  const fo = e.failoverObject?.objectName;
  const foName = fo?.value ?? '';
  if (foName !== '' && r.failover === undefined) {
    b.note(
      `${where}: failoverObject without failoverRegion (ASCP: failover object allowed only when failover region is defined); the failover name is not granted`,
    );
    return;
  }
  if (r.failover === undefined) return;
  if (foName === '') {
    // ASCP reads the same name in the failover region; an ARN stays the same resource.
    if (!check.arn) b.grant({ ...base, resource: b.resource(name, check, r.failover), failover: true });
    return;
  }
  const fwhere = `${where}, failoverObject ${q(foName)}`;
  if (isTemplated(use.doc, fo)) {
    b.note(`${fwhere}: skipped: the name is templated`);
    return;
  }
  if (hasPolicyMetacharacters(foName)) {
    b.note(`${fwhere}: skipped: the name holds IAM wildcard or variable characters (* ? \${)`);
    return;
  }
  // The failover name is validated against the entry's own objectType, not one inferred from the
  // primary ARN (secret_descriptor.go:300-303); it is fetched by the primary's provider.
  const fcheck = checkName(foName, objectType);
  if (typeof fcheck === 'string') {
    b.note(`${fwhere}: skipped: ${fcheck}`);
    return;
  }
  if (fcheck.service !== check.service) {
    b.note(`${fwhere}: skipped: a ${fcheck.service} ARN for a ${check.service} entry`);
    return;
  }
  if (fcheck.arn && r.failover !== PLACEHOLDERS.failoverRegion && fcheck.arn.region !== r.failover) {
    b.note(
      `${fwhere}: the ARN's region ${q(fcheck.arn.region)} is not failoverRegion ${q(r.failover)} (ASCP: ARN region must match region); granted as written`,
    );
  }
  b.grant({
    service: check.service,
    ...(cls ? { className: cls } : {}),
    objectName: foName,
    resource: b.resource(foName, fcheck, r.failover),
    failover: true,
  });
}

function addClass(use: ClassUse, options: PolicyOptions, b: Builder): void {
  const label = classLabel(use);
  const cls = use.cls;
  if (!cls.isAws) {
    b.note(`${label}: skipped: the provider is not aws`);
    return;
  }
  const objects = cls.objects;
  const param = cls.params.get('objects');
  if (!param) {
    b.note(`${label}: no objects parameter; ASCP mounts nothing from it`);
    return;
  }
  if (!objects) {
    b.note(`${label}: skipped: objects is not a string (the API server rejects the class)`);
    return;
  }
  if (objects.facts.templated || isTemplated(use.doc, param.value)) {
    b.note(
      `${label}: skipped: objects is templated; render the chart first (helm template) and run on the output`,
    );
    return;
  }
  if (!objects.parsed) {
    b.note(
      `${label}: skipped: objects could not be decoded (ASCP: Failed to load SecretProviderClass); fix it and run again`,
    );
    return;
  }
  if (objects.entries.length === 0) {
    b.note(`${label}: objects lists no entries; ASCP mounts nothing from it`);
    return;
  }
  const r = regionsOf(use, options, b, label);
  const before = b.fromNames;
  for (const e of objects.entries) {
    if (e.isNull) {
      b.note(`${label}, entry ${e.index + 1}: skipped: an empty entry (ASCP: Empty descriptor entry)`);
      continue;
    }
    addEntry(e, use, r, b, label);
  }
  if (r.missing && b.fromNames > before) {
    b.note(
      `${label}: no region parameter (ASCP then uses the provider's AWS_REGION or the node's topology.kubernetes.io/region label); names are granted in ${PLACEHOLDERS.region}`,
    );
  }
}

function addKms(options: PolicyOptions, b: Builder): void {
  for (const k of options.kmsKeyArns ?? []) {
    const arn = parseArn(k);
    if (isKmsKeyArn(arn)) {
      b.grant({ service: 'kms', resource: k, failover: false });
    } else if (arn?.service === 'kms' && arn.resource.startsWith('alias/')) {
      b.note(
        `KMS key ${q(k)}: skipped: an alias ARN does not grant kms:Decrypt on its key; give the key ARN`,
      );
    } else {
      b.note(`KMS key ${q(k)}: skipped: not a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>)`);
    }
  }
}

function statements(grants: readonly PolicyGrant[]): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  for (const service of SERVICE_ORDER) {
    const resources = [...new Set(grants.filter((g) => g.service === service).map((g) => g.resource))].sort(
      byCodeUnits,
    );
    if (resources.length === 0) continue;
    const s = STATEMENTS[service];
    out.push({ Sid: s.sid, Effect: 'Allow', Action: [...s.actions], Resource: resources });
  }
  return out;
}

/** Normalises a ClassModel or ClassUse list. */
function usesOf(classes: readonly (ClassModel | ClassUse)[]): ClassUse[] {
  return classes.map((c) => ('cls' in c ? c : { cls: c }));
}

/**
 * The policy for a set of classes read with one role (e.g. every class one workload mounts). Pure:
 * it never throws and needs no AWS access.
 */
export function policyForClasses(
  classes: readonly (ClassModel | ClassUse)[],
  options: PolicyOptions = {},
  preNotes: readonly string[] = [],
): PolicyResult {
  const uses = usesOf(classes);
  const inferred = inferFromArns(uses.filter((u) => u.cls.isAws));
  const inferredAccount = only(inferred.accounts);
  const account = options.account ?? inferredAccount ?? PLACEHOLDERS.account;
  const b = new Builder(options, account, only(inferred.partitions));
  for (const n of preNotes) b.note(n);
  // The same class mounted twice with the same attributes is one use.
  const done: { cls: ClassModel; attrs: string }[] = [];
  for (const use of uses) {
    const attrs = JSON.stringify([...(use.attributes ?? new Map()).entries()].sort());
    if (done.some((d) => d.cls === use.cls && d.attrs === attrs)) continue;
    done.push({ cls: use.cls, attrs });
    addClass(use, options, b);
  }
  addKms(options, b);
  if (!options.account && inferredAccount && b.fromNames > 0) {
    b.note(
      `names that are not ARNs are granted in account ${inferredAccount}, the account of the ARNs in the classes; give the account if the role reads them from another one`,
    );
  } else if (!options.account && inferred.accounts.size > 1 && b.fromNames > 0) {
    b.note(
      `the ARNs in the classes name several accounts (${[...inferred.accounts].sort(byCodeUnits).join(', ')}); names that are not ARNs are granted in ${PLACEHOLDERS.account}`,
    );
  }
  const used = new Set<string>();
  for (const g of b.grants) for (const p of placeholdersIn(g.resource)) used.add(p);
  if (used.size > 0) {
    const order = Object.values(PLACEHOLDERS) as string[];
    const list = [...used].sort((a, c) => order.indexOf(a) - order.indexOf(c));
    b.note(
      `the policy holds placeholders (${list.join(', ')}): replace them before use, e.g. with envsubst, or give the account, region and partition`,
    );
  }
  return {
    policy: { Version: '2012-10-17', Statement: statements(b.grants) },
    notes: b.notes,
    placeholders: used.size > 0,
    grants: b.grants,
  };
}
