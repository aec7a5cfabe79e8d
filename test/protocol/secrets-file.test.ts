// `ascp.secretsFile` over stdio, without AWS credentials: the content rules run against the sample file
// (a misspelt key with its did-you-mean, a path to a number), editing the file re-checks open manifests
// (through the watcher the server registers, or on save for a client that cannot watch), paths outside
// the workspace folder are refused with one message, ascp/sampleSecrets builds the skeleton, the file
// wins over AWS values, and no sample value appears anywhere a client can see.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { SampleSecretsResult } from '../../server/src/shared/protocol';
import {
  announceSkip,
  awsEnv,
  createSecret,
  filesContaining,
  motoMissing,
  startMoto,
  type Moto,
} from './aws-moto';
import { CLIENT_CAPABILITIES, posOf, TestClient } from './lsp-client';

const CANARY = `CANARY-${randomBytes(6).toString('hex')}-SAMPLE`;
const CANARY_KEY_VALUE = `CANARY-${randomBytes(6).toString('hex')}-PLAIN`;

const CLASS = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app
spec:
  provider: aws
  parameters:
    region: us-east-1
    objects: |
      - objectName: "prod/db/credentials"
        objectType: "secretsmanager"
        jmesPath:
          - path: usrname
            objectAlias: DB_USER
          - path: port
            objectAlias: DB_PORT
          - path: password
            objectAlias: DB_PASSWORD
      - objectName: "/app/token"
        objectType: "ssmparameter"
        jmesPath:
          - path: token
            objectAlias: TOKEN
      - objectName: "prod/api"
        objectType: "secretsmanager"
        jmesPath:
          - path: "keys[0].id"
            objectAlias: KEY_ID
          - path: "join(',', hosts)"
            objectAlias: HOSTS
