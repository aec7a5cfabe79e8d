// The language server against moto_server over stdio: names checked and completed, jmesPath checked
// against real values, problems (denied, throttled, offline, no credentials) said once and never
// blocking offline diagnostics, and a canary value that appears nowhere.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  CompletionItem,
  CompletionList,
  Diagnostic,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import type { AscpStatus } from '../../server/src/shared/protocol';
import {
  announceSkip,
  awsEnv,
  CANARY,
  CANARY_PLAIN,
  createSecret,
  filesContaining,
  freePort,
  motoMissing,
  seedStandard,
  startFakeAws,
  startMoto,
  type Moto,
} from './aws-moto';
import { offlineEnv, posOf, TestClient } from './lsp-client';

const missing = motoMissing();
if (missing) announceSkip(missing);

const uri = (name: string) => `file:///virtual/aws/${name}`;

const CLASS = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app
spec:
  provider: aws
  parameters:
    region: us-east-1
    objects: |
      - objectName: "prod/db/credentals"
        objectType: "secretsmanager"
      - objectName: "/app/db/pasword"
        objectType: "ssmparameter"
      - objectName: "prod/db/credentials"
        objectType: "secretsmanager"
        jmesPath:
          - path: username
            objectAlias: USER
          - path: port
            objectAlias: PORT
      - objectName: "/app/versioned"
        objectType: "ssmparameter"
        objectVersionLabel: "stable"
        objectAlias: versioned-stable
        jmesPath:
          - path: a
            objectAlias: A_STABLE
      - objectName: "/app/versioned"
        objectType: "ssmparameter"
        objectAlias: versioned-latest
        jmesPath:
          - path: a
            objectAlias: A_LATEST
      - objectName: "/bulk/p059"
        objectType: "ssmparameter"
      - objectName: "bulk/s059"
        objectType: "secretsmanager"
