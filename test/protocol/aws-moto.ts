// Test helpers for the AWS tier: moto_server (a local AWS emulator, moto 5.x in the machine's
// python3) on 127.0.0.1 at a free port, readiness by polling (no fixed sleeps), seeding through the
// real SDK, and stopping by process group; small local HTTP endpoints that deny, throttle or slow
// down requests (real HTTP, not SDK mocks); and the canary value every test searches for.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { LabelParameterVersionCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** A value planted in secrets; no log, message, output or artifact may ever contain it. */
export const CANARY = `CANARY-${randomBytes(6).toString('hex')}-VALUE`;
export const CANARY_PLAIN = `CANARY-${randomBytes(6).toString('hex')}-PLAIN`;

export const ACCOUNT = '123456789012';

/** Why moto cannot run here, or undefined when it can. */
export function motoMissing(): string | undefined {
  const py = process.env.MOTO_PYTHON ?? 'python3';
  const r = spawnSync(py, ['-c', 'import moto, moto.server, flask; print(moto.__version__)'], {
    encoding: 'utf8',
  });
  if (r.status === 0) return undefined;
  return `moto is not importable by ${py} (${(r.stderr || String(r.error ?? '')).trim().split('\n').pop()}): the AWS tests need moto_server (pip install 'moto[server]')`;
}

/** Loudly says why a test file is skipped. */
export function announceSkip(reason: string): void {
  process.stderr.write(`\n!!! SKIPPING AWS TESTS: ${reason} !!!\n\n`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createTcpServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitUntil(ok: () => Promise<boolean>, timeoutMs: number, what: string, alive?: () => boolean) {
  const deadline = Date.now() + timeoutMs;
  let delay = 20;
  while (Date.now() < deadline) {
    if (alive && !alive()) throw new Error(`${what}: the process exited`);
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 200);
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms`);
}

function httpGet(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
    req.end();
  });
}

export interface Moto {
  port: number;
  endpoint: string;
  log(): string;
  stop(): Promise<void>;
}

export async function startMoto(): Promise<Moto> {
  const py = process.env.MOTO_PYTHON ?? 'python3';
  const port = await freePort();
  let out = '';
  const proc: ChildProcess = spawn(py, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  let exited = false;
  const done = new Promise<void>((r) =>
    proc.on('exit', () => {
      exited = true;
      r();
    }),
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited && proc.pid) {
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      const t = setTimeout(() => {
        try {
          if (proc.pid) process.kill(-proc.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 3000);
      await done;
      clearTimeout(t);
    }
  };
  try {
    await waitUntil(
      async () => (await httpGet(`${endpoint}/moto-api/`)) === 200,
      30000,
      'moto_server',
      () => !exited,
    );
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n${out}`);
  }
  return { port, endpoint, log: () => out, stop };
}

/** The environment a server (or the CLI) gets to talk to `endpoint` with dummy credentials only. */
export function awsEnv(endpoint: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  Object.assign(env, {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  });
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) Reflect.deleteProperty(env, k);
    else env[k] = v;
  }
  return env;
}

function clients(endpoint: string, region = 'us-east-1') {
  const cfg = { endpoint, region, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
  return { ssm: new SSMClient(cfg), sm: new SecretsManagerClient(cfg) };
}

async function inParallel<T>(items: T[], n: number, fn: (t: T) => Promise<unknown>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await fn(items[i++] as T);
    }),
  );
}

export const BULK = 60;
export const DB_SECRET = {
  username: 'app',
  password: CANARY,
  host: 'db.internal',
  port: 5432,
  nested: { user: 'x' },
};

/**
 * The standard data set (us-east-1): parameters String, StringList, SecureString, hierarchical,
 * versions and a label; secrets JSON and plain, versions and stages; more than a page of each.
 */
