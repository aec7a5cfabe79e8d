// Fetches the SARIF 2.1.0 schema fixture again from the npm registry (see test/fixtures/sarif/README.md)
// and checks that it is byte-identical to the vendored copy. Needs the npm registry; not run by tests.
//   node scripts/fetch-sarif-schema.mjs [--write]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGE = '@datadog/datadog-ci@2.48.0';
const MEMBER = 'package/dist/commands/sarif/json-schema/sarif-schema-2.1.0.json';
const SHA256 = '10666d46649b52e262001e70d43e6c52f7c0279ca3dbdfe9a7dc2e4071556454';
const TARGET = 'test/fixtures/sarif/sarif-schema-2.1.0.json';

const tmp = mkdtempSync(join(tmpdir(), 'sarif-schema-'));
try {
  const pack = spawnSync('npm', ['pack', PACKAGE, '--pack-destination', tmp, '--silent'], {
    encoding: 'utf8',
  });
  if (pack.status !== 0) throw new Error(`npm pack ${PACKAGE} failed: ${pack.stderr}`);
  const tarball = join(tmp, pack.stdout.trim().split('\n').pop());
  const tar = spawnSync('tar', ['-xzf', tarball, '-C', tmp, MEMBER]);
  if (tar.status !== 0) throw new Error(`tar could not extract ${MEMBER}: ${tar.stderr}`);
  const bytes = readFileSync(join(tmp, MEMBER));
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== SHA256) throw new Error(`unexpected SHA-256 ${sha} (want ${SHA256})`);
  const same = Buffer.compare(bytes, readFileSync(TARGET)) === 0;
  if (process.argv.includes('--write')) writeFileSync(TARGET, bytes);
  console.log(`${TARGET}: ${same ? 'identical to' : 'differs from'} ${PACKAGE} ${MEMBER} (sha256 ${sha})`);
  process.exit(same || process.argv.includes('--write') ? 0 : 1);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
