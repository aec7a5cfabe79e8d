// The IAM policy ASCP's role needs (core/policy) and `ascp-lint policy`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { analyzeWorkspace, type SourceFile } from '../../server/src/core/analyze';
import type { ClassModel } from '../../server/src/core/model';
import {
  PLACEHOLDERS,
  partitionOfRegion,
  policyForClasses,
  policyForFiles,
  policyForWorkloads,
  workloadClasses,
  matchesWorkload,
  type PolicyOptions,
  type PolicyResult,
} from '../../server/src/core/policy';
import { spc } from '../../server/src/core/rules/rule';
import { runCli } from '../../server/src/cli/run';

const ACCT = '111122223333';
const SM = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'];

function analyze(...texts: string[]) {
  return analyzeWorkspace(texts.map((text, i): SourceFile => ({ id: `f${i}.yaml`, text })));
}

function classes(...texts: string[]): ClassModel[] {
  return analyze(...texts).flatMap((f) => f.docs.flatMap((d) => (d.class ? [d.class] : [])));
}

function policy(texts: string | string[], options: PolicyOptions = {}): PolicyResult {
  return policyForClasses(classes(...(Array.isArray(texts) ? texts : [texts])), options);
}

/** Resources per statement Sid. */
function resources(r: PolicyResult): Record<string, string[]> {
  return Object.fromEntries(r.policy.Statement.map((s) => [s.Sid, s.Resource]));
}

function named(name: string, spec: string): string {
  return spec.replace('name: example', `name: ${name}`);
}

describe('policy: SSM parameters', () => {
  it('grants ssm:GetParameters on the parameter ARN, without the leading slash', () => {
    const r = policy(
      spc(
        '- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n- objectName: plain\n  objectType: ssmparameter\n',
        { region: 'us-west-2' },
      ),
      { account: ACCT },
    );
    assert.deepEqual(r.policy, {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AscpSsmParameterRead',
          Effect: 'Allow',
          Action: ['ssm:GetParameters'],
          Resource: [
            `arn:aws:ssm:us-west-2:${ACCT}:parameter/plain`,
            `arn:aws:ssm:us-west-2:${ACCT}:parameter/test/parameter`,
          ],
        },
      ],
    });
    assert.equal(r.placeholders, false);
    assert.deepEqual(r.notes, []);
  });
  it('keeps hierarchical names whole and ignores versions and labels', () => {
    const r = policy(
      spc(
        '- objectName: /app/prod/db/url\n  objectType: ssmparameter\n  objectVersion: "3"\n- objectName: /app/prod/db/url\n  objectType: ssmparameter\n  objectVersionLabel: prod\n  objectAlias: url2\n',
        { region: 'eu-central-1' },
      ),
      { account: ACCT },
    );
    assert.deepEqual(resources(r), {
      AscpSsmParameterRead: [`arn:aws:ssm:eu-central-1:${ACCT}:parameter/app/prod/db/url`],
    });
  });
  it('grants an SSM ARN as written, with or without objectType', () => {
    const arn = `arn:aws:ssm:us-east-1:${ACCT}:parameter/shared/token`;
    const r = policy(
      spc(`- objectName: "${arn}"\n- objectName: "${arn}"\n  objectType: ssmparameter\n  objectAlias: t2\n`, {
        region: 'us-east-1',
      }),
    );
    assert.deepEqual(resources(r), { AscpSsmParameterRead: [arn] });
    assert.equal(r.placeholders, false);
  });
});