`;

const AWS_CODES = ['object-not-found', 'jmespath-not-string', 'jmespath-no-value', 'secret-not-json'];

/** Everything a client saw from the server, for the canary search. */
function transcript(c: TestClient, extra: unknown[] = []): string {
  return JSON.stringify({ logs: c.logs, published: c.published, extra }) + c.stderr;
}

async function diagnosticsUntil(
  c: TestClient,
  u: string,
  pred: (d: Diagnostic[]) => boolean,
  timeoutMs = 20000,
): Promise<Diagnostic[]> {
  const last = [...c.published].reverse().find((p) => p.uri === u);
  if (last && pred(last.diagnostics)) return last.diagnostics;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const next = await Promise.race([
      c.nextDiagnostics(u),
      new Promise<undefined>((r) =>
        setTimeout(() => r(undefined), Math.max(0, deadline - Date.now())).unref(),
      ),
    ]);
    if (!next) break;
    if (pred((next as PublishDiagnosticsParams).diagnostics))
      return (next as PublishDiagnosticsParams).diagnostics;
  }
  const seen = [...c.published].reverse().find((p) => p.uri === u);
  throw new Error(
    `timed out; last diagnostics: ${JSON.stringify(seen?.diagnostics.map((d) => [d.code, d.message]))}`,
  );
}

function statusesOf(c: TestClient): AscpStatus[] {
  const list: AscpStatus[] = [];
  c.conn.onNotification('ascp/status', (s: AscpStatus) => void list.push(s));
  return list;
}

async function statusUntil(list: AscpStatus[], pred: (s: AscpStatus) => boolean, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  while (Date.now() < deadline) {
    const hit = list.find(pred);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 100);
  }
  throw new Error(`no such status; got ${JSON.stringify(list.map((s) => [s.state, s.problem?.code]))}`);
}

const codesOf = (ds: Diagnostic[]) => ds.map((d) => d.code as string);
const msg = (d: Diagnostic | undefined): string =>
  d === undefined ? '' : typeof d.message === 'string' ? d.message : d.message.value;

describe('AWS over stdio (moto)', { skip: missing }, () => {
  let moto: Moto;
  const clients: TestClient[] = [];
  const extras: unknown[] = [];
  const start = async (env: NodeJS.ProcessEnv, aws: Record<string, unknown> = {}) => {
    const c = new TestClient({ env, settings: { ascp: { aws } } });
    clients.push(c);
    const statuses = statusesOf(c);
    await c.initialize();
    return { c, statuses };
  };

  before(async () => {
    moto = await startMoto();
    await seedStandard(moto.endpoint);
  });
  after(async () => {
    for (const c of clients) {
      assert.equal(await c.stop(), 0);
      assert.deepEqual(c.errorsLogged(), []);
    }
    const all = clients.map((c) => transcript(c, extras)).join('\n') + moto.log();
    assert.ok(!all.includes(CANARY), 'the canary value leaked into a log, a notification or stderr');
    assert.ok(!all.includes(CANARY_PLAIN), 'the plain canary value leaked');
    assert.deepEqual(
      filesContaining('.test-output', [CANARY, CANARY_PLAIN]),
      [],
      'the canary is in a test artifact',
    );
    await moto.stop();
  });

  describe('with credentials and value checks', () => {
    let c: TestClient;
    let statuses: AscpStatus[];
    before(async () => {
      ({ c, statuses } = await start(awsEnv(moto.endpoint), { checkValues: true }));
    });

    it('publishes offline diagnostics first, then flags a misspelt name of each kind with the right suggestion', async () => {
      const u = uri('class.yaml');
      const first = await c.open(u, CLASS);
      assert.deepEqual(
        codesOf(first).filter((x) => AWS_CODES.includes(x)),
        [],
        'the first publish must not wait for AWS',
      );
      const diags = await diagnosticsUntil(
        c,
        u,
        (ds) => codesOf(ds).filter((x) => x === 'object-not-found').length === 2,
      );
      const nf = diags.filter((d) => d.code === 'object-not-found');
      assert.match(
        msg(nf[0]),
        /^secret `prod\/db\/credentals` not found in us-east-1 \(did you mean `prod\/db\/credentials`\?\)/,
      );
      assert.match(
        msg(nf[1]),
        /^parameter `\/app\/db\/pasword` not found in us-east-1 \(did you mean `\/app\/db\/password`\?\)/,
      );
      assert.deepEqual(nf[0]?.range.start, posOf(CLASS, '"prod/db/credentals"'));
      assert.equal(nf[0]?.severity, 2);
      const fix = (nf[0]?.data as { fixes?: { title: string; edits: { newText: string }[] }[] }).fixes?.[0];
      assert.equal(fix?.title, 'Use prod/db/credentials');
      assert.equal(fix?.edits[0]?.newText, '"prod/db/credentials"');
      // names on the last page of each listing (more than one page of each) exist
      assert.ok(!nf.some((d) => /bulk/.test(msg(d))));
    });

    it('flags a jmesPath path that resolves to a number, reading the version the entry names', async () => {
      const diags = await diagnosticsUntil(
        c,
        uri('class.yaml'),
        (ds) => codesOf(ds).filter((x) => x === 'jmespath-not-string').length === 2,
      );
      const ns = diags.filter((d) => d.code === 'jmespath-not-string');
      assert.deepEqual(
        ns.map((d) => d.range.start),
        [posOf(CLASS, 'port'), posOf(CLASS, 'path: a', 6, 1)],
        'the port path, and `a` in the latest /app/versioned (a number) but not in the `stable` label (a string)',
      );
      for (const d of diags) assert.ok(!msg(d).includes(CANARY));
    });

    it('reports the status: profile, region, account, complete catalogs', async () => {
      const s = await statusUntil(
        statuses,
        (x) => x.state === 'ready' && x.catalogs.length === 2 && x.catalogs.every((k) => k.complete),
      );
      assert.equal(s.account, '123456789012');
      assert.equal(s.region, 'us-east-1');
      assert.equal(s.profile, 'default');
      assert.equal(s.checkValues, true);
      const counts = Object.fromEntries(s.catalogs.map((k) => [k.kind, k.count]));
      assert.ok((counts.ssmparameter ?? 0) > 60 && (counts.secretsmanager ?? 0) > 60, JSON.stringify(counts));
      assert.equal(s.problem, undefined);
    });

    it('completes names of both kinds, and paths from a JSON secret', async (t) => {
      const u = uri('complete.yaml');
      const text = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: c
spec:
  provider: aws
  parameters:
    region: us-east-1
    objects: |
      - objectName: "prod/"
      - objectName: "/app/"
        objectType: "ssmparameter"
      - objectName: "prod/db/credentials"
        objectType: "secretsmanager"
        jmesPath:
          - path: ""
            objectAlias: X
`;
      await c.open(u, text);
      const caps = c.initializeResult?.capabilities.completionProvider;
      if (!caps) return t.skip('the server offers no completion yet');
      const ask = async (needle: string, delta: number) => {
        const r = await c.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
          textDocument: { uri: u },
          position: posOf(text, needle, delta),
        });
        return Array.isArray(r) ? r : (r?.items ?? []);
      };
      const sm = (await ask('"prod/"', 6)).map((i) => i.label);
      assert.ok(sm.includes('prod/db/credentials') && sm.includes('prod/api-key'), JSON.stringify(sm));
      const ssm = (await ask('"/app/"', 6)).map((i) => i.label);
      assert.ok(
        ssm.some((l) => l.startsWith('/app/db')),
        JSON.stringify(ssm),
      );
      const paths = await ask('path: ""', 7);
      extras.push(paths);
      const labels = paths.map((i) => i.label);
      if (labels.length === 0) return t.skip('the completion handler does not ask ctx.values for paths yet');
      assert.ok(labels.includes('username') && labels.includes('nested.user'), JSON.stringify(labels));
      assert.ok(!labels.includes('port'), 'only paths to strings');
    });

    it('ascp/refreshCatalog forgets the catalog and sees a secret created since', async () => {
      const u = uri('refresh.yaml');
      const text = CLASS.replace('prod/db/credentals', 'created/later');
      await c.open(u, text);
      await diagnosticsUntil(c, u, (ds) =>
        ds.some((d) => d.code === 'object-not-found' && msg(d).includes('created/later')),
      );
      await createSecret(moto.endpoint, 'created/later', '{}');
      const r = await c.request<{ status: AscpStatus }>('ascp/refreshCatalog', {});
      assert.equal(r.status.state, 'ready');
      extras.push(r);
      await diagnosticsUntil(
        c,
        u,
        (ds) =>
          !ds.some((d) => msg(d).includes('created/later')) && ds.some((d) => d.code === 'object-not-found'),
      );
    });
  });

  it('says nothing about existence where access is denied, and says so once', async () => {
    const denier = await startFakeAws({ deny: true });
    try {
      const { c, statuses } = await start(
        awsEnv(moto.endpoint, { AWS_ENDPOINT_URL_SECRETS_MANAGER: denier.endpoint }),
      );
      const u = uri('denied.yaml');
      await c.open(u, CLASS);
      const diags = await diagnosticsUntil(c, u, (ds) => ds.some((d) => d.code === 'object-not-found'));
      assert.deepEqual(
        diags
          .filter((d) => d.code === 'object-not-found')
          .map((d) => msg(d).split(' ').slice(0, 2).join(' ')),
        ['parameter `/app/db/pasword`'],
        'only the parameter (SSM is readable); nothing about secrets',
      );
      const s = await statusUntil(statuses, (x) => x.problem?.code === 'access-denied');
      assert.equal(s.problem?.service, 'secretsmanager');
      assert.equal(s.newProblem, true);
      // edits ask again: still said once
      await c.change(u, 2, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' },
      ]);
      await c.request('ascp/refreshCatalog', {}).catch(() => undefined);
      const said = statuses.filter((x) => x.newProblem && x.problem?.code === 'access-denied').length;
      assert.ok(said >= 1 && said <= 2, `said ${said} times (once, and once more after the manual refresh)`);
      assert.equal(c.logs.filter((l) => /access denied/.test(l.message)).length, said);
      assert.ok(denier.seen.some((x) => x.includes('ListSecrets')));
    } finally {
      await denier.close();
    }
  });

  it('backs off when throttled and then checks names', async () => {
    const proxy = await startFakeAws({ target: moto.endpoint, throttle: 3, only: 'ListSecrets' });
    try {
      const { c, statuses } = await start(awsEnv(proxy.endpoint));
      const u = uri('throttled.yaml');
      await c.open(u, CLASS);
      await diagnosticsUntil(c, u, (ds) => ds.filter((d) => d.code === 'object-not-found').length === 2);
      const throttledNotices = statuses.filter((x) => x.newProblem && x.problem?.code === 'throttled');
      assert.equal(throttledNotices.length, 1, 'throttling is said once');
      const lists = proxy.arrivals.filter((_, i) => proxy.seen[i]?.includes('ListSecrets'));
      // three refused, then the listing; the pauses grow
      assert.ok(lists.length >= 4);
      const gaps = lists.slice(1, 4).map((t, i) => t - (lists[i] as number));
      assert.ok((gaps[2] as number) > (gaps[0] as number), `pauses ${JSON.stringify(gaps)} grow`);
    } finally {
      await proxy.close();
    }
  });

  it('publishes offline diagnostics when the endpoint is down, and says offline once', async () => {
    const port = await freePort();
    const { c, statuses } = await start(awsEnv(`http://127.0.0.1:${port}`));
    const u = uri('down.yaml');
    const t0 = Date.now();
    const first = await c.open(u, CLASS);
    assert.ok(Date.now() - t0 < 5000);
    assert.deepEqual(
      codesOf(first).filter((x) => AWS_CODES.includes(x)),
      [],
    );
    const s = await statusUntil(statuses, (x) => x.problem?.code === 'offline');
    assert.match(s.problem?.message ?? '', /cannot reach AWS/);
    await c.change(u, 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' },
    ]);
    assert.equal(statuses.filter((x) => x.newProblem).length, 1);
    const later = [...c.published].reverse().find((p) => p.uri === u);
    assert.deepEqual(
      codesOf(later?.diagnostics ?? []).filter((x) => AWS_CODES.includes(x)),
      [],
    );
  });

  it('without credentials: offline diagnostics, one "no credentials" status, no AWS request', async () => {
    const counter = await startFakeAws({ target: moto.endpoint });
    try {
      const env = { ...offlineEnv(), AWS_ENDPOINT_URL: counter.endpoint, AWS_REGION: 'us-east-1' };
      const { c, statuses } = await start(env);
      const u = uri('nocreds.yaml');
      await c.open(u, CLASS);
      const s = await statusUntil(statuses, (x) => x.problem?.code === 'no-credentials');
      assert.equal(s.state, 'problem');
      assert.equal(counter.seen.length, 0);
    } finally {
      await counter.close();
    }
  });

  it('makes no AWS call until a document needs one, and none when disabled', async () => {
    const counter = await startFakeAws({ target: moto.endpoint });
    try {
      const { c, statuses } = await start(awsEnv(counter.endpoint));
      await c.open(uri('plain.yaml'), 'kind: ConfigMap\nmetadata:\n  name: x\n');
      await c.open(uri('azure.yaml'), CLASS.replace('provider: aws', 'provider: azure'));
      assert.equal(counter.seen.length, 0);
      assert.deepEqual(
        statuses.map((x) => x.state),
        ['idle'],
        'nothing but the initial status before AWS is needed',
      );
      assert.ok(!c.logs.some((l) => /SDK loaded/.test(l.message)), 'the SDK is not even loaded');
      const u = uri('needs-aws.yaml');
      await c.open(u, CLASS);
      await diagnosticsUntil(c, u, (ds) => ds.some((d) => d.code === 'object-not-found'));
      assert.equal(c.logs.filter((l) => /^AWS: SDK loaded in \d+ ms$/.test(l.message)).length, 1);
      // a second counter: the first server may still be listing in the background
      const quiet = await startFakeAws({ target: moto.endpoint });
      const off = await start(awsEnv(quiet.endpoint), { enabled: false });
      const diags = await off.c.open(uri('off.yaml'), CLASS);
      assert.deepEqual(
        codesOf(diags).filter((x) => AWS_CODES.includes(x)),
        [],
      );
      const again = await off.c.change(uri('off.yaml'), 2, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' },
      ]);
      assert.deepEqual(
        codesOf(again).filter((x) => AWS_CODES.includes(x)),
        [],
      );
      assert.equal(quiet.seen.length, 0, 'the disabled server made no call');
      await quiet.close();
    } finally {
      await counter.close();
    }
  });

  it('turning AWS on (a workspace just trusted) checks the open documents at once, without an edit', async () => {
    const { c, statuses } = await start(awsEnv(moto.endpoint), { enabled: false });
    const u = uri('trusted-later.yaml');
    const diags = await c.open(u, CLASS);
    assert.deepEqual(
      codesOf(diags).filter((x) => AWS_CODES.includes(x)),
      [],
    );
    const republished = c.nextDiagnostics(u);
    await c.pushSettings({ ascp: { aws: { enabled: true } } });
    await republished;
    // no didChange from here on: the status reaches `ready` and the existence check arrives
    const s = await statusUntil(statuses, (x) => x.state === 'ready');
    assert.equal(s.profile, 'default');
    await diagnosticsUntil(c, u, (ds) => ds.some((d) => d.code === 'object-not-found'));
  });

  it('takes no region or endpoint from a document', async () => {
    const counter = await startFakeAws({ target: moto.endpoint });
    try {
      const { c } = await start(awsEnv(counter.endpoint));
      const evil = CLASS.replace('region: us-east-1', 'region: "evil.example.com#"');
      await c.open(uri('evil.yaml'), evil);
      // a valid class elsewhere proves the server is live and calling its own endpoint only
      const u = uri('good.yaml');
      await c.open(u, CLASS);
      await diagnosticsUntil(c, u, (ds) => ds.some((d) => d.code === 'object-not-found'));
      assert.ok(counter.seen.length > 0);
    } finally {
      await counter.close();
    }
  });

  describe('profiles of the shared config', () => {
    let dir: string;
    let config: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'ascp-aws-profile-'));
      const script = join(dir, 'creds.js');
      writeFileSync(
        script,
        `console.log(JSON.stringify({ Version: 1, AccessKeyId: 'testing', SecretAccessKey: 'testing', Expiration: '2999-01-01T00:00:00Z' }));`,
      );
      config = join(dir, 'config');
      writeFileSync(
        config,
        `[profile team]\nregion = us-east-1\ncredential_process = ${process.execPath} ${script}\n\n` +
          `[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n\n` +
          `[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n`,
      );
      // an SSO token that expired long ago, cached where `aws sso login` leaves it
      const cache = join(dir, 'home', '.aws', 'sso', 'cache');
      mkdirSync(cache, { recursive: true });
      writeFileSync(
        join(cache, createHash('sha1').update('corp').digest('hex') + '.json'),
        JSON.stringify({
          accessToken: 'expired',
          expiresAt: '2001-01-01T00:00:00Z',
          region: 'us-east-1',
          startUrl: 'https://example.awsapps.com/start',
        }),
      );
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    const env = () =>
      awsEnv(moto.endpoint, {
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_REGION: undefined,
        AWS_CONFIG_FILE: config,
        HOME: join(dir, 'home'),
      });

    it('uses the profile the settings name (credential_process), with its region', async () => {
      const { c, statuses } = await start(env(), { profile: 'team' });
      const u = uri('profile.yaml');
      const text = CLASS.replace('    region: us-east-1\n', '');
      await c.open(u, text);
      const diags = await diagnosticsUntil(c, u, (ds) => ds.some((d) => d.code === 'object-not-found'));
      assert.match(
        msg(diags.find((d) => d.code === 'object-not-found')),
        /not found in us-east-1 \(the class has no `region`/,
      );
      const s = await statusUntil(statuses, (x) => x.state === 'ready');
      assert.equal(s.profile, 'team');
      assert.equal(s.region, 'us-east-1');
    });

    it('says once that the SSO session has expired', async () => {
      const { c, statuses } = await start(env(), { profile: 'sso' });
      const u = uri('sso.yaml');
      await c.open(u, CLASS);
      const s = await statusUntil(statuses, (x) => x.problem?.code === 'expired-credentials');
      assert.equal(s.state, 'problem');
      assert.match(s.problem?.message ?? '', /aws sso login/);
      await c.change(u, 2, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' },
      ]);
      assert.equal(statuses.filter((x) => x.newProblem).length, 1);
      assert.deepEqual(
        codesOf([...c.published].reverse().find((p) => p.uri === u)?.diagnostics ?? []).filter((x) =>
          AWS_CODES.includes(x),
        ),
        [],
      );
    });
  });
});
