// Runs the extension-host suite (a mocha run() entry, as with @vscode/test-electron) inside
// code-server's real Node extension host, driven by headless chromium. The workbench honours
// extensionDevelopmentPath / extensionTestsPath from the ?payload= query only with the server flag
// enable-smoke-test-driver; when run() settles the extension host exits and the workbench calls
// window.codeAutomationExit(code); its log lines (the extension host's console included) go to
// window.codeAutomationLog. The suite's reporter writes one JSON record per mocha test.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser, OUT, ROOT, startCodeServer, type Tools } from './harness';

export interface MochaRecord {
  title: string;
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
  skipReason?: string;
}

export interface ExtRunOptions {
  tools: Tools;
  /** which suite files index.ts loads: ASCP_E2E_SUITE */
  suite: 'trusted' | 'untrusted';
  trusted: boolean;
  workspace: string;
  testsPath: string;
  extensionPath?: string;
  timeoutMs?: number;
  settings?: Record<string, unknown>;
  machineSettings?: Record<string, unknown>;
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export interface ExtRunResult {
  exitCode: number | 'timeout';
  records: MochaRecord[];
  output: string[];
  serverLog: string;
  seconds: number;
}

const NOISE =
  /^\[(AgentHost|ChatModelSelection|AccountPolicyGate)|ENOTFOUND open-vsx\.org|^Creating a socket|^Resolv(ing|ed) connection token|open-vsx|marketplace/;

export async function runExtensionTests(o: ExtRunOptions): Promise<ExtRunResult> {
  const t0 = Date.now();
  mkdirSync(OUT, { recursive: true });
  const resultsFile = join(OUT, `ext-results-${o.suite}.json`);
  rmSync(resultsFile, { force: true });
  const output: string[] = [];
  const say = (line: string) => {
    output.push(line);
    o.log?.(line);
  };
  const cs = await startCodeServer({
    tools: o.tools,
    trusted: o.trusted,
    settings: o.settings,
    machineSettings: o.machineSettings,
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    env: { ...o.env, ASCP_E2E_RESULTS: resultsFile, ASCP_E2E_SUITE: o.suite, ASCP_E2E_ROOT: ROOT },
  });
  let exitCode: number | 'timeout' = 1;
  let serverLog = '';
  const browser = await launchBrowser(cs.home, o.tools.CHROMIUM).catch(async (e: unknown) => {
    await cs.stop();
    throw e;
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    let resolveExit: (c: number) => void = () => undefined;
    const exited = new Promise<number>((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (c: number) => resolveExit(c));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (process.env.ASCP_E2E_VERBOSE || !NOISE.test(line)) say(line);
    });
    page.on('pageerror', (e) => say(`[pageerror] ${e.message}`));
    const remote = (p: string) => `vscode-remote://${cs.host}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(o.extensionPath ?? ROOT)],
      ['extensionTestsPath', remote(o.testsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    await page.goto(
      `${cs.url}/?folder=${encodeURIComponent(o.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    // generous: the machines are shared, and a slow run is not a failure of the extension
    const timeoutMs = o.timeoutMs ?? 900_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    exitCode = await Promise.race([
      exited,
      new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (exitCode === 'timeout')
      await page.screenshot({ path: join(OUT, `ext-${o.suite}-timeout.png`) }).catch(() => undefined);
  } finally {
    await browser.close().catch(() => undefined);
    serverLog = await cs.stop();
  }
  const records = existsSync(resultsFile)
    ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as MochaRecord[])
    : [];
  return { exitCode, records, output, serverLog, seconds: (Date.now() - t0) / 1000 };
}