describe('policy: Secrets Manager secrets', () => {
  it('grants GetSecretValue and DescribeSecret on name-?????? for names', () => {
    const r = policy(
      spc(
        '- objectName: "prod/db/credentials"\n  objectType: "secretsmanager"\n- objectName: flat\n  objectType: secretsmanager\n',
        {
          region: 'us-east-1',
        },
      ),
      { account: ACCT },
    );
    assert.deepEqual(r.policy.Statement, [
      {
        Sid: 'AscpSecretsManagerRead',
        Effect: 'Allow',
        Action: SM,
        Resource: [
          `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:flat-??????`,
          `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:prod/db/credentials-??????`,
        ],
      },
    ]);
  });
  it('grants a full secret ARN exactly and a partial one with the suffix wildcard', () => {
    const full = `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:payments/api-key-Xy12Ab`;
    const partial = `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:payments/webhook`;
    const r = policy(spc(`- objectName: "${full}"\n- objectName: "${partial}"\n`, { region: 'us-east-1' }));
    assert.deepEqual(resources(r), { AscpSecretsManagerRead: [full, partial + '-??????'] });
    assert.ok(r.notes.some((n) => n.includes('partial secret ARN')));
  });
  it('takes the account and partition of names from the ARNs in the classes, with a note', () => {
    const arn = `arn:aws-us-gov:secretsmanager:us-gov-west-1:${ACCT}:secret:a-AbCdEf`;
    const r = policy(
      spc(`- objectName: "${arn}"\n- objectName: b\n  objectType: secretsmanager\n`, {
        region: 'us-gov-west-1',
      }),
    );
    assert.deepEqual(resources(r), {
      AscpSecretsManagerRead: [arn, `arn:aws-us-gov:secretsmanager:us-gov-west-1:${ACCT}:secret:b-??????`],
    });
    assert.ok(r.notes.some((n) => n.includes(`account ${ACCT}, the account of the ARNs`)));
  });
  it('prefers an explicit account over the ARNs', () => {
    const r = policy(
      spc(
        `- objectName: "arn:aws:secretsmanager:us-east-1:${ACCT}:secret:a-AbCdEf"\n- objectName: b\n  objectType: secretsmanager\n`,
        { region: 'us-east-1' },
      ),
      { account: '444455556666' },
    );
    assert.ok(
      resources(r).AscpSecretsManagerRead?.includes(
        'arn:aws:secretsmanager:us-east-1:444455556666:secret:b-??????',
      ),
    );
    assert.ok(!r.notes.some((n) => n.includes('the account of the ARNs')));
  });
  it('uses a placeholder when the ARNs disagree on the account', () => {
    const r = policy(
      spc(
        `- objectName: "arn:aws:secretsmanager:us-east-1:${ACCT}:secret:a-AbCdEf"\n- objectName: "arn:aws:secretsmanager:us-east-1:444455556666:secret:c-AbCdEf"\n- objectName: b\n  objectType: secretsmanager\n`,
        { region: 'us-east-1' },
      ),
    );
    assert.ok(
      resources(r).AscpSecretsManagerRead?.includes(
        'arn:aws:secretsmanager:us-east-1:${ACCOUNT_ID}:secret:b-??????',
      ),
    );
    assert.ok(r.notes.some((n) => n.includes('several accounts (111122223333, 444455556666)')));
  });
});

