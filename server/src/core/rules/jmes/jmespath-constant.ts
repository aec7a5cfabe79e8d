import { entry, jmesRule } from './rule-factory';

export const jmespathConstant = jmesRule({
  code: 'jmespath-constant',
  severity: 'warning',
  title: 'A jmesPath `path` that is a string literal, not a key',
  ascp: 'In JMESPath, single quotes make a raw string literal: `path: "\'api-key\'"` does not read the key `api-key`, it always evaluates to the text `api-key`, and ASCP mounts that text as the file content whatever the secret holds. Keys with special characters are written with double quotes (`"api-key"`).',
  predicts: '(no error) the literal text itself is mounted as the file content, whatever the secret holds',
  fix: 'Use the quoted identifier: in YAML `path: \'"api-key"\'`.',
  source: 'go-jmespath v0.4.0 lexer.go:176-177,259-293 (raw string literals); provider/secret_value.go:47-58',
  examples: { trigger: entry(`"'api-key'"`), nearMiss: entry(`'"api-key"'`) },
});
