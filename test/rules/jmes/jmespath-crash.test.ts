// jmespath-crash: some expressions make go-jmespath v0.4.0 panic (merge() of a non-object); ASCP has no
// recover(), so the provider process crashes on the mount (provider/secret_value.go:36; go-jmespath
// functions.go:517-524). Checked without the secret; reported on the call.
import { jmespathCrash } from '../../../server/src/core/rules/jmes/jmespath-crash';
import { jmesClass, ruleTester } from '../../support';

const message =
  'go-jmespath does not type-check merge() arguments and panics ("interface conversion") when one is not an object. ASCP has no recover(): the provider process crashes for every secret value. The mount fails with "failed to mount secrets store objects for pod <namespace>/<pod>, err: rpc error: code = Unavailable desc = ..." and the pod does not start.';

ruleTester.run(jmespathCrash, {
  valid: [jmesClass('"to_string(merge(`{}`))"'), jmesClass('\'to_string(merge(`{}`, `{"a": "b"}`))\'')],
  invalid: [
    {
      manifest: jmesClass('"⟦merge(`1`)⟧"'),
      message,
    },
    {
      name: 'inside another call: on the merge() call',
      manifest: jmesClass('"to_string(⟦merge(`{}`, `[]`)⟧)"'),
      message,
    },
    {
      name: 'U+0080 after an unquoted key makes the lexer panic: quoting is the fix',
      manifest: jmesClass('"a⟦\u0080⟧b"'),
      message:
        'go-jmespath panics while parsing this path (runtime error: index out of range [2] with length 2): an unquoted key followed by U+0080 makes its lexer index past a table. ASCP has no recover(), so the provider process crashes. The mount fails with "failed to mount secrets store objects for pod <namespace>/<pod>, err: rpc error: code = Unavailable desc = ..." and the pod does not start. Quote the key.',
      fixes: [{ title: `Use '"a\u0080b"'`, output: jmesClass(`'"a\u0080b"'`), safeForFixAll: true }],
    },
    {
      name: 'an argument that may not be an object: a warning',
      manifest: jmesClass('"to_string(⟦merge(@, `{}`)⟧)"'),
      message:
        'go-jmespath does not type-check merge() arguments and panics ("interface conversion") when one is not an object (for example a missing key, which is null). ASCP has no recover(): the provider process crashes for such values. The mount fails with "failed to mount secrets store objects for pod <namespace>/<pod>, err: rpc error: code = Unavailable desc = ..." and the pod does not start.',
      severity: 'warning',
    },
  ],
});