describe('policy: failover', () => {
  const objects = `- objectName: "arn:aws:secretsmanager:us-east-1:${ACCT}:secret:db-AbCdEf"
  objectAlias: db
  failoverObject:
    objectName: "arn:aws:secretsmanager:us-west-2:${ACCT}:secret:db-XyZ123"
- objectName: /app/flag
  objectType: ssmparameter
- objectName: api
  objectType: secretsmanager
  objectAlias: api
  failoverObject:
    objectName: api-replica
`;
  it('grants every entry in both regions: the failover name, or the same name', () => {
    const r = policy(spc(objects, { region: 'us-east-1', failoverRegion: 'us-west-2' }), { account: ACCT });
    assert.deepEqual(resources(r), {
      AscpSecretsManagerRead: [
        `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:api-??????`,
        `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:db-AbCdEf`,
        `arn:aws:secretsmanager:us-west-2:${ACCT}:secret:api-replica-??????`,
        `arn:aws:secretsmanager:us-west-2:${ACCT}:secret:db-XyZ123`,
      ],
      AscpSsmParameterRead: [
        `arn:aws:ssm:us-east-1:${ACCT}:parameter/app/flag`,
        `arn:aws:ssm:us-west-2:${ACCT}:parameter/app/flag`,
      ],
    });
    assert.deepEqual(
      r.grants.filter((g) => g.failover).map((g) => g.objectName),
      [`arn:aws:secretsmanager:us-west-2:${ACCT}:secret:db-XyZ123`, '/app/flag', 'api-replica'],
    );
  });
  it('grants no failover name without failoverRegion, and says why', () => {
    const r = policy(spc(objects, { region: 'us-east-1' }), { account: ACCT });
    assert.deepEqual(resources(r).AscpSecretsManagerRead, [
      `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:api-??????`,
      `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:db-AbCdEf`,
    ]);
    assert.equal(r.notes.filter((n) => n.includes('failoverObject without failoverRegion')).length, 2);
  });
  it('ignores a failoverRegion equal to region', () => {
    const r = policy(
      spc('- objectName: /a\n  objectType: ssmparameter\n', {
        region: 'us-east-1',
        failoverRegion: 'us-east-1',
      }),
      {
        account: ACCT,
      },
    );
    assert.deepEqual(resources(r), { AscpSsmParameterRead: [`arn:aws:ssm:us-east-1:${ACCT}:parameter/a`] });
    assert.ok(r.notes.some((n) => n.includes('failoverRegion equals region')));
  });
  it('skips a failover ARN of the other service', () => {
    const r = policy(
      spc(
        `- objectName: "arn:aws:secretsmanager:us-east-1:${ACCT}:secret:db-AbCdEf"\n  objectAlias: db\n  failoverObject:\n    objectName: "arn:aws:ssm:us-west-2:${ACCT}:parameter/db"\n`,
        { region: 'us-east-1', failoverRegion: 'us-west-2' },
      ),
    );
    assert.deepEqual(resources(r), {
      AscpSecretsManagerRead: [`arn:aws:secretsmanager:us-east-1:${ACCT}:secret:db-AbCdEf`],
    });
    assert.ok(r.notes.some((n) => n.includes('a ssm ARN for a secretsmanager entry')));
  });
});

describe('policy: several classes', () => {
  it('merges, deduplicates and sorts, one statement per action set', () => {
    const a = named(
      'a',
      spc('- objectName: /x\n  objectType: ssmparameter\n- objectName: s1\n  objectType: secretsmanager\n', {
        region: 'us-east-1',
      }),
    );
    const b = named(
      'b',
      spc(
        '- objectName: /x\n  objectType: ssmparameter\n- objectName: /x\n  objectType: ssmparameter\n  objectAlias: x2\n- objectName: s0\n  objectType: secretsmanager\n',
        { region: 'us-east-1' },
      ),
    );
    const c = named('c', spc('- objectName: /x\n  objectType: ssmparameter\n', { region: 'ap-southeast-2' }));
    const r = policy([a, b, c], { account: ACCT });
    assert.deepEqual(
      r.policy.Statement.map((s) => [s.Sid, s.Action, s.Resource]),
      [
        [
          'AscpSecretsManagerRead',
          SM,
          [
            `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:s0-??????`,
            `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:s1-??????`,
          ],
        ],
        [
          'AscpSsmParameterRead',
          ['ssm:GetParameters'],
          [`arn:aws:ssm:ap-southeast-2:${ACCT}:parameter/x`, `arn:aws:ssm:us-east-1:${ACCT}:parameter/x`],
        ],
      ],
    );
    // Input order does not change the output.
    assert.deepEqual(policy([c, b, a], { account: ACCT }).policy, r.policy);
  });
});

