// The e2e tier's machinery: the tools (code-server 4.139.1 on Node 24, Debian chromium), a
// code-server with throw-away state, headless chromium through playwright-core, the workspace the
// tests open, and the extension-host suite compiled for the extension host.
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
  createWriteStream,
} from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';

export const ROOT = resolve(__dirname, '..', '..');
export const OUT = join(ROOT, '.test-output', 'e2e');

export interface Tools {
  CODE_SERVER_NODE: string;
  CODE_SERVER_ENTRY: string;
  CODE_SERVER_VERSION: string;
  CHROMIUM: string;
}

/** Installs (or finds, when cached) the tools; returns their paths. */
export function ensureTools(log: (s: string) => void = () => undefined): Tools {
  const t0 = Date.now();
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'e2e', 'setup-tools.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  if (r.status !== 0) throw new Error(`scripts/e2e/setup-tools.sh failed (exit ${r.status})`);
  const env: Record<string, string> = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^([A-Z_0-9]+)=(.*)$/.exec(line);
    if (m?.[1]) env[m[1]] = m[2] ?? '';
  }
  for (const k of ['CODE_SERVER_NODE', 'CODE_SERVER_ENTRY', 'CHROMIUM'])
    if (!env[k] || !existsSync(env[k])) throw new Error(`setup-tools.sh gave no usable ${k}`);
  log(`tools ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (code-server ${env.CODE_SERVER_VERSION})`);
  return env as unknown as Tools;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => res(port));
    });
  });
}

const status = (url: string) =>
  new Promise<number>((res) => {
    get(url, (r) => {
      r.resume();
      res(r.statusCode ?? 0);
    }).on('error', () => res(0));
  });

export async function waitUntil<T>(
  what: string,
  fn: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** User settings of every test profile: quiet, no AI features, no update checks. */
const BASE_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'editor.hover.delay': 150,
  'window.title': 'ascp e2e',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export interface CodeServer {
  url: string;
  host: string;
  /** the throw-away folder holding HOME, user data and extensions */
  home: string;
  stop(opts?: { keepHome?: boolean }): Promise<string>;
}

export interface StartOptions {
  tools: Tools;
  /** a packaged extension to install first */
  vsix?: string;
  /** true: --disable-workspace-trust; false: trust enabled and the workspace untrusted */
  trusted: boolean;
  settings?: Record<string, unknown>;
  /**
   * Remote (machine) settings: the extension host of code-server is remote, so `machine`-scoped
   * settings (ascp.aws.*) are read from here, not from the user settings.
   */
  machineSettings?: Record<string, unknown>;
  extraArgs?: string[];
  env?: Record<string, string>;
}

/** Starts code-server in its own process group with HOME, XDG and TMPDIR in a throw-away folder. */
export async function startCodeServer(o: StartOptions): Promise<CodeServer> {
  const home = mkdtempSync(join(tmpdir(), 'ascp-e2e-cs-'));
  const data = join(home, 'data');
  mkdirSync(join(data, 'User'), { recursive: true });
  const trust = o.trusted
    ? {}
    : {
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.banner': 'never',
        'security.workspace.trust.emptyWindow': false,
        'security.workspace.trust.untrustedFiles': 'open',
      };
  writeFileSync(
    join(data, 'User', 'settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...trust, ...o.settings }, null, 2),
  );
  if (o.machineSettings) {
    mkdirSync(join(data, 'Machine'), { recursive: true });
    writeFileSync(join(data, 'Machine', 'settings.json'), JSON.stringify(o.machineSettings, null, 2));
  }
  const common = [
    '--config',
    join(home, 'config.yaml'),
    '--user-data-dir',
    data,
    '--extensions-dir',
    join(home, 'ext'),
  ];
  const env = {
    ...process.env,
    // No test reaches AWS: no instance metadata lookups, and any SDK call goes to a closed local port.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    ...o.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'xdg-config'),
    XDG_DATA_HOME: join(home, 'xdg-data'),
    XDG_CACHE_HOME: join(home, 'xdg-cache'),
    TMPDIR: home,
  };
  if (o.vsix) {
    const r = spawnSync(
      o.tools.CODE_SERVER_NODE,
      [o.tools.CODE_SERVER_ENTRY, ...common, '--install-extension', o.vsix],
      {
        env,
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`--install-extension failed: ${r.stdout}${r.stderr}`);
  }
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const args = [
    o.tools.CODE_SERVER_ENTRY,
    ...common,
    '--bind-addr',
    host,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(o.trusted ? ['--disable-workspace-trust'] : []),
    ...(o.extraArgs ?? []),
  ];
  const cs = spawn(o.tools.CODE_SERVER_NODE, args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const logFile = join(home, 'code-server.log');
  const log = createWriteStream(logFile);
  cs.stdout.pipe(log);
  cs.stderr.pipe(log);
  const exited = new Promise<void>((r) => cs.once('exit', () => r()));
  const stop = async (opts: { keepHome?: boolean } = {}) => {
    try {
      if (cs.pid) process.kill(-cs.pid, 'SIGTERM'); // code-server, its watcher and extension hosts
    } catch {
      /* already gone */
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    try {
      if (cs.pid) process.kill(-cs.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await new Promise((r) => log.end(r));
    const { readFileSync } = await import('node:fs');
    const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    if (!opts.keepHome) rmSync(home, { recursive: true, force: true });
    return text;
  };
  try {
    await waitUntil(
      'code-server /healthz',
      async () => (await status(`http://${host}/healthz`)) === 200 || undefined,
      30000,
    );
  } catch (e) {
    const text = await stop();
    throw new Error(`code-server did not come up: ${String(e)}\n${text}`);
  }
  return { url: `http://${host}`, host, home, stop };
}

export async function launchBrowser(home: string, chromium: string): Promise<BrowserContext> {
  const { chromium: pw } = await import('playwright-core');
  return pw.launchPersistentContext(join(home, 'chromium-profile'), {
    executablePath: chromium,
    headless: true,
    viewport: { width: 1400, height: 860 },
    // Debian chromium writes under HOME even with a profile folder: keep it in the throw-away folder.
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'xdg-config'),
      XDG_CACHE_HOME: join(home, 'xdg-cache'),
    } as Record<string, string>,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh copy of the examples and the e2e fixtures: the folder the editor opens. */
export function prepareWorkspace(name: string): string {
  const ws = join(OUT, `workspace-${name}`);
  rmSync(ws, { recursive: true, force: true });
  mkdirSync(ws, { recursive: true });
  cpSync(join(ROOT, 'examples'), join(ws, 'examples'), { recursive: true });
  cpSync(join(ROOT, 'test', 'e2e', 'fixtures'), join(ws, 'fixtures'), { recursive: true });
  // A workspace trying to choose the AWS account: machine-scoped settings, so VS Code ignores them.
  mkdirSync(join(ws, '.vscode'));
  writeFileSync(
    join(ws, '.vscode', 'settings.json'),
    JSON.stringify(
      { 'ascp.aws.enabled': true, 'ascp.aws.profile': 'workspace-profile', 'ascp.aws.region': 'ap-south-1' },
      null,
      2,
    ),
  );
  return ws;
}

/** Compiles the extension-host suite (test/e2e/suite/*.ts) to CommonJS beside its dependencies. */
export async function buildSuite(): Promise<string> {
  const esbuild = await import('esbuild');
  const src = join(ROOT, 'test', 'e2e', 'suite');
  const outdir = join(ROOT, 'out', 'e2e', 'suite');
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: readdirSync(src)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(src, f)),
    outdir,
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return join(outdir, 'index.js');
}
