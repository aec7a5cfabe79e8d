// object-not-found: existence judged from a complete listing only, by kind and region, with ARNs,
// failover names, suggestions and quick fixes; silent without a listing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeWorkspace, type AnalyzeOptions } from '../../server/src/core/analyze';
import { memoryListing, staticCatalog } from '../../server/src/core/rules/aws/catalog';
import { closeName } from '../../server/src/core/rules/aws/object-not-found';
import { objectRefs } from '../../server/src/core/rules/aws/refs';
import type { CatalogLookup } from '../../server/src/core/rules/rule';
import { spc } from '../../server/src/core/rules/rule';
import { parseFile } from '../../server/src/core/analyze';

const ACCOUNT = '111122223333';
const SM_ARN = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:test/secret-AbCdEf`;

const catalog: CatalogLookup = {
  listing: (kind, region) => {
    if (region !== 'us-east-1' && region !== undefined) return undefined;
    return kind === 'secretsmanager'
      ? memoryListing('us-east-1', ACCOUNT, [
          { name: 'test/secret', arn: SM_ARN },
          {
            name: 'prod/db/credentials',
            arn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db/credentials-XyZ123`,
          },
          { name: 'same-name' },
        ])
      : memoryListing('us-east-1', ACCOUNT, [
          { name: '/test/parameter', arn: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/test/parameter` },
          { name: 'flat', arn: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/flat` },
          { name: 'same-name' },
        ]);
  },
};

function found(
  objects: string,
  params: Record<string, string> = { region: 'us-east-1' },
  opts: AnalyzeOptions = { catalog },
) {
  const [r] = analyzeWorkspace([{ id: 'x.yaml', text: spc(objects, params) }], opts);
  return (r?.diagnostics ?? []).filter((d) => d.code === 'object-not-found');
}