describe('policy: placeholders and options', () => {
  const ssm = spc('- objectName: /a\n  objectType: ssmparameter\n');
  it('marks unknown region, partition and account as placeholders', () => {
    const r = policy(ssm);
    assert.deepEqual(resources(r), {
      AscpSsmParameterRead: ['arn:${PARTITION}:ssm:${REGION}:${ACCOUNT_ID}:parameter/a'],
    });
    assert.equal(r.placeholders, true);
    assert.ok(r.notes.some((n) => n.includes('no region parameter')));
    assert.ok(r.notes.some((n) => n.includes('placeholders (${PARTITION}, ${REGION}, ${ACCOUNT_ID})')));
  });
  it('fills them from the options; the partition follows the region', () => {
    assert.deepEqual(resources(policy(ssm, { region: 'cn-north-1', account: ACCT })), {
      AscpSsmParameterRead: [`arn:aws-cn:ssm:cn-north-1:${ACCT}:parameter/a`],
    });
    const r = policy(ssm, { region: 'eu-west-1', account: ACCT });
    assert.deepEqual(resources(r), { AscpSsmParameterRead: [`arn:aws:ssm:eu-west-1:${ACCT}:parameter/a`] });
    assert.equal(r.placeholders, false);
    assert.deepEqual(r.notes, []);
    assert.deepEqual(
      resources(policy(ssm, { partition: 'aws-iso', region: 'us-iso-east-1', account: ACCT })),
      {
        AscpSsmParameterRead: [`arn:aws-iso:ssm:us-iso-east-1:${ACCT}:parameter/a`],
      },
    );
  });
  it('prefers the class region over the option', () => {
    const r = policy(spc('- objectName: /a\n  objectType: ssmparameter\n', { region: 'us-east-2' }), {
      region: 'eu-west-1',
      account: ACCT,
    });
    assert.deepEqual(resources(r), { AscpSsmParameterRead: [`arn:aws:ssm:us-east-2:${ACCT}:parameter/a`] });
  });
  it('knows the partitions of region names', () => {
    assert.deepEqual(
      [
        'us-east-1',
        'cn-northwest-1',
        'us-gov-east-1',
        'us-iso-east-1',
        'us-isob-east-1',
        'eu-isoe-west-1',
        'us-isof-south-1',
        'eusc-de-east-1',
        'nonsense',
        PLACEHOLDERS.region,
      ].map(partitionOfRegion),
      [
        'aws',
        'aws-cn',
        'aws-us-gov',
        'aws-iso',
        'aws-iso-b',
        'aws-iso-e',
        'aws-iso-f',
        'aws-eusc',
        undefined,
        undefined,
      ],
    );
  });
});