`;

/** A class only on disk: the skeleton covers the whole folder, not only the open documents. */
const OTHER = CLASS.replace('name: app', 'name: other').replace(
  /objects: \|[\s\S]*$/,
  'objects: |\n      - objectName: "other/secret"\n        objectType: "secretsmanager"\n',
);

const SAMPLE = {
  'prod/db/credentials': { username: CANARY, password: CANARY, port: 5432 },
  '/app/token': CANARY_KEY_VALUE,
};

const CONTENT = ['jmespath-no-value', 'jmespath-not-string', 'jmespath-never-string', 'secret-not-json'];
const msg = (d: Diagnostic | undefined): string =>
  d === undefined ? '' : typeof d.message === 'string' ? d.message : d.message.value;
const contentOf = (ds: Diagnostic[]) => ds.filter((d) => CONTENT.includes(d.code as string));

async function diagnosticsUntil(
  c: TestClient,
  uri: string,
  pred: (d: Diagnostic[]) => boolean,
  timeoutMs = 15000,
): Promise<Diagnostic[]> {
  const last = [...c.published].reverse().find((p) => p.uri === uri);
  if (last && pred(last.diagnostics)) return last.diagnostics;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const next = await Promise.race([
      c.nextDiagnostics(uri),
      new Promise<undefined>((r) =>
        setTimeout(() => r(undefined), Math.max(0, deadline - Date.now())).unref(),
      ),
    ]);
    if (!next) break;
    if (pred((next as PublishDiagnosticsParams).diagnostics))
      return (next as PublishDiagnosticsParams).diagnostics;
  }
  const seen = [...c.published].reverse().find((p) => p.uri === uri);
  throw new Error(`timed out; last: ${JSON.stringify(seen?.diagnostics.map((d) => [d.code, msg(d)]))}`);
}

interface Seen {
  messages: { type: number; message: string }[];
  registrations: unknown[];
}

/** Records window/showMessage notifications and client/registerCapability requests. */
function observe(c: TestClient): Seen {
  const seen: Seen = { messages: [], registrations: [] };
  c.conn.onNotification(
    'window/showMessage',
    (p: { type: number; message: string }) => void seen.messages.push(p),
  );
  c.conn.onRequest('client/registerCapability', (p: unknown) => {
    seen.registrations.push(p);
    return null;
  });
  return seen;
}

async function until(pred: () => boolean, what: string, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 100);
  }
}

describe('ascp.secretsFile over stdio (no AWS credentials)', () => {
  let root: string;
  let outside: string;
  const clients: TestClient[] = [];
  const seens: Seen[] = [];
  const answers: unknown[] = [];
  const classUri = () => pathToFileURL(join(root, 'k8s', 'class.yaml')).href;
  const samplePath = () => join(root, 'secrets', 'sample.json');

  const start = async (settings: Record<string, unknown>, capabilities: unknown = CLIENT_CAPABILITIES) => {
    const c = new TestClient({ root, settings: { ascp: settings }, capabilities });
    const seen = observe(c);
    clients.push(c);
    seens.push(seen);
    await c.initialize();
    return { c, seen };
  };

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ascp-secrets-file-'));
    outside = mkdtempSync(join(tmpdir(), 'ascp-secrets-outside-'));
    mkdirSync(join(root, 'secrets'));
    mkdirSync(join(root, 'k8s'));
    writeFileSync(samplePath(), JSON.stringify(SAMPLE, null, 2));
    writeFileSync(join(outside, 'sample.json'), JSON.stringify(SAMPLE));
    symlinkSync(join(outside, 'sample.json'), join(root, 'secrets', 'link.json'));
    symlinkSync(outside, join(root, 'linked-dir'));
    writeFileSync(join(root, 'k8s', 'class.yaml'), CLASS);
    writeFileSync(join(root, 'k8s', 'other.yaml'), OTHER);
  });

  after(async () => {
    for (const c of clients) {
      assert.equal(await c.stop(), 0);
      assert.deepEqual(c.errorsLogged(), []);
    }
    const all =
      clients.map((c) => JSON.stringify({ logs: c.logs, published: c.published }) + c.stderr).join('\n') +
      JSON.stringify({ seens, answers });
    for (const v of [CANARY, CANARY_KEY_VALUE])
      assert.ok(!all.includes(v), 'a sample value leaked to the client');
    assert.deepEqual(filesContaining('.test-output', [CANARY, CANARY_KEY_VALUE]), []);
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  describe('a client that watches files', () => {
    let c: TestClient;
    let seen: Seen;
    before(async () => {
      ({ c, seen } = await start({ secretsFile: 'secrets/sample.json' }));
    });

    it('reports a misspelt key at its path with the right did-you-mean, and a path to a number', async () => {
      await c.open(classUri(), CLASS);
      const ds = contentOf(await diagnosticsUntil(c, classUri(), (x) => contentOf(x).length >= 3));
      const noValue = ds.filter((d) => d.code === 'jmespath-no-value');
      assert.equal(noValue.length, 1, JSON.stringify(ds.map((d) => [d.code, msg(d)])));
      assert.deepEqual(noValue[0]?.range.start, posOf(CLASS, 'usrname'));
      assert.match(msg(noValue[0]), /did you mean `username`\?/);
      const notString = ds.filter((d) => d.code === 'jmespath-not-string');
      assert.deepEqual(
        notString.map((d) => d.range.start),
        [posOf(CLASS, 'port')],
      );
      // `/app/token` is a plain string: jmesPath on it cannot work
      const notJson = ds.filter((d) => d.code === 'secret-not-json');
      assert.equal(notJson.length, 1);
      assert.match(msg(notJson[0]), /\/app\/token/);
      // `prod/api` is not in the sample: nothing is said about it
      assert.ok(!ds.some((d) => d.range.start.line >= posOf(CLASS, 'prod/api').line));
      assert.deepEqual(seen.messages, [], 'a usable file is no news');
    });

    it('asks the client to watch the file', async () => {
      await until(() => JSON.stringify(seen.registrations).includes('sample.json'), 'the watcher');
      const text = JSON.stringify(seen.registrations);
      assert.match(text, /workspace\/didChangeWatchedFiles/);
      assert.match(text, /"pattern":"secrets\/sample\.json"|sample\.json"/);
    });

    it('checks the open manifests again when the file changes', async () => {
      writeFileSync(
        samplePath(),
        JSON.stringify({
          ...SAMPLE,
          'prod/db/credentials': { usrname: CANARY, password: CANARY, port: '5432' },
        }),
      );
      await c.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(samplePath()).href, type: 2 }],
      });
      const ds = await diagnosticsUntil(
        c,
        classUri(),
        (x) => !x.some((d) => d.code === 'jmespath-no-value' || d.code === 'jmespath-not-string'),
      );
      assert.equal(contentOf(ds).length, 1, 'only secret-not-json is left');
      writeFileSync(samplePath(), JSON.stringify(SAMPLE, null, 2));
      await c.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(samplePath()).href, type: 2 }],
      });
      await diagnosticsUntil(c, classUri(), (x) => contentOf(x).length >= 3);
    });

    it('builds the skeleton of the sample file from the workspace (ascp/sampleSecrets)', async () => {
      const r = await c.request<SampleSecretsResult>('ascp/sampleSecrets', { uri: classUri() });
      answers.push(r);
      assert.equal(r.target, pathToFileURL(samplePath()).href);
      assert.equal(r.refused, undefined);
      assert.equal(r.objects, 4);
      assert.deepEqual(JSON.parse(r.content), {
        'prod/db/credentials': { usrname: '<usrname>', port: '<port>', password: '<password>' },
        '/app/token': { token: '<token>' },
        'prod/api': { keys: [{ id: '<id>' }] },
        'other/secret': '<sample>',
      });
      assert.deepEqual(
        r.skipped.map((s) => [s.objectName, s.path]),
        [['prod/api', "join(',', hosts)"]],
      );
      assert.match(r.skipped[0]?.reason ?? '', /not a plain key path/);
    });
  });

  it('answers ascp/sampleSecrets right after initialize with the whole folder (it waits for the index)', async () => {
    const { c } = await start({ secretsFile: 'secrets/sample.json' });
    const r = await c.request<SampleSecretsResult>('ascp/sampleSecrets', {});
    answers.push(r);
    assert.deepEqual(Object.keys(JSON.parse(r.content) as object).sort(), [
      '/app/token',
      'other/secret',
      'prod/api',
      'prod/db/credentials',
    ]);
  });

  describe('a client that cannot watch files', () => {
    it('reads the file again on save', async () => {
      const caps = {
        ...CLIENT_CAPABILITIES,
        workspace: {
          ...CLIENT_CAPABILITIES.workspace,
          didChangeWatchedFiles: { dynamicRegistration: false },
        },
      };
      writeFileSync(samplePath(), JSON.stringify(SAMPLE, null, 2));
      const { c, seen } = await start({ secretsFile: 'secrets/sample.json' }, caps);
      await c.open(classUri(), CLASS);
      await diagnosticsUntil(c, classUri(), (x) => contentOf(x).length >= 3);
      writeFileSync(
        samplePath(),
        JSON.stringify({ ...SAMPLE, 'prod/db/credentials': { usrname: 'x', password: 'y', port: 'z' } }),
      );
      await c.conn.sendNotification('textDocument/didSave', { textDocument: { uri: classUri() } });
      await diagnosticsUntil(c, classUri(), (x) => !x.some((d) => d.code === 'jmespath-no-value'));
      assert.ok(!JSON.stringify(seen.registrations).includes('sample.json'));
      writeFileSync(samplePath(), JSON.stringify(SAMPLE, null, 2));
    });
  });

  describe('a path that does not stay inside the workspace folder', () => {
    for (const [what, setting, problem] of [
      ['`..`', '../outside.json', /is outside the workspace folder/],
      ['an absolute path elsewhere', '/etc/hostname', /is outside the workspace folder/],
      ['a symbolic link to a file elsewhere', 'secrets/link.json', /through a symbolic link/],
      ['a symbolic link to a directory elsewhere', 'linked-dir/sample.json', /through a symbolic link/],
    ] as const) {
      it(`refuses ${what} with one message and checks nothing against it`, async () => {
        const { c, seen } = await start({ secretsFile: setting });
        const ds = await c.open(classUri(), CLASS);
        await until(() => seen.messages.length > 0, 'the message');
        await c.conn.sendNotification('textDocument/didSave', { textDocument: { uri: classUri() } });
        await c.pushSettings({ ascp: { secretsFile: setting, codeLens: false } });
        const again = await c.change(classUri(), 2, [{ text: CLASS + '\n' }]);
        assert.equal(seen.messages.length, 1, JSON.stringify(seen.messages));
        assert.equal(seen.messages[0]?.type, 2, 'a warning');
        assert.match(
          seen.messages[0]?.message ?? '',
          new RegExp(`^ascp\\.secretsFile "${setting.replace(/[.*/]/g, '\\$&')}" `),
        );
        assert.match(seen.messages[0]?.message ?? '', problem);
        assert.deepEqual(contentOf([...ds, ...again]), []);
        const r = await c.request<SampleSecretsResult>('ascp/sampleSecrets', { uri: classUri() });
        answers.push(r);
        assert.equal(r.target, undefined);
        assert.match(r.refused ?? '', problem);
        await c.stop();
        clients.splice(clients.indexOf(c), 1);
      });
    }

    it('starts using the file once the setting points inside', async () => {
      writeFileSync(samplePath(), JSON.stringify(SAMPLE, null, 2));
      const { c, seen } = await start({ secretsFile: '../outside.json' });
      await c.open(classUri(), CLASS);
      await until(() => seen.messages.length > 0, 'the message');
      await c.pushSettings({ ascp: { secretsFile: 'secrets/sample.json' } });
      // asked at once, ascp/sampleSecrets already knows the new setting
      const r = await c.request<SampleSecretsResult>('ascp/sampleSecrets', { uri: classUri() });
      answers.push(r);
      assert.equal(r.target, pathToFileURL(samplePath()).href);
      await diagnosticsUntil(c, classUri(), (x) => contentOf(x).length >= 3);
    });
  });
});

const missing = motoMissing();
if (missing) announceSkip(missing);

describe('ascp.secretsFile beside AWS values (moto)', { skip: missing }, () => {
  let moto: Moto;
  let root: string;
  let c: TestClient;
  before(async () => {
    moto = await startMoto();
    // AWS: port is a number, and `prod/api` exists; the file says port is a string and knows no `prod/api`
    await createSecret(
      moto.endpoint,
      'prod/db/credentials',
      JSON.stringify({ username: CANARY, port: 5432 }),
    );
    await createSecret(moto.endpoint, 'prod/api', JSON.stringify({ keys: [{ id: 7 }], hosts: ['a'] }));
    root = mkdtempSync(join(tmpdir(), 'ascp-secrets-aws-'));
    writeFileSync(
      join(root, 'sample.json'),
      JSON.stringify({ 'prod/db/credentials': { usrname: 'x', password: 'y', port: '5432' } }),
    );
    c = new TestClient({
      root,
      env: awsEnv(moto.endpoint),
      settings: { ascp: { secretsFile: 'sample.json', aws: { checkValues: true } } },
    });
    await c.initialize();
  });
  after(async () => {
    assert.equal(await c.stop(), 0);
    const all = JSON.stringify({ logs: c.logs, published: c.published }) + c.stderr;
    assert.ok(!all.includes(CANARY));
    rmSync(root, { recursive: true, force: true });
    await moto.stop();
  });

  it('takes the file for the objects it names and AWS for the others', async () => {
    const uri = pathToFileURL(join(root, 'class.yaml')).href;
    await c.open(uri, CLASS);
    // AWS's value of prod/api arrives after the offline publish: keys[0].id is a number there
    const ds = await diagnosticsUntil(c, uri, (x) =>
      x.some(
        (d) => d.code === 'jmespath-not-string' && d.range.start.line === posOf(CLASS, 'keys[0].id').line,
      ),
    );
    const onDb = ds.filter(
      (d) =>
        CONTENT.includes(d.code as string) &&
        d.range.start.line > posOf(CLASS, 'prod/db/credentials').line &&
        d.range.start.line < posOf(CLASS, '/app/token').line,
    );
    // the file's shape: usrname and password exist and port is a string; AWS's would flag all three
    assert.deepEqual(
      onDb.map((d) => [d.code, msg(d)]),
      [],
    );
  });
});
