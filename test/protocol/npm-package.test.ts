// The npm package as a user gets it: `npm pack` (in a copy of the repository, so the build it runs
// does not touch the dist/ other tests use) and `npm install -g` of the tarball into an empty prefix.
// It must install nothing but itself (the bundles hold every library they load), ship no source map,
// make npm print no warning, and both bins must work: ascp-lint on examples/, the language server
// over stdio.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { offlineEnv, TestClient } from './lsp-client';

const ROOT = resolve(__dirname, '..', '..');
/** What the installed package may weigh (the two bundles are about 5.2 MB unminified). */
const MAX_INSTALLED_BYTES = 8 * 1024 * 1024;

/** The environment of a plain shell: no variable of the npm that runs the tests, a private cache. */
function npmEnv(cache: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(offlineEnv())) if (!/^npm_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  env.npm_config_cache = cache;
  env.npm_config_update_notifier = 'false';
  return env;
}

function walk(dir: string, base = dir): { path: string; bytes: number }[] {
  const out: { path: string; bytes: number }[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, base));
    // the bins are symlinks to the bundles: count their own size, not the bundles' again
    else out.push({ path: p.slice(base.length + 1), bytes: lstatSync(p).size });
  }
  return out;
}

describe('npm pack + npm install -g of the tarball', { timeout: 300_000 }, () => {
  let tmp = '';
  let prefix = '';
  let installed = '';
  let installOutput = '';
  let packOutput = '';

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'ascp-npm-package-'));
    const src = join(tmp, 'src');
    mkdirSync(src);
    // the working tree as it is (sources, schemas, scripts), without what builds and tests make
    const skip = new Set(['node_modules', '.git', 'dist', 'out', '.test-output', '.vscode-test']);
    for (const e of readdirSync(ROOT))
      if (!skip.has(e)) cpSync(join(ROOT, e), join(src, e), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'), 'dir');
    const env = npmEnv(join(tmp, 'cache'));
    const pack = spawnSync('npm', ['pack', '--pack-destination', tmp], { cwd: src, env, encoding: 'utf8' });
    packOutput = pack.stdout + pack.stderr;
    assert.equal(pack.status, 0, packOutput);
    const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    assert.ok(tgz, packOutput);
    prefix = join(tmp, 'prefix');
    mkdirSync(prefix);
    const inst = spawnSync(
      'npm',
      ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', join(tmp, tgz)],
      { cwd: tmp, env, encoding: 'utf8' },
    );
    installOutput = inst.stdout + inst.stderr;
    assert.equal(inst.status, 0, installOutput);
    installed = join(prefix, 'lib', 'node_modules', 'ascp-manifests');
  });
  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('packs the two bundles and the docs, without source maps, and restores package.json', () => {
    const files = walk(installed)
      .map((f) => f.path)
      .sort();
    assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/cli.js', 'dist/server.js', 'package.json']);
    assert.doesNotMatch(packOutput, /\.map\b/);
    // the copy's package.json has its `prepare` script back after the pack
    const back = JSON.parse(readFileSync(join(tmp, 'src', 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    assert.equal(back.scripts.prepare, 'node scripts/prepare.mjs');
  });

  it('installs one package, no runtime dependency, and npm warns about nothing', () => {
    assert.match(installOutput, /added 1 package\b/);
    assert.doesNotMatch(installOutput, /npm warn/i);
    const bytes = walk(prefix).reduce((n, f) => n + f.bytes, 0);
    console.log(`installed size: ${(bytes / 1024 / 1024).toFixed(2)} MiB (${bytes} bytes)`);
    assert.ok(bytes < MAX_INSTALLED_BYTES, `${bytes} bytes installed`);
    // the manifest that was installed declares nothing to install and no install-time script
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      dependencies?: object;
      scripts?: Record<string, string>;
    };
    assert.equal(pkg.dependencies, undefined);
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare'])
      assert.equal(pkg.scripts?.[s], undefined, s);
  });

  it('the installed ascp-lint checks examples/', () => {
    const bin = join(prefix, 'bin', 'ascp-lint');
    const text = spawnSync(bin, [join(ROOT, 'examples')], { encoding: 'utf8', env: offlineEnv() });
    // the broken examples have errors: exit 1, and the summary line
    assert.equal(text.status, 1, text.stderr);
    assert.match(text.stdout, /\d+ files checked: \d+ errors/);
    const json = spawnSync(bin, ['--format', 'json', join(ROOT, 'examples', 'ssm-parameter.yaml')], {
      encoding: 'utf8',
      env: offlineEnv(),
    });
    assert.equal(json.status, 0, json.stderr);
    const report = JSON.parse(json.stdout) as { files: { mounts: { path: string }[] }[] };
    assert.deepEqual(
      report.files[0]?.mounts.map((m) => m.path),
      ['/var/secrets/_test_parameter'],
    );
  });

  it('the installed ascp-language-server answers over stdio', async () => {
    const c = new TestClient({ command: [join(prefix, 'bin', 'ascp-language-server'), '--stdio'] });
    try {
      const init = await c.initialize();
      assert.equal(init.serverInfo?.name, 'ascp-language-server');
      const u = pathToFileURL(join(ROOT, 'examples', 'broken', 'objects.yaml')).toString();
      const diags = await c.open(u, readFileSync(join(ROOT, 'examples', 'broken', 'objects.yaml'), 'utf8'));
      assert.ok(
        diags.some((d) => d.code === 'object-type-invalid'),
        JSON.stringify(diags.map((d) => d.code)),
      );
    } finally {
      assert.equal(await c.stop(), 0);
    }
  });
});