describe('policy: KMS', () => {
  const key = `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const mrk = `arn:aws:kms:us-west-2:${ACCT}:key/mrk-1234abcd12ab34cd56ef1234567890ab`;
  it('adds kms:Decrypt on the keys named, deduplicated and sorted', () => {
    const r = policy(spc('- objectName: s\n  objectType: secretsmanager\n', { region: 'us-east-1' }), {
      account: ACCT,
      kmsKeyArns: [mrk, key, key],
    });
    assert.deepEqual(r.policy.Statement.at(-1), {
      Sid: 'AscpKmsDecrypt',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [key, mrk],
    });
    assert.equal(r.policy.Statement.length, 2);
  });
  it('skips aliases and other strings with a note', () => {
    const r = policy(spc('- objectName: s\n  objectType: secretsmanager\n', { region: 'us-east-1' }), {
      account: ACCT,
      kmsKeyArns: [`arn:aws:kms:us-east-1:${ACCT}:alias/app`, 'not-an-arn'],
    });
    assert.deepEqual(
      r.policy.Statement.map((s) => s.Sid),
      ['AscpSecretsManagerRead'],
    );
    assert.ok(r.notes.some((n) => n.includes('an alias ARN does not grant kms:Decrypt')));
    assert.ok(r.notes.some((n) => n.includes('`not-an-arn`: skipped: not a KMS key ARN')));
  });
  it('adds no KMS statement without keys', () => {
    const r = policy(spc('- objectName: s\n  objectType: secretsmanager\n', { region: 'us-east-1' }), {
      account: ACCT,
    });
    assert.ok(!r.policy.Statement.some((s) => s.Sid === 'AscpKmsDecrypt'));
  });
});

describe('policy: what is left out', () => {
  it('skips entries whose name ASCP rejects, and says why', () => {
    const r = policy(
      spc(
        [
          '- objectName: /no/type',
          '- objectName: x',
          '  objectType: ssm',
          `- objectName: "arn:aws:secretsmanager:us-east-1:${ACCT}:secret:mismatch-AbCdEf"`,
          '  objectType: ssmparameter',
          '- objectName: "arn:aws:ssm"',
          '- objectType: secretsmanager',
          '-',
          '- objectName: "wild*"',
          '  objectType: secretsmanager',
          '- objectName: /ok',
          '  objectType: ssmparameter',
          '',
        ].join('\n'),
        { region: 'us-east-1' },
      ),
      { account: ACCT },
    );
    assert.deepEqual(resources(r), { AscpSsmParameterRead: [`arn:aws:ssm:us-east-1:${ACCT}:parameter/ok`] });
    const reasons = r.notes.map((n) => n.replace(/^class example, /, ''));
    assert.deepEqual(reasons, [
      'entry 1 `/no/type`: skipped: no objectType and not an ARN (ASCP: Must use objectType when a full ARN is not specified)',
      'entry 2 `x`: skipped: objectType `ssm` is neither secretsmanager nor ssmparameter (ASCP: Invalid objectType)',
      `entry 3 \`arn:aws:secretsmanager:us-east-1:${ACCT}:secret:mismatch-AbCdEf\`: skipped: objectType \`ssmparameter\` does not match the ARN (ASCP: objectType does not match ARN)`,
      'entry 4 `arn:aws:ssm`: skipped: not a valid ARN (ASCP: Invalid ARN format in object name)',
      'entry 5: skipped: no objectName (ASCP: Object name must be specified)',
      'entry 6: skipped: an empty entry (ASCP: Empty descriptor entry)',
      'entry 7 `wild*`: skipped: the name holds IAM wildcard or variable characters (* ? ${)',
    ]);
  });
  it('skips a class whose objects cannot be decoded, or is templated, or is missing', () => {
    const broken = named('broken', spc('- objectName: [unclosed\n', { region: 'us-east-1' }));
    const templated = named(
      'tpl',
      spc('{{- range .Values.secrets }}\n- objectName: {{ . }}\n  objectType: secretsmanager\n{{- end }}\n', {
        region: 'us-east-1',
      }),
    );
    const none =
      'apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata:\n  name: none\nspec:\n  provider: aws\n  parameters:\n    region: us-east-1\n';
    const r = policy([broken, templated, none], { account: ACCT });
    assert.deepEqual(r.policy.Statement, []);
    assert.deepEqual(r.notes, [
      'class broken: skipped: objects could not be decoded (ASCP: Failed to load SecretProviderClass); fix it and run again',
      'class tpl: skipped: objects is templated; render the chart first (helm template) and run on the output',
      'class none: no objects parameter; ASCP mounts nothing from it',
    ]);
  });
  it('uses the region placeholder when the region is templated', () => {
    // Templated values are told from the document: policyForFiles passes it along with the class.
    const files = analyze(
      spc('- objectName: /a\n  objectType: ssmparameter\n', { region: '"{{ .Values.region }}"' }),
    );
    const r = policyForFiles(files, { account: ACCT, region: 'eu-west-1' });
    assert.deepEqual(resources(r), {
      AscpSsmParameterRead: [`arn:\${PARTITION}:ssm:\${REGION}:${ACCT}:parameter/a`],
    });
    assert.ok(
      r.notes.includes('f0.yaml: class example: the region is templated; names are granted in ${REGION}'),
    );
  });
  it('grants an ARN whose region is not the class region, with a note', () => {
    const arn = `arn:aws:secretsmanager:eu-west-1:${ACCT}:secret:x-AbCdEf`;
    const r = policy(spc(`- objectName: "${arn}"\n`, { region: 'us-east-1' }));
    assert.deepEqual(resources(r), { AscpSecretsManagerRead: [arn] });
    assert.ok(
      r.notes.some((n) => n.includes("the ARN's region `eu-west-1` is not the class's region `us-east-1`")),
    );
  });
});

