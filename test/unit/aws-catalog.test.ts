// The pure parts of the AWS layer: catalog search (prefix, folders, substrings), completion items,
// error classification and back-off, the limiter, settings from the client, what documents need,
// region names, and warm-catalog completion over 10,000 names (its timing is measured by
// scripts/bench/catalog-bench.ts, not here: the unit tier asserts no timing).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { folderOf, KindCatalog } from '../../server/src/aws/catalog';
import {
  escapeFor,
  itemDetail,
  jmesPathCompletionItems,
  nameCompletionItems,
} from '../../server/src/aws/completion-items';
import { classify, withRetry, AwsFailure } from '../../server/src/aws/errors';
import { Limiter } from '../../server/src/aws/limiter';
import { needsOf } from '../../server/src/aws/needs';
import { sdkLoaded } from '../../server/src/aws/sdk';
import { AwsService, kindOf } from '../../server/src/aws/service';
import { isRegion } from '../../server/src/aws/session';
import { parseFile } from '../../server/src/core/analyze';
import { spc } from '../../server/src/core/rules/rule';
import { awsSettingsFrom } from '../../server/src/lsp/aws';
import type { CatalogItem } from '../../server/src/service/providers';
import { catalogBench } from '../../scripts/bench/catalog-bench';

const ssm = (name: string, extra: Partial<CatalogItem> = {}): CatalogItem => ({
  kind: 'ssmparameter',
  name,
  ...extra,
});
const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } };

describe('KindCatalog', () => {
  const c = new KindCatalog('ssmparameter', 'us-east-1');
  c.replaceAll(
    [
      '/app/db/host',
      '/app/db/password',
      '/app/dbx',
      '/app/feature/flags',
      '/apple',
      '/b/x',
      'plain',
      'Plain2',
    ].map((n) => ssm(n)),
    0,
  );

  it('finds names by prefix in order', () => {
    assert.deepEqual(
      c.search('/app/db/', 10, false).map((i) => i.name),
      ['/app/db/host', '/app/db/password'],
    );
  });

  it('keeps one representative per folder when hierarchical', () => {
    assert.deepEqual(
      c.search('/app/', 10, true).map((i) => i.name),
      ['/app/db/host', '/app/dbx', '/app/feature/flags'],
    );
    assert.deepEqual(
      c.search('', 10, true).map((i) => i.name),
      ['/app/db/host', '/apple', '/b/x', 'Plain2', 'plain'],
    );
    assert.equal(folderOf('/app/d', '/app/db/host'), '/app/db/');
    assert.equal(folderOf('', '/a/b'), '/a/');
    assert.equal(folderOf('/a/', '/a/b'), undefined);
    assert.equal(folderOf('', 'a/b'), undefined);
  });

  it('adds case-insensitive substring matches when there is room', () => {
    assert.deepEqual(
      c.search('plain', 10, false).map((i) => i.name),
      ['plain', 'Plain2'],
    );
    assert.deepEqual(
      c.search('pass', 10, false).map((i) => i.name),
      ['/app/db/password'],
    );
  });

  it('knows a prefix when complete, or when a query for a shorter prefix read every page', () => {
    const p = new KindCatalog('secretsmanager', 'us-east-1');
    assert.equal(p.knows('prod/', 0, 1000), false);
    p.markPrefixDone('prod', 0);
    assert.equal(p.knows('prod/', 10, 1000), true);
    assert.equal(p.knows('prod/', 2000, 1000), false, 'stale');
    assert.equal(p.knows('pro', 10, 1000), false);
    assert.equal(p.merge([{ kind: 'secretsmanager', name: 'prod/x' }]), true);
    assert.equal(p.merge([{ kind: 'secretsmanager', name: 'prod/x' }]), false);
    assert.equal(p.listing(undefined), undefined, 'partial: no listing for the core');
    assert.equal(
      p.replaceAll([{ kind: 'secretsmanager', name: 'prod/x', arn: 'arn:x' }], 5),
      false,
      'same names',
    );
    assert.equal(p.listing('1')?.hasArn('arn:x'), true);
  });
});

