// `ascp-lint --aws` (the built dist/cli.js) against moto_server: names must exist, jmesPath paths are
// checked against the real values, AWS trouble exits 2, and no value is ever printed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  announceSkip,
  awsEnv,
  CANARY,
  CANARY_PLAIN,
  freePort,
  motoMissing,
  seedStandard,
  startFakeAws,
  startMoto,
  type Moto,
} from './aws-moto';

const missing = motoMissing();
if (missing) announceSkip(missing);

const MANIFEST = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app
spec:
  provider: aws
  parameters:
    objects: |
      - objectName: "prod/db/credentals"
        objectType: "secretsmanager"
      - objectName: "/app/db/password"
        objectType: "ssmparameter"
      - objectName: "prod/db/credentials"
        objectType: "secretsmanager"
        jmesPath:
          - path: password
            objectAlias: PASSWORD
          - path: port
            objectAlias: PORT
      - objectName: "prod/api-key"
        objectType: "secretsmanager"
        jmesPath:
          - path: key
            objectAlias: KEY
`;

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['dist/cli.js', ...args], { env });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('ascp-lint --aws (moto)', { skip: missing }, () => {
  let moto: Moto;
  let dir: string;
  let file: string;
  const outputs: string[] = [];
  before(async () => {
    moto = await startMoto();
    await seedStandard(moto.endpoint);
    dir = mkdtempSync(join(tmpdir(), 'ascp-aws-cli-'));
    file = join(dir, 'class.yaml');
    writeFileSync(file, MANIFEST);
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await moto.stop();
    const all = outputs.join('\n');
    assert.ok(!all.includes(CANARY) && !all.includes(CANARY_PLAIN), 'a value was printed');
  });

  it('finds the misspelt secret and the jmesPath mistakes (default region from the environment)', async () => {
    const r = await run(['--aws', '--format', 'json', file], awsEnv(moto.endpoint));
    outputs.push(r.out, r.err);
    assert.equal(r.code, 1, r.err);
    const diags = JSON.parse(r.out).files[0].diagnostics as { code: string; message: string; line: number }[];
    const codes = diags.map((d) => d.code).filter((c) => c !== 'region-missing');
    assert.deepEqual(codes.sort(), ['jmespath-not-string', 'object-not-found', 'secret-not-json'].sort());
    const nf = diags.find((d) => d.code === 'object-not-found');
    assert.match(
      nf?.message ?? '',
      /^secret `prod\/db\/credentals` not found in us-east-1 \(the class has no `region`/,
    );
    assert.match(nf?.message ?? '', /did you mean `prod\/db\/credentials`/);
    assert.equal(r.err, '');
  });

  it('without --aws nothing is fetched', async () => {
    const counter = await startFakeAws({ target: moto.endpoint });
    try {
      const r = await run(['--format', 'json', file], awsEnv(counter.endpoint));
      outputs.push(r.out, r.err);
      assert.equal(r.code, 0);
      assert.equal(counter.seen.length, 0);
    } finally {
      await counter.close();
    }
  });

  it('exits 2 when a listing is denied, and still prints what it could check', async () => {
    const denier = await startFakeAws({ deny: true });
    try {
      const r = await run(
        ['--aws', '--aws-region', 'us-east-1', '--format', 'json', file],
        awsEnv(moto.endpoint, { AWS_ENDPOINT_URL_SECRETS_MANAGER: denier.endpoint, AWS_REGION: undefined }),
      );
      outputs.push(r.out, r.err);
      assert.equal(r.code, 2);
      assert.match(r.err, /access denied to secretsmanager:ListSecrets in us-east-1/);
      assert.equal(
        (r.err.match(/access denied to secretsmanager:ListSecrets/g) ?? []).length,
        1,
        'said once',
      );
      const codes = JSON.parse(r.out).files[0].diagnostics.map((d: { code: string }) => d.code);
      assert.ok(!codes.includes('object-not-found'));
    } finally {
      await denier.close();
    }
  });

  it('exits 2 when AWS cannot be reached', async () => {
    const port = await freePort();
    const r = await run(['--aws', file], awsEnv(`http://127.0.0.1:${port}`));
    outputs.push(r.out, r.err);
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot reach AWS/);
  });
});