/** A pod mounting class `cls`; `attrs` are more volumeAttributes lines. */
const POD = (name: string, cls: string, attrs = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  volumes:
    - name: s
      csi:
        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: ${cls}
${attrs}  containers:
    - name: c
      image: i
      volumeMounts:
        - name: s
          mountPath: /mnt/s
`;

describe('policy per workload', () => {
  const a = named('class-a', spc('- objectName: /a\n  objectType: ssmparameter\n', { region: 'us-east-1' }));
  const b = named('class-b', spc('- objectName: b\n  objectType: secretsmanager\n', { region: 'us-east-1' }));
  it('covers only the classes a workload mounts', () => {
    const files = analyze(`${a}---\n${b}`, POD('pa', 'class-a'), POD('pb', 'class-b'));
    const all = workloadClasses(files);
    assert.deepEqual(
      all.map((w) => [w.workload, w.uses.map((u) => u.cls.name)]),
      [
        ['Pod/pa', ['class-a']],
        ['Pod/pb', ['class-b']],
      ],
    );
    const pa = all.filter((w) => matchesWorkload(w, 'pod/pa'));
    assert.deepEqual(resources(policyForWorkloads(pa, { account: ACCT })), {
      AscpSsmParameterRead: [`arn:aws:ssm:us-east-1:${ACCT}:parameter/a`],
    });
    assert.deepEqual(Object.keys(resources(policyForFiles(files, { account: ACCT }))), [
      'AscpSecretsManagerRead',
      'AscpSsmParameterRead',
    ]);
  });
  it("applies the volume's region attributes over the class parameters", () => {
    const files = analyze(
      a,
      POD('pa', 'class-a', '          region: eu-west-1\n          failoverRegion: eu-central-1\n'),
    );
    const r = policyForWorkloads(workloadClasses(files), { account: ACCT });
    assert.deepEqual(resources(r), {
      AscpSsmParameterRead: [
        `arn:aws:ssm:eu-central-1:${ACCT}:parameter/a`,
        `arn:aws:ssm:eu-west-1:${ACCT}:parameter/a`,
      ],
    });
  });
  it('notes class references the files do not define, and resolves by namespace', () => {
    const nsA = a.replace('  name: class-a\n', '  name: class-a\n  namespace: team\n');
    const pod = POD('pa', 'class-a').replace('  name: pa\n', '  name: pa\n  namespace: other\n');
    const w = workloadClasses(analyze(nsA, pod));
    assert.equal(w[0]?.uses.length, 0);
    assert.match(
      w[0]?.notes[0] ?? '',
      /volume `s` mounts class `class-a`, which no file given defines \(as an aws class in namespace other\)/,
    );
    assert.ok(matchesWorkload(w[0] as never, 'other/Pod/pa'));
    assert.ok(!matchesWorkload(w[0] as never, 'team/Pod/pa'));
    assert.deepEqual(policyForWorkloads(w).policy.Statement, []);
  });
});

// ---- ascp-lint policy ----

function run(args: string[]) {
  let out = '';
  let err = '';
  const code = runCli(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    cwd: process.cwd(),
    color: false,
  });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'ascp-policy-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** What `ascp-lint policy examples/ssm-parameter.yaml examples/secrets-manager-jmespath.yaml` prints. */
const EXAMPLES_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AscpSecretsManagerRead",
      "Effect": "Allow",
      "Action": [
        "secretsmanager:GetSecretValue",
        "secretsmanager:DescribeSecret"
      ],
      "Resource": [
        "arn:aws:secretsmanager:us-east-1:\${ACCOUNT_ID}:secret:test/secret-??????"
      ]
    },
    {
      "Sid": "AscpSsmParameterRead",
      "Effect": "Allow",
      "Action": [
        "ssm:GetParameters"
      ],
      "Resource": [
        "arn:aws:ssm:us-east-1:\${ACCOUNT_ID}:parameter/test/parameter"
      ]
    }
  ]
}
`;

describe('ascp-lint policy', () => {
  it('prints the policy of the two classic examples', () => {
    const r = run(['policy', 'examples/ssm-parameter.yaml', 'examples/secrets-manager-jmespath.yaml']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, EXAMPLES_POLICY);
    assert.equal(
      r.err,
      'ascp-lint: note: the policy holds placeholders (${ACCOUNT_ID}): replace them before use, e.g. with envsubst, or give the account, region and partition\n',
    );
  });
  it('fills the account from --account', () => {
    const r = run([
      'policy',
      '--account',
      ACCT,
      'examples/ssm-parameter.yaml',
      'examples/secrets-manager-jmespath.yaml',
    ]);
    assert.equal(r.code, 0);
    assert.equal(r.out, EXAMPLES_POLICY.replaceAll('${ACCOUNT_ID}', ACCT));
    assert.equal(r.err, '');
  });
  it('covers examples/, broken examples included, and notes what it left out', () => {
    const r = run(['policy', 'examples']);
    assert.equal(r.code, 0, r.err);
    const p = JSON.parse(r.out);
    assert.deepEqual(
      p.Statement.map((s: { Sid: string; Resource: string[] }) => [s.Sid, s.Resource]),
      [
        [
          'AscpSecretsManagerRead',
          [
            // examples/broken/objects.yaml: an ARN in another region than the class's (noted)
            `arn:aws:secretsmanager:eu-west-1:${ACCT}:secret:payments/api-key-Xy12Ab`,
            // examples/broken/jmespath.yaml
            `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:prod/db/credentials-??????`,
            // examples/secrets-manager-jmespath.yaml (and examples/broken/objects.yaml)
            `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:test/secret-??????`,
            // examples/broken/failover.yaml
            `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:test/secret-AbCdEf`,
          ],
        ],
        [
          'AscpSsmParameterRead',
          [
            `arn:aws:ssm:us-east-1:${ACCT}:parameter/app/config`, // examples/broken/failover.yaml
            `arn:aws:ssm:us-east-1:${ACCT}:parameter/app/db/password`, // examples/broken/pod.yaml
            `arn:aws:ssm:us-east-1:${ACCT}:parameter/test/parameter`, // examples/ssm-parameter.yaml
          ],
        ],
      ],
    );
    const arn = (r: string, n: string) => `arn:aws:secretsmanager:${r}:${ACCT}:secret:${n}`;
    assert.deepEqual(r.err.split('\n').filter(Boolean), [
      `ascp-lint: note: examples/broken/failover.yaml: class broken-failover, entry 1 \`${arn('us-east-1', 'test/secret-AbCdEf')}\`: failoverObject without failoverRegion (ASCP: failover object allowed only when failover region is defined); the failover name is not granted`,
      'ascp-lint: note: examples/broken/objects.yaml: class broken-objects, entry 1 `/test/parameter`: skipped: no objectType and not an ARN (ASCP: Must use objectType when a full ARN is not specified)',
      'ascp-lint: note: examples/broken/objects.yaml: class broken-objects, entry 2 `test/secret`: skipped: objectType `ssm` is neither secretsmanager nor ssmparameter (ASCP: Invalid objectType)',
      `ascp-lint: note: examples/broken/objects.yaml: class broken-objects, entry 3 \`${arn('eu-west-1', 'payments/api-key-Xy12Ab')}\`: the ARN's region \`eu-west-1\` is not the class's region \`us-east-1\` (ASCP: ARN region must match region); granted as written`,
      'ascp-lint: note: examples/broken/objects.yaml: class broken-objects, entry 5: skipped: an empty entry (ASCP: Empty descriptor entry)',
      'ascp-lint: note: examples/broken/parameters.yaml: class broken-parameters: no objects parameter; ASCP mounts nothing from it',
      `ascp-lint: note: names that are not ARNs are granted in account ${ACCT}, the account of the ARNs in the classes; give the account if the role reads them from another one`,
    ]);
  });
  it('prints only what one workload mounts with --workload', () => {
    const r = run([
      'policy',
      '--workload',
      'Deployment/nginx-deployment',
      '--region',
      'eu-west-1',
      'examples',
    ]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out).Statement, [
      {
        Sid: 'AscpSecretsManagerRead',
        Effect: 'Allow',
        Action: SM,
        // the class's region wins over --region; the account comes only from the classes it mounts
        Resource: ['arn:aws:secretsmanager:us-east-1:${ACCOUNT_ID}:secret:test/secret-??????'],
      },
    ]);
    const both = run([
      'policy',
      '--workload=Deployment/nginx-deployment',
      '--workload=pod/nginx-pod-parameter-store',
      '--account=444455556666',
      'examples/ssm-parameter.yaml',
      'examples/secrets-manager-jmespath.yaml',
    ]);
    assert.equal(both.out, EXAMPLES_POLICY.replaceAll('${ACCOUNT_ID}', '444455556666'));
  });
  it('adds kms:Decrypt for --kms-key', () => {
    const key = `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const r = run(['policy', '--account', ACCT, '--kms-key', key, 'examples/ssm-parameter.yaml']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out).Statement.at(-1), {
      Sid: 'AscpKmsDecrypt',
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [key],
    });
  });
  it('exits 1 when there is nothing to grant or no such workload', () => {
    const podOnly = join(dir, 'pod.yaml');
    writeFileSync(podOnly, POD('p', 'elsewhere'));
    const none = run(['policy', podOnly]);
    assert.equal(none.code, 1);
    assert.equal(none.out, '');
    assert.match(none.err, /no AWS SecretProviderClass in the files given/);
    const missing = run(['policy', '--workload', 'Pod/nope', 'examples']);
    assert.equal(missing.code, 1);
    assert.equal(missing.out, '');
    assert.match(
      missing.err,
      /no workload Pod\/nope in the files given \(workloads with CSI volumes: .*Pod\/nginx-pod-parameter-store/,
    );
    const skipped = join(dir, 'skipped.yaml');
    writeFileSync(skipped, spc('- objectName: /no/type\n', { region: 'us-east-1' }));
    const s = run(['policy', skipped]);
    assert.equal(s.code, 1);
    assert.match(s.err, /no entry names a secret or parameter ASCP can read/);
  });
  it('exits 2 on usage errors', () => {
    const bad: string[][] = [
      ['policy'],
      ['policy', '--account', '12345', 'examples'],
      ['policy', '--partition', 'azure', 'examples'],
      ['policy', '--region', 'mars', 'examples'],
      ['policy', '--kms-key', `arn:aws:kms:us-east-1:${ACCT}:alias/app`, 'examples'],
      ['policy', '--kms-key', 'abc', 'examples'],
      ['policy', '--workload', 'nginx', 'examples'],
      ['policy', '--account'],
      ['policy', '--bogus', 'examples'],
      ['policy', 'does/not/exist.yaml'],
    ];
    for (const args of bad) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '', args.join(' '));
    }
    assert.match(run(bad[4] as string[]).err, /not an alias ARN/);
    const help = run(['policy', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /^Usage: ascp-lint policy /);
  });
  it('runs as a process', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/src/cli/main.ts',
        'policy',
        'examples/ssm-parameter.yaml',
        'examples/secrets-manager-jmespath.yaml',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0);
    assert.equal(r.stdout, EXAMPLES_POLICY);
  });
});