describe('completion items', () => {
  const items: CatalogItem[] = [
    ssm('/app/db/host', { type: 'String', lastChanged: '2026-05-01T10:00:00Z', kmsKeyId: 'alias/aws/ssm' }),
    ssm('/app/versioned', { type: 'String', description: 'v' }),
    {
      kind: 'secretsmanager',
      name: '/app/secret',
      arn: 'arn:aws:secretsmanager:us-east-1:1:secret:/app/secret-AbCdEf',
    },
  ];

  it('makes folders, leaves, details and the objectType an entry lacks', () => {
    const out = nameCompletionItems(items, {
      typed: '/app/',
      range,
      objectTypeInsert: { position: { line: 1, character: 20 }, indent: '    ', eol: '\r\n' },
    });
    assert.deepEqual(
      out.map((i) => [i.label, i.kind, i.additionalTextEdits?.[0]?.newText]),
      [
        ['/app/db/', 19, '\r\n    objectType: "ssmparameter"'],
        ['/app/versioned', 6, '\r\n    objectType: "ssmparameter"'],
        ['/app/secret', 12, '\r\n    objectType: "secretsmanager"'],
      ],
    );
    assert.deepEqual(out[0]?.textEdit, { range, newText: '/app/db/' });
    assert.equal(
      itemDetail(items[0] as CatalogItem),
      'SSM parameter · String · KMS alias/aws/ssm · changed 2026-05-01',
    );
    assert.deepEqual(out[2]?.documentation, {
      kind: 'markdown',
      value: '`arn:aws:secretsmanager:us-east-1:1:secret:/app/secret-AbCdEf`',
    });
  });

  it('leaves out the other kind when objectType is written, and can list flat', () => {
    const out = nameCompletionItems(items, {
      typed: '/app/',
      range,
      objectType: 'ssmparameter',
      hierarchical: false,
    });
    assert.deepEqual(
      out.map((i) => i.label),
      ['/app/db/host', '/app/versioned'],
    );
    assert.equal(out[0]?.additionalTextEdits, undefined);
  });

  it('escapes for the quoting of the value', () => {
    assert.equal(escapeFor('a"b\\c', 'double'), 'a\\"b\\\\c');
    assert.equal(escapeFor("it's", 'single'), "it''s");
    assert.equal(escapeFor('prod/db', 'plain'), 'prod/db');
    assert.equal(escapeFor('@x', 'plain'), "'@x'");
    const p = jmesPathCompletionItems(['username', '"api-key"'], { range, quote: 'plain' });
    assert.deepEqual(
      p.map((i) => (i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : undefined)),
      ['username', `'"api-key"'`],
    );
  });
});

describe('errors and back-off', () => {
  const err = (name: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error('m'), { name, ...extra });

  it('classifies what users need to hear', () => {
    const c = (e: unknown) => classify(e, 'secretsmanager:ListSecrets', 'us-east-1').code;
    assert.equal(c(err('AccessDeniedException')), 'access-denied');
    assert.equal(c(err('ThrottlingException')), 'throttled');
    assert.equal(c(err('X', { $metadata: { httpStatusCode: 429 } })), 'throttled');
    assert.equal(c(err('CredentialsProviderError')), 'no-credentials');
    assert.equal(
      c(
        Object.assign(new Error('The SSO session associated with this profile has expired'), {
          name: 'CredentialsProviderError',
        }),
      ),
      'expired-credentials',
    );
    assert.equal(c(err('ExpiredTokenException')), 'expired-credentials');
    assert.equal(c(err('UnrecognizedClientException')), 'no-credentials');
    assert.equal(c(err('ResourceNotFoundException')), 'not-found');
    assert.equal(c(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), 'offline');
    assert.equal(c(err('TimeoutError')), 'offline');
    assert.equal(c(err('InternalFailure', { $metadata: { httpStatusCode: 500 } })), 'error');
    assert.match(
      classify(err('AccessDeniedException'), 'secretsmanager:ListSecrets', 'us-east-1').message,
      /names there are not checked/,
    );
  });

  it('retries throttling with growing pauses, and gives up with a classified failure', async () => {
    const delays: number[] = [];
    let calls = 0;
    const r = await withRetry(
      async () => {
        if (++calls < 4) throw err('ThrottlingException');
        return 'ok';
      },
      { operation: 'op', region: 'r', baseMs: 5, onRetry: (_c, _a, d) => delays.push(d) },
    );
    assert.equal(r, 'ok');
    assert.equal(delays.length, 3);
    assert.ok((delays[2] as number) > (delays[0] as number));
    await assert.rejects(
      withRetry(async () => Promise.reject(err('AccessDeniedException')), { operation: 'op', region: 'r' }),
      (e: unknown) => e instanceof AwsFailure && e.classified.code === 'access-denied',
    );
    let n = 0;
    await assert.rejects(
      withRetry(async () => Promise.reject(Object.assign(new Error('x'), { code: 'ECONNREFUSED', n: ++n })), {
        operation: 'op',
        region: 'r',
        baseMs: 1,
      }),
    );
    const abort = new AbortController();
    const p = withRetry(async () => Promise.reject(err('ThrottlingException')), {
      operation: 'op',
      region: 'r',
      baseMs: 10_000,
      signal: abort.signal,
    });
    abort.abort();
    await assert.rejects(p, (e: Error) => e.name === 'AbortError');
  });

  it('the limiter keeps the bound and starts waiting work by priority', async () => {
    const l = new Limiter(1);
    const order: string[] = [];
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const running = new Promise<void>((r) => (started = r));
    const first = l.run(
      () =>
        new Promise<void>((r) => {
          release = r;
          started();
        }),
    );
    const low = l.run(async () => void order.push('low'), 0);
    const high = l.run(async () => void order.push('high'), 10);
    await running;
    assert.equal(l.running, 1);
    release();
    await Promise.all([first, low, high]);
    assert.deepEqual(order, ['high', 'low']);
  });
});

