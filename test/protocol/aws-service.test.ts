// The AWS layer in process against moto_server (real SDK, real HTTP): completion from cache within
// its budget, prefix queries before the listing is there, hierarchical names, paths from a JSON
// secret, values dropped after their TTL, cancellation and bounded concurrency.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nameCompletionItems } from '../../server/src/aws/completion-items';
import { needsOf } from '../../server/src/aws/needs';
import { sdkLoaded } from '../../server/src/aws/sdk';
import { AwsService, type AwsServiceOptions } from '../../server/src/aws/service';
import { parseFile } from '../../server/src/core/analyze';
import { DEFAULT_SETTINGS, type AscpStatus } from '../../server/src/shared/protocol';
import {
  announceSkip,
  awsEnv,
  CANARY,
  CANARY_PLAIN,
  motoMissing,
  seedStandard,
  startFakeAws,
  startMoto,
  type FakeAws,
  type Moto,
} from './aws-moto';

const missing = motoMissing();
if (missing) announceSkip(missing);

const CLASS = (region: string) => `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app
spec:
  provider: aws
  parameters:
    region: ${region}
    objects: |
      - objectName: "prod/db/credentials"
        objectType: "secretsmanager"
        jmesPath:
          - path: username
            objectAlias: U
      - objectName: "/app/db/host"
        objectType: "ssmparameter"
`;

const needs = (...regions: string[]) =>
  needsOf(regions.flatMap((r) => parseFile(`${r}.yaml`, CLASS(r)).docs));

function useEndpoint(endpoint: string, extra: Record<string, string | undefined> = {}): void {
  const env = awsEnv(endpoint, extra);
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) Reflect.deleteProperty(process.env, k);
  for (const [k, v] of Object.entries(env)) if (k.startsWith('AWS_')) process.env[k] = v;
}

