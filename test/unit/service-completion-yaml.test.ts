// The indentation reader behind completion: which mapping or list a cursor belongs to while the YAML
// around it is incomplete.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cursorContext, lineInfo, stringLines } from '../../server/src/service/completion-yaml';

/** cursorContext at the `§` of `src`. */
function ctx(src: string) {
  const at = src.indexOf('§');
  const text = src.slice(0, at) + src.slice(at + 1);
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  const col = at - (before.lastIndexOf('\n') + 1);
  return cursorContext(stringLines(text), line, col);
}

describe('lineInfo', () => {
  it('reads indentation, list indicators, keys and values', () => {
    assert.deepEqual(lineInfo('    - path: a # note'), {
      blank: false,
      indent: 4,
      dashes: [4],
      keyCol: 6,
      key: 'path',
      value: 'a',
    });
    assert.equal(lineInfo('  "quoted key": x').key, 'quoted key');
    assert.equal(lineInfo("  'it''s': x").key, "it's");
    assert.equal(lineInfo('  # comment').blank, true);
    assert.equal(lineInfo('---').blank, true);
    assert.equal(lineInfo('  url: http://x').value, 'http://x');
    assert.equal(lineInfo('  plain text').key, undefined);
  });
});

describe('cursorContext', () => {
  it('finds the entry mapping under a list item and its other keys (above and below)', () => {
    const c = ctx('- objectName: a\n  §\n  objectAlias: b\n- objectName: c\n');
    assert.ok(c);
    assert.deepEqual(c.path, ['-']);
    assert.equal(c.mode, 'key');
    assert.deepEqual([...c.siblings.keys()], ['objectName', 'objectAlias']);
  });

  it('finds jmesPath items, compact or indented', () => {
    for (const src of [
      '- objectName: a\n  jmesPath:\n    - path: x\n      §\n',
      '- objectName: a\n  jmesPath:\n  - path: x\n    §\n',
      '- jmesPath:\n    - path: x\n      objectAlias: y\n    - §\n',
    ]) {
      const c = ctx(src);
      assert.ok(c, src);
      assert.deepEqual(c.path, ['-', 'jmesPath', '-'], src);
    }
  });

  it('finds failoverObject and a new list item', () => {
    assert.deepEqual(ctx('- objectName: a\n  failoverObject:\n    objectName: b\n    §\n')?.path, [
      '-',
      'failoverObject',
    ]);
    const c = ctx('- objectName: a\n  objectType: b\n- §');
    assert.ok(c?.dash);
    assert.deepEqual(c.path, ['-']);
    assert.equal(c.siblings.size, 0);
  });

  it('knows a line at a list column as the place of a new item', () => {
    const c = ctx('- objectName: a\n§');
    assert.ok(c?.itemPosition);
    assert.deepEqual(c.path, []);
  });

  it('reads values: key, typed text, quote, end of the value', () => {
    const c = ctx('- objectName: /a\n  objectType: "ss§m" # x\n');
    assert.equal(c?.mode, 'value');
    assert.equal(c?.key, 'objectType');
    assert.equal(c?.valueText, '"ss');
    assert.equal(c?.valueCol, 14);
    assert.equal(c?.valueEnd, 19);
    assert.equal(ctx('a:\n  b:§')?.needSpace, true);
  });

  it('finds nested outer paths (pod spec volumes)', () => {
    const src =
      'spec:\n  template:\n    spec:\n      volumes:\n        - name: v\n          csi:\n            volumeAttributes:\n              secretProviderClass: §\n';
    assert.deepEqual(ctx(src)?.path, ['spec', 'template', 'spec', 'volumes', '-', 'csi', 'volumeAttributes']);
  });

  it('says nothing in comments, flow collections, block scalars of other keys and with tabs', () => {
    assert.equal(ctx('a: b # §'), undefined);
    assert.equal(ctx('a: [§'), undefined);
    assert.equal(ctx('a: |\n  text\n  §'), undefined);
    assert.equal(ctx('a:\n\t§'), undefined);
    assert.equal(ctx('a: "done" x§'), undefined);
  });
});