export async function seedStandard(endpoint: string): Promise<void> {
  const { ssm, sm } = clients(endpoint);
  const put = (
    Name: string,
    Value: string,
    Type: 'String' | 'StringList' | 'SecureString',
    Overwrite = false,
  ) => ssm.send(new PutParameterCommand({ Name, Value, Type, Overwrite, Description: `test ${Name}` }));
  await put('/app/db/host', 'db.internal', 'String');
  await put('/app/db/password', CANARY, 'SecureString');
  await put('/app/db/config', JSON.stringify({ user: 'app', port: 5432, secret: CANARY }), 'SecureString');
  await put('/app/feature/flags', 'a,b,c', 'StringList');
  await put('/app/versioned', JSON.stringify({ a: 'x' }), 'String');
  await put('/app/versioned', JSON.stringify({ a: 1 }), 'String', true);
  await ssm.send(
    new LabelParameterVersionCommand({ Name: '/app/versioned', ParameterVersion: 1, Labels: ['stable'] }),
  );
  await put('plain-param', 'v', 'String');
  await sm.send(
    new CreateSecretCommand({
      Name: 'prod/db/credentials',
      SecretString: JSON.stringify(DB_SECRET),
      Description: 'db',
    }),
  );
  await sm.send(new CreateSecretCommand({ Name: 'prod/api-key', SecretString: CANARY_PLAIN }));
  await sm.send(
    new CreateSecretCommand({ Name: 'prod/rotating', SecretString: JSON.stringify({ key: 'old' }) }),
  );
  const v2 = await sm.send(
    new PutSecretValueCommand({ SecretId: 'prod/rotating', SecretString: JSON.stringify({ key: 2 }) }),
  );
  if (v2.VersionId)
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: 'prod/rotating',
        VersionStage: 'beta',
        MoveToVersionId: v2.VersionId,
      }),
    );
  const n = (i: number) => String(i).padStart(3, '0');
  await inParallel(
    Array.from({ length: BULK }, (_, i) => i),
    6,
    async (i) => {
      await put(`/bulk/p${n(i)}`, `v${i}`, 'String');
      await sm.send(new CreateSecretCommand({ Name: `bulk/s${n(i)}`, SecretString: `v${i}` }));
    },
  );
  ssm.destroy();
  sm.destroy();
}

export async function createSecret(endpoint: string, name: string, value: string): Promise<void> {
  const { sm } = clients(endpoint);
  await sm.send(new CreateSecretCommand({ Name: name, SecretString: value }));
  sm.destroy();
}

export async function putParameter(endpoint: string, name: string, value: string): Promise<void> {
  const { ssm } = clients(endpoint);
  await ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: 'String' }));
  ssm.destroy();
}

// ---- local HTTP endpoints in front of (or instead of) moto ----

export interface FakeAws {
  endpoint: string;
  /** requests seen, by X-Amz-Target (e.g. secretsmanager.ListSecrets) */
  seen: string[];
  /** most requests in flight at once */
  maxInFlight: number;
  /** when each request arrived (ms since start) */
  arrivals: number[];
  close(): Promise<void>;
}

export interface FakeOptions {
  /** forward here (moto) unless denied/throttled */
  target?: string;
  /** answer every request with AccessDeniedException */
  deny?: boolean;
  /** answer the first N requests (matching `only`, when given) with ThrottlingException */
  throttle?: number;
  /** only these targets are throttled/denied (X-Amz-Target substring) */
  only?: string;
  /** delay every answer this long */
  delayMs?: number;
}

function awsError(res: ServerResponse, type: string, message: string): void {
  const body = JSON.stringify({ __type: type, message });
  res.writeHead(400, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-errortype': type,
    'x-amzn-requestid': randomBytes(8).toString('hex'),
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

export async function startFakeAws(o: FakeOptions): Promise<FakeAws> {
  const t0 = Date.now();
  let inFlight = 0;
  let throttled = 0;
  const state: FakeAws = {
    endpoint: '',
    seen: [],
    maxInFlight: 0,
    arrivals: [],
    close: async () => undefined,
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? req.url ?? '');
      state.seen.push(target);
      state.arrivals.push(Date.now() - t0);
      inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      const finish = () => {
        inFlight--;
      };
      const matches = !o.only || target.includes(o.only);
      const go = () => {
        if (o.deny && matches) {
          awsError(
            res,
            'AccessDeniedException',
            `User: arn:aws:iam::${ACCOUNT}:user/test is not authorized to perform: ${target}`,
          );
          return finish();
        }
        if (o.throttle !== undefined && matches && throttled < o.throttle) {
          throttled++;
          awsError(res, 'ThrottlingException', 'Rate exceeded');
          return finish();
        }
        if (!o.target) {
          awsError(res, 'InternalFailure', 'no target');
          return finish();
        }
        const url = new URL(req.url ?? '/', o.target);
        const fwd = request(
          url,
          { method: req.method, headers: { ...req.headers, host: url.host } },
          (up) => {
            res.writeHead(up.statusCode ?? 500, up.headers);
            up.pipe(res);
            up.on('end', finish);
          },
        );
        fwd.on('error', () => {
          res.destroy();
          finish();
        });
        fwd.end(Buffer.concat(chunks));
      };
      if (o.delayMs) setTimeout(go, o.delayMs);
      else go();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  state.endpoint = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  state.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}

/** Files under `dir` (recursively) whose text contains `needle`. */
export function filesContaining(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  if (!existsSync(dir)) return hits;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.size < 50 * 1024 * 1024) {
        const text = readFileSync(p, 'latin1');
        if (needles.some((n) => text.includes(n))) hits.push(p);
      }
    }
  };
  walk(dir);
  return hits;
}
