#!/usr/bin/env -S node --import tsx
// A stand-in "VS Code executable" for @vscode/test-electron runTests({ vscodeExecutablePath }):
// takes the arguments runTests passes (--extensionDevelopmentPath=, --extensionTestsPath=, the folder;
// Electron-only flags are ignored) and runs the suite in code-server's extension host instead.
// The tools come from the environment (CODE_SERVER_NODE, CODE_SERVER_ENTRY, CHROMIUM, passed in the
// extensionTestsEnv of runTests) or from scripts/e2e/setup-tools.sh.
// (No apostrophes in these comments: the module lexer of tsx misreads them after a shebang line.)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureTools } from './harness.ts';
import { runExtensionTests } from './run-ext-tests.ts';

let dev;
let tests;
let folder;
let trusted = false;
for (const a of process.argv.slice(2)) {
  if (a.startsWith('--extensionDevelopmentPath=')) dev ??= a.slice(a.indexOf('=') + 1);
  else if (a.startsWith('--extensionTestsPath=')) tests = a.slice(a.indexOf('=') + 1);
  else if (a === '--disable-workspace-trust') trusted = true;
  else if (!a.startsWith('-') && !folder) folder = a;
}
if (!dev || !tests) {
  console.error('need --extensionDevelopmentPath and --extensionTestsPath');
  process.exit(2);
}
if (!/\.[cm]?js$/.test(tests)) tests = join(tests, 'index.js');
const env = process.env;
const tools =
  env.CODE_SERVER_NODE && env.CODE_SERVER_ENTRY
    ? {
        CODE_SERVER_NODE: env.CODE_SERVER_NODE,
        CODE_SERVER_ENTRY: env.CODE_SERVER_ENTRY,
        CODE_SERVER_VERSION: env.CODE_SERVER_VERSION ?? '',
        CHROMIUM: env.CHROMIUM ?? '/usr/bin/chromium',
      }
    : ensureTools();
const r = await runExtensionTests({
  tools,
  suite: env.ASCP_E2E_SUITE === 'untrusted' ? 'untrusted' : 'trusted',
  trusted,
  workspace: resolve(folder ?? mkdtempSync(join(tmpdir(), 'ascp-ws-'))),
  testsPath: resolve(tests),
  extensionPath: resolve(dev),
  log: (line) => console.log(line),
});
process.exit(r.exitCode === 0 ? 0 : 1);
