import { entry, jmesRule } from './rule-factory';

export const jmespathOrderDependent = jmesRule({
  code: 'jmespath-order-dependent',
  severity: 'warning',
  title: "A jmesPath result that depends on Go's random map order",
  ascp: "go-jmespath walks objects in Go's randomised map order for `*`, `keys()` and `values()`. When the mounted result depends on that order, the file can differ from one mount to the next (or fail on some mounts only).",
  predicts: '(no error) the mounted value can change from one mount to the next',
  fix: 'Select keys by name, or sort before picking (`sort(keys(@))[0]`).',
  source:
    'go-jmespath v0.4.0 interpreter.go:289-301, functions.go:699-714 (map iteration); provider/secret_value.go:36',
  examples: {
    trigger: entry('"values(@)[0]"'),
    nearMiss: entry('"join(\',\', sort(keys(@)))"'),
    secrets: { 'prod/db/credentials': '{"a":"x","b":"y"}' },
  },
});
