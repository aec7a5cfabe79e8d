import { entry, jmesRule } from './rule-factory';

export const jmespathNonNumericComparison = jmesRule({
  code: 'jmespath-non-numeric-comparison',
  severity: 'warning',
  title: 'An ordering comparison on something that is never a number',
  ascp: 'go-jmespath evaluates `<`, `<=`, `>` and `>=` to null unless both sides are numbers, so a comparison of strings is never true: a filter built on it selects nothing and the mount fails with "does not point to a valid object".',
  predicts: '(no error) the comparison is always null (false in a filter), so it never selects anything',
  fix: 'Compare numbers only (`to_number(...)`), or use `==` / `!=` for strings.',
  source: 'go-jmespath v0.4.0 interpreter.go:33-64 (comparators)',
  examples: {
    trigger: entry('"hosts[?name > \'b\'] | [0].name"'),
    nearMiss: entry('"hosts[?name == \'b\'] | [0].name"'),
  },
});
