// Every rule code has its page, and the pages say what the rules' metadata says today.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../server/src/core/rules/registry';
import { docsUrl } from '../../server/src/core/rules/rule';
import { renderIndex, renderRulePage } from '../../scripts/rule-docs';

describe('rule documentation', () => {
  for (const rule of ALL_RULES) {
    it(`${rule.meta.code} has a current page`, () => {
      const path = `docs/rules/${rule.meta.code}.md`;
      assert.ok(existsSync(path), `${path} is missing: run npm run docs`);
      assert.equal(readFileSync(path, 'utf8'), renderRulePage(rule), `${path} is stale: run npm run docs`);
      assert.ok(docsUrl(rule.meta.code).endsWith(`/docs/rules/${rule.meta.code}.md`));
    });
  }
  it('has a current index', () => {
    assert.equal(readFileSync('docs/rules/README.md', 'utf8'), renderIndex(ALL_RULES));
  });
});
