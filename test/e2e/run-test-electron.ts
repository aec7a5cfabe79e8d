// The usual @vscode/test-electron entry point for the extension-host suite, for desktop VS Code:
//   npx tsx test/e2e/run-test-electron.ts                 downloads VS Code (ASCP_VSCODE_VERSION,
//                                                         default the minimum, 1.91.0) and runs the suite
//   npx tsx test/e2e/run-test-electron.ts --code-server   same runTests() call, but the "executable" is
//                                                         code-server (for machines that cannot download)
// `npm test` runs the same suite through test/e2e/vscode.test.ts instead.
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildSuite, ensureTools, OUT, prepareWorkspace, ROOT } from '../../scripts/e2e/harness';

async function main(): Promise<void> {
  const viaCodeServer = process.argv.includes('--code-server');
  const extensionTestsPath = await buildSuite();
  const workspace = prepareWorkspace('test-electron');
  const env: Record<string, string> = {
    ASCP_E2E_SUITE: 'trusted',
    ASCP_E2E_RESULTS: join(OUT, 'ext-results-test-electron.json'),
    AWS_CONFIG_FILE: join(workspace, 'fixtures', 'aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(workspace, 'fixtures', 'aws', 'no-credentials'),
  };
  if (viaCodeServer) {
    const tools = ensureTools((s) => console.log(s));
    Object.assign(env, tools);
  }
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath,
    launchArgs: [workspace, '--disable-workspace-trust', '--disable-extensions'],
    extensionTestsEnv: env,
    ...(viaCodeServer
      ? { vscodeExecutablePath: join(ROOT, 'scripts', 'e2e', 'code-server-as-vscode.mjs') }
      : { version: process.env.ASCP_VSCODE_VERSION ?? '1.91.0' }),
  });
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error('extension tests failed:', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