describe('the AWS layer against moto', { skip: missing }, () => {
  let moto: Moto;
  const services: AwsService[] = [];
  const seen: unknown[] = [];
  const make = (o: AwsServiceOptions = {}, checkValues = true) => {
    const logs: string[] = [];
    const statuses: AscpStatus[] = [];
    const s = new AwsService({
      log: (m) => logs.push(m),
      onStatus: (x) => statuses.push(x),
      ...o,
    });
    s.configure({ ...DEFAULT_SETTINGS.aws, checkValues });
    services.push(s);
    seen.push(logs, statuses);
    return { s, logs, statuses };
  };

  before(async () => {
    moto = await startMoto();
    await seedStandard(moto.endpoint);
  });
  after(async () => {
    for (const s of services) s.dispose();
    await moto.stop();
    const all = JSON.stringify(seen);
    assert.ok(!all.includes(CANARY) && !all.includes(CANARY_PLAIN), 'a value leaked into a log or a status');
  });

  it('loads no SDK until a document needs AWS', () => {
    useEndpoint(moto.endpoint);
    const { s } = make();
    s.lookups().catalog?.listing('secretsmanager', 'us-east-1');
    assert.equal(sdkLoaded(), false);
  });

  it('completes names of both kinds: a prefix query first, then the full listing (more than a page)', async () => {
    useEndpoint(moto.endpoint);
    // a generous budget: the first answer waits for credentials and the prefix query
    const { s, statuses } = make({ completionBudgetMs: 10_000 });
    const first = await s.complete({ prefix: 'prod/', limit: 50, region: 'us-east-1' });
    assert.equal(first.complete, false, 'no full listing yet');
    assert.deepEqual(
      first.items.map((i) => i.name),
      ['prod/api-key', 'prod/db/credentials', 'prod/rotating'],
    );
    await s.whenIdle();
    const both = await s.complete({ prefix: '', limit: 500, region: 'us-east-1' });
    assert.equal(both.complete, true);
    const kinds = new Set(both.items.map((i) => i.kind));
    assert.deepEqual([...kinds].sort(), ['secretsmanager', 'ssmparameter']);
    const st = s.status();
    assert.equal(st.account, '123456789012');
    const counts = Object.fromEntries(st.catalogs.map((c) => [c.kind, c.count]));
    assert.ok((counts.secretsmanager ?? 0) >= 63 && (counts.ssmparameter ?? 0) >= 66, JSON.stringify(counts));
    assert.ok(statuses.some((x) => x.state === 'ready'));
    const item = both.items.find((i) => i.name === '/app/db/password');
    assert.equal(item?.type, 'SecureString');
    assert.equal(item?.description, 'test /app/db/password');
    assert.ok(item?.lastChanged && item.kmsKeyId);
    assert.equal(await s.exists('secretsmanager', 'prod/db/credentials', 'us-east-1'), true);
    assert.equal(await s.exists('secretsmanager', 'prod/db/nope', 'us-east-1'), false);
    assert.equal(await s.exists('secretsmanager', 'prod/db/credentials', 'eu-west-3'), undefined);
  });

  it('offers hierarchical SSM names one segment at a time, with the objectType an entry lacks', async () => {
    useEndpoint(moto.endpoint);
    const { s } = make();
    s.need(needs('us-east-1'));
    await s.whenIdle();
    const a = await s.complete({ prefix: '/app/', limit: 50, region: 'us-east-1', hierarchical: true });
    const range = { start: { line: 9, character: 20 }, end: { line: 9, character: 25 } };
    const items = nameCompletionItems(a.items, {
      typed: '/app/',
      range,
      objectTypeInsert: { position: { line: 9, character: 26 }, indent: '  ' },
    });
    assert.deepEqual(
      items.map((i) => i.label),
      ['/app/db/', '/app/feature/', '/app/versioned'],
    );
    assert.equal(items[0]?.command?.command, 'editor.action.triggerSuggest');
    assert.equal(items[2]?.additionalTextEdits?.[0]?.newText, '\n  objectType: "ssmparameter"');
    const deeper = await s.complete({
      prefix: '/app/db/',
      limit: 50,
      region: 'us-east-1',
      hierarchical: true,
    });
    const leaves = nameCompletionItems(deeper.items, {
      typed: '/app/db/',
      range,
      objectType: 'ssmparameter',
    });
    assert.deepEqual(
      leaves
        .map((i) => [i.label, i.detail])
        .map(([l, d]) => [l, (d ?? '').split(' · ').slice(0, 2).join(' · ')]),
      [
        ['/app/db/config', 'SSM parameter · SecureString'],
        ['/app/db/host', 'SSM parameter · String'],
        ['/app/db/password', 'SSM parameter · SecureString'],
      ],
    );
    seen.push(items, leaves);
  });

  it('gives jmesPath paths from the shape of a JSON secret, only with value checks on', async () => {
    useEndpoint(moto.endpoint);
    const { s } = make();
    const paths = await s.paths({ kind: 'secretsmanager', name: 'prod/db/credentials', region: 'us-east-1' });
    assert.deepEqual(paths?.sort(), ['host', 'nested.user', 'password', 'username']);
    assert.equal(
      await s.paths({ kind: 'secretsmanager', name: 'prod/api-key', region: 'us-east-1' }),
      undefined,
    );
    // SSM, by label: version 1 ("stable") has a string, the latest a number
    assert.deepEqual(
      await s.paths({ kind: 'ssmparameter', name: '/app/versioned', region: 'us-east-1', label: 'stable' }),
      ['a'],
    );
    assert.deepEqual(
      await s.paths({ kind: 'ssmparameter', name: '/app/versioned', region: 'us-east-1' }),
      [],
    );
    // Secrets Manager stages: AWSPREVIOUS holds the old string, the custom stage the new number
    assert.deepEqual(
      await s.paths({
        kind: 'secretsmanager',
        name: 'prod/rotating',
        region: 'us-east-1',
        label: 'AWSPREVIOUS',
      }),
      ['key'],
    );
    assert.deepEqual(
      await s.paths({ kind: 'secretsmanager', name: 'prod/rotating', region: 'us-east-1', label: 'beta' }),
      [],
    );
    const off = make({}, false).s;
    assert.equal(off.enabled(), false);
    assert.equal(
      await off.paths({ kind: 'secretsmanager', name: 'prod/db/credentials', region: 'us-east-1' }),
      undefined,
    );
    assert.equal(off.valuesHeld, 0);
    seen.push(paths);
  });

  it('drops values after their time, and keeps none when value checks are turned off', async () => {
    useEndpoint(moto.endpoint);
    let now = 1_000_000;
    const { s } = make({ now: () => now, valueTtlMs: 1000, valueMaxAgeMs: 5000 });
    s.need(needs('us-east-1'));
    await s.whenIdle();
    const get = () =>
      s.lookups().secrets?.get('prod/db/credentials', 'secretsmanager', { region: 'us-east-1' });
    assert.ok(get()?.includes('"username"'));
    assert.equal(s.valuesHeld, 1);
    now += 5001;
    assert.equal(get(), undefined, 'gone after the maximum age');
    s.need(needs('us-east-1'));
    await s.whenIdle();
    assert.ok(get() !== undefined);
    s.configure({ ...DEFAULT_SETTINGS.aws, checkValues: false });
    assert.equal(s.valuesHeld, 0);
    assert.equal(s.lookups().secrets, undefined);
  });

  describe('a slow endpoint', () => {
    let slow: FakeAws;
    before(async () => {
      slow = await startFakeAws({ target: moto.endpoint, delayMs: 400 });
    });
    after(() => slow.close());

    it('answers completion within its budget with nothing cached, and from cache in milliseconds once warm', async () => {
      useEndpoint(slow.endpoint);
      let now = 2_000_000;
      const { s } = make({ completionBudgetMs: 150, now: () => now, catalogTtlMs: 60_000 });
      s.need(needs('us-east-1'));
      const t0 = performance.now();
      const cold = await s.complete({
        prefix: 'prod/',
        limit: 20,
        region: 'us-east-1',
        kind: 'secretsmanager',
      });
      const coldMs = performance.now() - t0;
      assert.equal(cold.complete, false);
      // the session itself (STS at 400 ms) is not waited for beyond the budget
      assert.ok(coldMs < 400, `cold completion took ${coldMs.toFixed(0)} ms`);
      await s.whenIdle();
      now += 61_000; // stale: the next request refreshes in the background, slowly
      const times: number[] = [];
      for (let i = 0; i < 50; i++) {
        const t = performance.now();
        const r = await s.complete({
          prefix: i % 2 ? 'prod/' : 'bulk/s0',
          limit: 50,
          region: 'us-east-1',
          kind: 'secretsmanager',
        });
        times.push(performance.now() - t);
        assert.ok(r.items.length > 0);
      }
      assert.ok(
        s.status().catalogs.some((c) => c.loading),
        'a refresh is in flight',
      );
      times.sort((a, b) => a - b);
      const p95 = times[Math.floor(times.length * 0.95)] as number;
      assert.ok(p95 < 20, `warm completion p95 ${p95.toFixed(2)} ms`);
      process.stdout.write(`# slow endpoint: cold ${coldMs.toFixed(0)} ms, warm p95 ${p95.toFixed(2)} ms\n`);
      s.dispose();
    });

    it('cancels listings in flight when disposed (no request after that)', async () => {
      useEndpoint(slow.endpoint);
      const { s } = make();
      s.need(needs('us-east-1'));
      // wait until a listing request went out
      const t0 = Date.now();
      while (
        !slow.seen.slice(-20).some((x) => /ListSecrets|DescribeParameters/.test(x)) &&
        Date.now() - t0 < 10000
      )
        await new Promise((r) => setTimeout(r, 20));
      s.dispose();
      const t = Date.now();
      await s.whenIdle();
      assert.ok(Date.now() - t < 1000, 'dispose does not wait for AWS');
      const count = slow.seen.length;
      await new Promise((r) => setTimeout(r, 900));
      assert.equal(slow.seen.length, count, 'no request after dispose');
    });

    it('keeps at most maxConcurrency calls in flight', async () => {
      useEndpoint(slow.endpoint);
      const counter = await startFakeAws({ target: moto.endpoint, delayMs: 150 });
      try {
        useEndpoint(counter.endpoint);
        const { s } = make({ maxConcurrency: 2 }, false);
        s.need(needs('us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'));
        await s.whenIdle();
        assert.equal(s.status().catalogs.length, 8);
        assert.ok(s.status().catalogs.every((c) => c.complete));
        assert.ok(counter.maxInFlight <= 2, `max in flight ${counter.maxInFlight}`);
        assert.ok(counter.seen.length >= 8);
      } finally {
        await counter.close();
      }
    });
  });
});
