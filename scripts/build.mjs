// Bundles the CLI, the language server and the VS Code client with esbuild.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
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
