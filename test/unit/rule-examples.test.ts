// Every rule's own examples: the trigger must produce its code, the near miss must not, and neither
// may produce an error from any other rule that the example did not mean to trigger.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../server/src/core/analyze';
import { staticCatalog } from '../../server/src/core/rules/aws/catalog';
import { ALL_RULES } from '../../server/src/core/rules/registry';
import type { ExampleCatalog } from '../../server/src/core/rules/rule';

function codes(text: string, secrets?: Record<string, string>, catalog?: ExampleCatalog): string[] {
  const opts = {
    ...(secrets ? { secrets: { get: (n: string) => secrets[n] } } : {}),
    ...(catalog ? { catalog: staticCatalog(catalog) } : {}),
  };
  const [r] = analyzeWorkspace([{ id: 'example.yaml', text }], opts);
  return (r?.diagnostics ?? []).map((d) => `${d.code}:${d.severity}`);
}

describe('rule examples', () => {
  it('has unique codes', () => {
    const seen = new Set<string>();
    for (const r of ALL_RULES) {
      assert.ok(!seen.has(r.meta.code), `duplicate code ${r.meta.code}`);
      assert.match(r.meta.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      seen.add(r.meta.code);
    }
  });
  for (const rule of ALL_RULES) {
    const { code } = rule.meta;
    it(`${code}: the trigger example produces it`, () => {
      const got = codes(rule.meta.examples.trigger, rule.meta.examples.secrets, rule.meta.examples.catalog);
      assert.ok(
        got.some((c) => c.startsWith(code + ':')),
        `expected ${code}, got ${JSON.stringify(got)}`,
      );
    });
    it(`${code}: the near miss does not`, () => {
      const got = codes(rule.meta.examples.nearMiss, rule.meta.examples.secrets, rule.meta.examples.catalog);
      assert.ok(!got.some((c) => c.startsWith(code + ':')), `unexpected ${code} in ${JSON.stringify(got)}`);
      const errors = got.filter((c) => c.endsWith(':error'));
      assert.deepEqual(errors, [], 'a near miss must be a valid manifest');
    });
  }
});
