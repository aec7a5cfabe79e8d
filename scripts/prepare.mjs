// npm's `prepare` step: builds dist/ (the CLI and language server) after `npm install` / `npm ci`, and
// when the package is installed from git, e.g. by pre-commit (`npm install -g git+file://...`, see
// .pre-commit-hooks.yaml). npm runs that git preparation with the global install's settings
// inherited, so the devDependencies the build needs may be missing: then install them here, locally
// and without scripts (no recursion into this step), and build.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function hasEsbuild() {
  try {
    await import('esbuild');
    return true;
  } catch {
    return false;
  }
}

if (!(await hasEsbuild())) {
  const r = spawnSync(
    'npm',
    [
      'install',
      '--global=false',
      `--prefix=${root}`,
      '--include=dev',
      '--ignore-scripts',
      '--no-save',
      '--no-audit',
      '--no-fund',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
process.exit(b.status ?? 1);