describe('object-not-found', () => {
  it('flags a misspelt secret with the suggestion and a fix, as a warning', () => {
    const [d, ...rest] = found('- objectName: "test/secrt"\n  objectType: "secretsmanager"');
    assert.equal(rest.length, 0);
    assert.equal(d?.severity, 'warning');
    assert.match(
      d?.message ?? '',
      /^secret `test\/secrt` not found in us-east-1 \(did you mean `test\/secret`\?\): the mount would fail/,
    );
    assert.equal(d?.fixes?.[0]?.edits[0]?.newText, '"test/secret"');
  });

  it("flags parameters, with ASCP's message", () => {
    const [d] = found('- objectName: "/test/parametr"\n  objectType: "ssmparameter"');
    assert.match(
      d?.message ?? '',
      /^parameter `\/test\/parametr` not found in us-east-1 \(did you mean `\/test\/parameter`\?\)/,
    );
    assert.match(d?.message ?? '', /us-east-1: invalid parameters: \/test\/parametr/);
  });

  it('accepts existing names, full and partial ARNs, and one-level SSM names with or without "/"', () => {
    assert.deepEqual(
      found(
        [
          '- objectName: "test/secret"\n  objectType: "secretsmanager"',
          `- objectName: "${SM_ARN}"`,
          `- objectName: "arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:test/secret"`,
          '- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  objectAlias: p',
          '- objectName: "/flat"\n  objectType: "ssmparameter"',
          `- objectName: "arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/test/parameter"\n  objectAlias: q`,
        ].join('\n'),
      ),
      [],
    );
  });

  it('suggests the current ARN of a secret that was created again (another random suffix)', () => {
    const [d] = found(
      `- objectName: "arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:test/secret-ZZZZZZ"`,
    );
    assert.match(d?.message ?? '', new RegExp(`did you mean \`${SM_ARN}\``));
  });

  it("never judges another account's ARN", () => {
    assert.deepEqual(
      found('- objectName: "arn:aws:secretsmanager:us-east-1:999999999999:secret:nope-AbCdEf"'),
      [],
    );
  });

  it('says when the other kind has the name, and offers to change objectType', () => {
    const [d] = found('- objectName: "flat"\n  objectType: "secretsmanager"');
    assert.match(
      d?.message ?? '',
      /a parameter of that name exists there: `objectType` should be `ssmparameter`/,
    );
    assert.deepEqual(
      d?.fixes?.map((f) => f.title),
      ['Change objectType to ssmparameter'],
    );
  });

  it('checks failover names in the failoverRegion, and only where a listing is known', () => {
    const objects =
      '- objectName: "test/secrt"\n  objectType: "secretsmanager"\n  objectAlias: a\n  failoverObject:\n    objectName: "test/secrt"';
    const ds = found(objects, { region: 'us-east-1', failoverRegion: 'us-west-2' });
    assert.equal(ds.length, 1, 'us-west-2 has no listing: silent');
    const both: CatalogLookup = {
      listing: (k, region) => {
        const l = catalog.listing(k, 'us-east-1');
        return l && region === 'us-west-2' ? { ...l, region } : l;
      },
    };
    const two = found(objects, { region: 'us-east-1', failoverRegion: 'us-west-2' }, { catalog: both });
    assert.equal(two.length, 2);
    assert.match(two[0]?.message ?? '', /not found in us-east-1 \(/);
    assert.match(two[1]?.message ?? '', /not found in us-west-2 \(the `failoverRegion`\)/);
  });

  it('names the default region when the class has none', () => {
    const [d] = found('- objectName: "test/secrt"\n  objectType: "secretsmanager"', {});
    assert.match(
      d?.message ?? '',
      /not found in us-east-1 \(the class has no `region`: looked in the default region/,
    );
  });

  it('is silent without a catalog, for templated names, invalid entries and other regions', () => {
    assert.deepEqual(
      found('- objectName: "test/secrt"\n  objectType: "secretsmanager"', { region: 'us-east-1' }, {}),
      [],
    );
    assert.deepEqual(found('- objectName: "{{ .Values.name }}"\n  objectType: "secretsmanager"'), []);
    assert.deepEqual(found('- objectName: "test/secrt"\n  objectType: "ssm"'), []);
    assert.deepEqual(found('- objectName: "test/secrt"'), []);
    assert.deepEqual(
      found('- objectName: "test/secrt"\n  objectType: "secretsmanager"', { region: 'eu-west-1' }),
      [],
    );
    assert.deepEqual(
      found(`- objectName: "arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:x-AbCdEf"`, {
        region: 'us-east-1',
      }),
      [],
      'arn-region-mismatch says it',
    );
  });

  it('offers no edit when objects is not a literal block', () => {
    const text = spc('- objectName: "test/secrt"\n  objectType: "secretsmanager"', {
      region: 'us-east-1',
    }).replace('objects: |', 'objects: >');
    const [r] = analyzeWorkspace([{ id: 'x.yaml', text }], { catalog });
    const d = r?.diagnostics.find((x) => x.code === 'object-not-found');
    assert.ok(d);
    assert.deepEqual(d.fixes, []);
  });

  it('staticCatalog answers for its region and the default only', () => {
    const c = staticCatalog({ region: 'eu-west-1', secretsmanager: ['a'] });
    assert.equal(c.listing('secretsmanager', 'eu-west-1')?.has('a'), true);
    assert.equal(c.listing('secretsmanager', undefined)?.region, 'eu-west-1');
    assert.equal(c.listing('secretsmanager', 'us-east-1'), undefined);
    assert.equal(c.listing('ssmparameter', 'eu-west-1'), undefined);
  });

  it('closeName suggests typos only', () => {
    const names = ['prod/db/credentials', 'prod/api-key', 'Test/Secret'];
    assert.equal(closeName('prod/db/credentals', names), 'prod/db/credentials');
    assert.equal(closeName('test/secret', names), 'Test/Secret');
    assert.equal(closeName('something/else/entirely', names), undefined);
  });

  it("objectRefs: kinds, regions (the ARN's), versions and failover", () => {
    const text = spc(
      [
        '- objectName: "/a"\n  objectType: "ssmparameter"\n  objectVersion: "2"',
        `- objectName: "arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/b"`,
        '- objectName: "c"\n  objectType: "secretsmanager"\n  objectVersionLabel: "AWSPREVIOUS"\n  objectAlias: c\n  failoverObject:\n    objectName: "c2"',
      ].join('\n'),
      { failoverRegion: 'us-west-2' },
    );
    const cls = parseFile('x.yaml', text).docs[0]?.class;
    assert.ok(cls);
    const refs = objectRefs(cls, undefined, 'us-west-2');
    assert.deepEqual(
      refs.map((r) => [
        r.name.value,
        r.kind,
        r.region ?? null,
        r.failover,
        r.version ?? null,
        r.label ?? null,
      ]),
      [
        ['/a', 'ssmparameter', null, false, '2', null],
        [`arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/b`, 'ssmparameter', 'eu-west-1', false, null, null],
        ['c', 'secretsmanager', null, false, null, 'AWSPREVIOUS'],
        ['c2', 'secretsmanager', 'us-west-2', true, null, null],
      ],
    );
  });
});
