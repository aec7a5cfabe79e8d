// npm's `prepack` and `postpack` steps (`npm pack`, `npm publish`). The tarball holds the two bundles
// (dist/cli.js and dist/server.js, which contain every library they load) and a package.json without
// the `prepare` script: `prepare` builds dist/ from the sources, which an install from git needs (see
// scripts/prepare.mjs) but an install of the tarball does not, and npm warns about it there.
//   prepack: build dist/, keep package.json aside, write it without `scripts.prepare`;
//   postpack: put the original back.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = join(root, 'package.json');
const kept = join(root, 'package.json.prepack');
const step = process.argv[2];

if (step === 'prepack') {
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (b.status !== 0) process.exit(b.status ?? 1);
  // an earlier pack that stopped half-way left the original aside: that one is the truth
  if (!existsSync(kept)) renameSync(manifest, kept);
  const text = readFileSync(kept, 'utf8');
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  const indent = /^\{\r?\n([ \t]+)/.exec(text)?.[1] ?? '  ';
  writeFileSync(manifest, JSON.stringify(pkg, null, indent) + '\n');
} else if (step === 'postpack') {
  if (existsSync(kept)) renameSync(kept, manifest);
} else {
  console.error('usage: node scripts/pack-manifest.mjs prepack|postpack');
  process.exit(2);
}
