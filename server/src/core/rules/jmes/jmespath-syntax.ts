import { spc } from '../rule';
import { jmesRule } from './rule-factory';

export const jmespathSyntax = jmesRule({
  code: 'jmespath-syntax',
  severity: 'error',
  title: 'A jmesPath `path` that go-jmespath cannot compile',
  ascp: 'ASCP compiles each `path` with go-jmespath v0.4.0 at mount time; one that does not compile fails the whole mount with `Invalid JMES Path: <path>.`, which users only see as "Failed to fetch secret from all regions". Unquoted hyphens are the classic cause: in go-jmespath an unquoted `-` starts a number, so `api-key` must be the quoted identifier `"api-key"`, written in YAML as `path: \'"api-key"\'`. JSONPath habits (`$.password`, a leading `.`) do not compile either.',
  predicts: 'Invalid JMES Path: <path>.',
  fix: 'Quote identifiers with hyphens or other special characters (`\'"api-key"\'`), drop `$.` and leading dots.',
  source: 'provider/secret_value.go:34-61; go-jmespath v0.4.0 lexer.go',
  examples: {
    trigger: spc(
      '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: api-key\n      objectAlias: API_KEY',
    ),
    nearMiss: spc(
      '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: \'"api-key"\'\n      objectAlias: API_KEY',
    ),
  },
});
