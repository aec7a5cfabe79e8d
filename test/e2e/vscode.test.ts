// The e2e tier: the extension in a real VS Code (code-server 4.139.1 on Node 24, driven by Debian's
// chromium). One code-server run per extension-host suite (trusted, then untrusted workspace) and one
// for the UI test of the packaged .vsix. Each mocha test in the extension host and each UI step is
// reported as one node:test test, so "N passed, N failed" counts them. ASCP_E2E=skip skips the tier;
// ASCP_E2E_ONLY=trusted,untrusted,ui runs only those parts (for development).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ServerCapabilities } from 'vscode-languageserver-protocol';
import { buildSuite, ensureTools, OUT, prepareWorkspace, ROOT, type Tools } from '../../scripts/e2e/harness';
import { runExtensionTests, type ExtRunResult } from '../../scripts/e2e/run-ext-tests';
import { runUiTest } from '../../scripts/e2e/ui';
import { createSecret, motoMissing, putParameter, startMoto, type Moto } from '../protocol/aws-moto';
import { TestClient } from '../protocol/lsp-client';

const log = (s: string) => console.log(`[e2e] ${s}`);
const tail = (s: string, n = 60) => s.split('\n').slice(-n).join('\n');

function declareExtensionResults(name: string, r: ExtRunResult): void {
  describe(name, () => {
    if (r.records.length === 0) {
      it('the extension-host suite ran', () => {
        throw new Error(
          `no mocha result (exit ${r.exitCode}).\n--- extension host output ---\n${tail(r.output.join('\n'))}\n--- code-server log ---\n${tail(r.serverLog)}`,
        );
      });
      return;
    }
    for (const rec of r.records) {
      const skip = rec.state === 'pending' ? (rec.skipReason ?? 'skipped in the extension host') : false;
      it(rec.title, { skip }, () => {
        if (rec.state === 'failed') throw new Error(`${rec.fullTitle}: ${rec.error ?? 'failed'}`);
      });
    }
    if (r.exitCode !== 0 && r.records.every((x) => x.state !== 'failed'))
      it('the extension host exited cleanly', () => {
        throw new Error(
          `exit ${r.exitCode}\n${tail(r.output.join('\n'))}\n--- code-server log ---\n${tail(r.serverLog)}`,
        );
      });
  });
}

async function serverCapabilities(): Promise<ServerCapabilities> {
  const c = new TestClient();
  try {
    return (await c.initialize()).capabilities;
  } finally {
    await c.stop();
  }
}

describe('VS Code extension in code-server', { timeout: 30 * 60_000 }, async () => {
  if (process.env.ASCP_E2E === 'skip') {
    it('e2e tier', { skip: 'ASCP_E2E=skip' }, () => undefined);
    return;
  }
  const timings: Record<string, number> = {};
  const lap = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    const t0 = Date.now();
    try {
      return await fn();
    } finally {
      timings[name] = (Date.now() - t0) / 1000;
      log(`${name}: ${timings[name].toFixed(1)} s`);
    }
  };
  const t0 = Date.now();
  let tools: Tools;
  let vsix: string;
  let suitePath: string;
  let caps: ServerCapabilities;
  try {
    tools = await lap('tools', () => ensureTools(log));
    vsix = join(OUT, 'ascp-manifests.vsix');
    await lap('package', () => {
      mkdirSync(OUT, { recursive: true });
      const r = spawnSync('npm', ['run', 'package', '--', '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}${r.stderr}`);
      log(r.stdout.trim().split('\n').pop() ?? '');
    });
    suitePath = await lap('suite build', () => buildSuite());
    caps = await serverCapabilities();
  } catch (e) {
    it('prepares the e2e run (tools, .vsix, suite)', () => {
      throw e;
    });
    return;
  }
  const only = (part: string) =>
    !process.env.ASCP_E2E_ONLY || process.env.ASCP_E2E_ONLY.split(',').includes(part);
  const trustedWs = prepareWorkspace('trusted');
  const awsEnv = (ws: string) => ({
    AWS_CONFIG_FILE: join(ws, 'fixtures', 'aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(ws, 'fixtures', 'aws', 'no-credentials'),
  });
  if (only('trusted')) {
    const trusted = await lap('extension host (trusted)', () =>
      runExtensionTests({
        tools,
        suite: 'trusted',
        trusted: true,
        workspace: trustedWs,
        testsPath: suitePath,
        env: awsEnv(trustedWs),
        log,
      }),
    );
    declareExtensionResults('extension host: trusted workspace', trusted);
  }

  if (only('untrusted')) {
    const untrustedWs = prepareWorkspace('untrusted');
    const untrusted = await lap('extension host (untrusted)', () =>
      runExtensionTests({
        tools,
        suite: 'untrusted',
        trusted: false,
        workspace: untrustedWs,
        testsPath: suitePath,
        env: awsEnv(untrustedWs),
        machineSettings: {
          'ascp.aws.enabled': true,
          'ascp.aws.checkValues': true,
          'ascp.aws.profile': 'user-profile',
        },
        log,
      }),
    );
    declareExtensionResults('extension host: untrusted workspace (Restricted Mode)', untrusted);
  }

  if (only('ui')) {
    // moto_server as AWS for the status with AWS, seeded with what fixtures/split/secrets.yaml names
    const noMoto = motoMissing();
    let moto: Moto | undefined;
    if (!noMoto) {
      moto = await startMoto();
      await createSecret(moto.endpoint, 'prod/split/db', JSON.stringify({ username: 'u', password: 'p' }));
      await putParameter(moto.endpoint, '/split/api-key', 'k');
    }
    const ui = await lap('UI test', () =>
      runUiTest({
        tools,
        vsix,
        workspace: prepareWorkspace('ui'),
        hoverImplemented: !!caps.hoverProvider,
        log,
        ...(moto ? { awsEndpoint: moto.endpoint } : {}),
      }),
    ).finally(() => moto?.stop());
    describe('UI: the packaged .vsix in code-server and chromium', () => {
      if (noMoto) it('the status with AWS (moto)', { skip: noMoto }, () => undefined);
      for (const s of ui.steps)
        it(s.name, { skip: s.skipReason ?? false }, () => {
          if (!s.ok)
            throw new Error(`${s.error ?? 'failed'}\n--- code-server log ---\n${tail(ui.serverLog, 30)}`);
        });
    });
    if (process.env.ASCP_E2E_UPDATE_DOCS === '1') {
      mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
      for (const p of ui.screenshots)
        copyFileSync(p, join(ROOT, 'docs', 'images', `vscode-${p.split('/').pop() ?? ''}`));
    }
  }
  timings.total = (Date.now() - t0) / 1000;
  writeFileSync(join(OUT, 'timings.json'), JSON.stringify(timings, null, 2));
  log(`timings: ${JSON.stringify(timings)}`);
});
