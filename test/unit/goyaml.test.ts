import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goFormatFloat32g, resolvePlainGo } from '../../server/src/core/goyaml';

describe('go-yaml v2 plain scalar resolution into Go strings', () => {
  const table: [string, string, string][] = [
    // source, kind, string a Go string field receives (verified cases from the design note (h))
    ['yes', 'bool', 'true'],
    ['Yes', 'bool', 'true'],
    ['on', 'bool', 'true'],
    ['y', 'bool', 'true'],
    ['off', 'bool', 'false'],
    ['NO', 'bool', 'false'],
    ['0640', 'int', '416'],
    ['0755', 'int', '493'],
    ['0o600', 'int', '384'],
    ['0x1F', 'int', '31'],
    ['1_000', 'int', '1000'],
    ['0b101', 'int', '5'],
    ['-12', 'int', '-12'],
    ['1.10', 'float', '1.1'],
    ['3.0', 'float', '3'],
    ['1e3', 'float', '1000'],
    ['1234567.0', 'float', '1.234567e+06'],
    ['0.00001', 'float', '1e-05'],
    ['.5', 'float', '0.5'],
    ['.inf', 'float', '+Inf'],
    ['-.Inf', 'float', '-Inf'],
    ['.nan', 'float', 'NaN'],
    ['08', 'float', '8'],
    ['~', 'null', ''],
    ['null', 'null', ''],
    ['', 'null', ''],
    ['2024-01-01', 'string', '2024-01-01'],
    ['1:20', 'string', '1:20'],
    ['yess', 'string', 'yess'],
    ['True1', 'string', 'True1'],
    ['1e400', 'string', '1e400'],
    ['/test/parameter', 'string', '/test/parameter'],
  ];
  for (const [src, kind, str] of table) {
    it(`${JSON.stringify(src)} -> ${kind} ${JSON.stringify(str)}`, () => {
      assert.deepEqual(resolvePlainGo(src), { kind, asString: str });
    });
  }
  it('formats floats like strconv.FormatFloat(f, g, -1, 32)', () => {
    assert.equal(goFormatFloat32g(0.1), '0.1');
    assert.equal(goFormatFloat32g(100000), '100000');
    assert.equal(goFormatFloat32g(1000000), '1e+06');
    assert.equal(goFormatFloat32g(3.14159265), '3.1415927');
    assert.equal(goFormatFloat32g(-2.5), '-2.5');
    assert.equal(goFormatFloat32g(1e-7), '1e-07');
  });
});
