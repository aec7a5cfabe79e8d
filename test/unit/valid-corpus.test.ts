// No false positives: valid manifests (ours, written to cover every feature ASCP documents) get no
// error and no warning; every broken example gets at least one error.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../server/src/core/analyze';

const yamls = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f));

describe('valid manifests', () => {
  const files = [...yamls('test/fixtures/valid'), ...yamls('examples')];
  it('has a corpus', () => assert.ok(files.length >= 5));
  for (const f of files) {
    it(`${f} has no error or warning`, () => {
      const [r] = analyzeWorkspace([{ id: f, text: readFileSync(f, 'utf8') }]);
      const bad = (r?.diagnostics ?? []).filter((d) => d.severity === 'error' || d.severity === 'warning');
      assert.deepEqual(
        bad.map((d) => `${d.code}: ${d.message}`),
        [],
      );
      assert.ok((r?.classes.length ?? 0) > 0);
    });
  }
});

describe('broken examples', () => {
  for (const f of yamls('examples/broken')) {
    it(`${f} has errors`, () => {
      const [r] = analyzeWorkspace([{ id: f, text: readFileSync(f, 'utf8') }], {
        secrets: {
          get: (n) =>
            (JSON.parse(readFileSync('examples/offline-secrets.json', 'utf8')) as Record<string, string>)[n],
        },
      });
      assert.ok((r?.diagnostics ?? []).some((d) => d.severity === 'error'));
    });
  }
});
