// jmespath-order-dependent: go-jmespath walks objects in Go's randomised map order for `*`, keys() and
// values(), so a result that depends on that order can change from one mount to the next
// (interpreter.go:289-301, functions.go:699-714). A warning on the path, checked without the secret.
import { jmespathOrderDependent } from '../../../server/src/core/rules/jmes/jmespath-order-dependent';
import { jmesClass, ruleTester } from '../../support';

const message =
  "This path can select a different value on each mount: go-jmespath iterates objects in Go's random map order for `*`, `keys()` and `values()`, so with more than one key the position of each value changes. Select keys by name, or sort first (e.g. `sort(keys(@))`).";

ruleTester.run(jmespathOrderDependent, {
  valid: [
    jmesClass(`"join(',', sort(keys(@)))"`),
    jmesClass('"sort(keys(@))[0]"'),
    jmesClass('"max_by(hosts, &name).name"'),
  ],
  invalid: [
    { manifest: jmesClass('"⟦values(@)[0]⟧"'), message },
    { name: 'keys() unsorted', manifest: jmesClass('"⟦keys(@)[0]⟧"'), message },
    {
      name: 'the same with the secret known',
      manifest: jmesClass(`"⟦join(',', values(@))⟧"`),
      secrets: { 'prod/db/credentials': '{"a":"x","b":"y"}' },
      message,
    },
  ],
});