describe('settings, regions and needs', () => {
  it('takes ascp.aws from the client only, layer over layer, rejecting malformed values', () => {
    assert.deepEqual(awsSettingsFrom(undefined, null), {
      enabled: true,
      profile: '',
      region: '',
      checkValues: false,
    });
    assert.deepEqual(
      awsSettingsFrom({ profile: 'dev', region: 'eu-west-1' }, { checkValues: true, region: 'us-east-1' }),
      { enabled: true, profile: 'dev', region: 'us-east-1', checkValues: true },
    );
    assert.deepEqual(awsSettingsFrom({ profile: 'a b;rm', region: 'http://x', enabled: 'no' }), {
      enabled: true,
      profile: '',
      region: '',
      checkValues: false,
    });
  });

  it('accepts region names only', () => {
    for (const r of [
      'us-east-1',
      'us-gov-west-1',
      'cn-north-1',
      'eu-central-2',
      'ap-southeast-5',
      'us-isob-east-1',
    ])
      assert.ok(isRegion(r), r);
    for (const r of [
      '',
      'evil.example.com',
      'us-east-1.evil.com',
      'US-EAST-1',
      'us-east',
      'localhost:4566',
      'a'.repeat(40) + '-1',
    ])
      assert.ok(!isRegion(r), r);
  });

  it('needs: listings per kind and region, values only for entries with jmesPath, no invalid region', () => {
    const docs = parseFile(
      'x.yaml',
      spc(
        '- objectName: "a"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: x\n      objectAlias: X\n- objectName: "/p"\n  objectType: "ssmparameter"\n  objectVersionLabel: "l"\n  jmesPath:\n    - path: y\n      objectAlias: Y\n- objectName: "b"\n  objectType: "secretsmanager"',
        { region: 'eu-west-1' },
      ) +
        '---\n' +
        spc('- objectName: "c"\n  objectType: "secretsmanager"', { region: '"evil.example.com"' }),
    ).docs;
    const n = needsOf(docs);
    assert.deepEqual(n.listings, [
      { kind: 'secretsmanager', region: 'eu-west-1' },
      { kind: 'ssmparameter', region: 'eu-west-1' },
    ]);
    assert.deepEqual(n.values, [
      { kind: 'secretsmanager', name: 'a', region: 'eu-west-1' },
      { kind: 'ssmparameter', name: '/p', region: 'eu-west-1', label: 'l' },
    ]);
  });

  it('kindOf: objectType, else the ARN', () => {
    assert.equal(kindOf('x', 'secretsmanager'), 'secretsmanager');
    assert.equal(kindOf('x', 'ssm'), undefined);
    assert.equal(kindOf('arn:aws:ssm:us-east-1:1:parameter/x', undefined), 'ssmparameter');
    assert.equal(kindOf('x', undefined), undefined);
  });

  it('a service that is off, or that nothing asked, loads no SDK and answers nothing', async () => {
    const s = new AwsService();
    s.configure({ enabled: false, profile: '', region: '', checkValues: true });
    assert.deepEqual(s.lookups(), {});
    assert.deepEqual(await s.complete({ prefix: '', limit: 5 }), { items: [], complete: false });
    assert.equal(await s.value({ kind: 'secretsmanager', name: 'x' }), undefined);
    assert.equal(s.status().state, 'off');
    s.need({ listings: [{ kind: 'secretsmanager', region: 'us-east-1' }], values: [] });
    await s.whenIdle();
    assert.equal(sdkLoaded(), false);
    s.dispose();
  });
});

describe('warm catalog completion', () => {
  it('answers from 10,000 names', () => {
    const r = catalogBench(10_000, 1000);
    assert.ok(r.meanItems > 1, JSON.stringify(r));
  });
});
