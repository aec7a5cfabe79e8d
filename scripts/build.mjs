// Bundles the CLI, the language server and the VS Code client with esbuild.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // `--production` (npm run package): minified bundles for the .vsix; source maps stay beside them.
  minify: process.argv.includes('--production'),
  // The `yaml` package's platform-neutral build: the same code as its Node build, without the
  // `process.env.LOG_TOKENS` / `LOG_STREAM` debug lookups its Node build makes for every token (a
  // native getenv each, a quarter of the parse time of a large file; see docs/performance.md).
  alias: { yaml: fileURLToPath(new URL('../node_modules/yaml/browser/index.js', import.meta.url)) },
};
const entries = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
if (existsSync('server/src/lsp/main.ts')) {
  entries.push({
    entryPoints: ['server/src/lsp/main.ts'],
    outfile: 'dist/server.js',
    banner: { js: '#!/usr/bin/env node' },
  });
}
if (existsSync('client/src/extension.ts')) {
  entries.push({
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  });
}
await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
for (const e of entries) if (e.banner) chmodSync(e.outfile, 0o755);
