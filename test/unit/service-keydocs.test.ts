import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENTRY_FIELDS, FAILOVER_FIELDS, JMES_FIELDS } from '../../server/src/core/objects';
import { KNOWN_PARAMETERS } from '../../server/src/core/rules/params/unknown-parameter';
import { keyDoc, keyDocs } from '../../server/src/service/keydocs';

describe('key docs', () => {
  it('documents every parameter ASCP reads and every field it decodes', () => {
    for (const k of KNOWN_PARAMETERS) assert.ok(keyDoc('param', k), `param ${k}`);
    for (const k of ENTRY_FIELDS) assert.ok(keyDoc('entry', k), `entry ${k}`);
    for (const k of JMES_FIELDS) assert.ok(keyDoc('jmesPath', k), `jmesPath ${k}`);
    for (const k of FAILOVER_FIELDS) assert.ok(keyDoc('failoverObject', k), `failoverObject ${k}`);
    assert.deepEqual(
      keyDocs('param').map((d) => d.key),
      [...KNOWN_PARAMETERS],
    );
  });

  it('matches parameters exactly and fields case-insensitively, like ASCP', () => {
    assert.equal(keyDoc('param', 'Region'), undefined);
    assert.equal(keyDoc('param', 'toString'), undefined);
    assert.equal(keyDoc('entry', 'OBJECTTYPE')?.key, 'objectType');
    assert.equal(keyDoc('jmesPath', 'ObjectAlias')?.key, 'objectAlias');
    assert.equal(keyDoc('entry', 'objectTyp'), undefined);
  });

  it('states the rules users trip on', () => {
    assert.match(keyDoc('param', 'pathTranslation')?.text ?? '', /one byte/);
    assert.match(keyDoc('param', 'usePodIdentity')?.text ?? '', /ParseBool/);
    assert.match(keyDoc('entry', 'filePermission')?.text ?? '', /`416`/);
    assert.match(keyDoc('entry', 'objectType')?.text ?? '', /`ssm` is rejected/);
    for (const scope of ['param', 'entry', 'jmesPath', 'failoverObject'] as const)
      for (const d of keyDocs(scope)) {
        assert.ok(d.text.length > 40, d.key);
        assert.equal((d.text.match(/`/g) ?? []).length % 2, 0, `balanced code spans in ${d.key}`);
      }
  });
});
