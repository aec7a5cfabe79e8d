// Every rule says which message it predicts and where that behaviour comes from, and every rule that
// predicts a message quotes it: its trigger example's diagnostic contains the message's fixed text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../server/src/core/analyze';
import { staticCatalog } from '../../server/src/core/rules/aws/catalog';
import { ALL_RULES } from '../../server/src/core/rules/registry';
import type { Rule } from '../../server/src/core/rules/rule';

const NO_ERROR = '(no error) ';
const MIN_FIXED = 10;

/** The literal parts of a predicted message, around its `<placeholders>` (which may nest). */
function literalParts(predicts: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of predicts) {
    if (ch === '<') {
      if (depth === 0) {
        parts.push(cur);
        cur = '';
      }
      depth++;
    } else if (ch === '>' && depth > 0) depth--;
    else if (depth === 0) cur += ch;
  }
  parts.push(cur);
  return parts;
}

/**
 * The fixed text a diagnostic must quote: the part before the first placeholder, or, when the message
 * starts with (or soon reaches) a placeholder, its first literal part of at least MIN_FIXED characters.
 */
function fixedText(predicts: string): string | undefined {
  const parts = literalParts(predicts);
  const prefix = parts[0] ?? '';
  if (prefix.length >= MIN_FIXED) return prefix;
  return parts.find((p) => p.length >= MIN_FIXED);
}

function triggerMessages(rule: Rule): string[] {
  const { trigger, secrets, catalog } = rule.meta.examples;
  const [r] = analyzeWorkspace([{ id: 'example.yaml', text: trigger }], {
    ...(secrets ? { secrets: { get: (n: string) => secrets[n] } } : {}),
    ...(catalog ? { catalog: staticCatalog(catalog) } : {}),
  });
  return (r?.diagnostics ?? []).filter((d) => d.code === rule.meta.code).map((d) => d.message);
}

describe('rule metadata', () => {
  it('finds the fixed text of a predicted message', () => {
    assert.equal(fixedText('Invalid objectType: <type>'), 'Invalid objectType: ');
    assert.equal(fixedText('Readonly is not true in request'), 'Readonly is not true in request');
    assert.equal(
      fixedText('<region>: failover region cannot be the same as the primary region'),
      ': failover region cannot be the same as the primary region',
    );
    assert.equal(fixedText('key <a|b <c>> is not valid: <x>'), ' is not valid: ');
    assert.equal(fixedText('a <b> c'), undefined);
  });

  for (const rule of ALL_RULES) {
    const m = rule.meta;
    it(`${m.code}: has a predicted message and a source`, () => {
      assert.ok(m.predicts.trim() !== '', 'predicts is empty');
      assert.equal(m.predicts, m.predicts.trim(), 'predicts has surrounding whitespace');
      assert.ok(!m.predicts.includes('\n'), 'predicts is one line');
      assert.ok((m.source ?? '').trim() !== '', 'source is empty');
      if (m.predicts.startsWith('(no error)'))
        assert.ok(
          m.predicts.startsWith(NO_ERROR) && m.predicts.length > NO_ERROR.length,
          'a (no error) prediction says what happens instead',
        );
    });
    if (m.predicts.startsWith('(no error)')) continue;
    it(`${m.code}: the trigger example's diagnostic quotes the predicted message`, () => {
      const fixed = fixedText(m.predicts);
      assert.ok(
        fixed !== undefined,
        `no fixed text of ${MIN_FIXED}+ characters in ${JSON.stringify(m.predicts)}`,
      );
      const messages = triggerMessages(rule);
      assert.ok(messages.length > 0, 'the trigger example produces no diagnostic');
      assert.ok(
        messages.some((msg) => msg.includes(fixed)),
        `no diagnostic contains ${JSON.stringify(fixed)}:\n${messages.join('\n')}`,
      );
    });
  }
});
