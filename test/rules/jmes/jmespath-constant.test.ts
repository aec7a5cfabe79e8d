// jmespath-constant: in JMESPath single quotes make a raw string literal: `'api-key'` always evaluates to
// the text api-key, and ASCP mounts that text whatever the secret holds (go-jmespath lexer.go:176-177,
// 259-293). A warning on the literal, fixed to the quoted identifier.
import { jmespathConstant } from '../../../server/src/core/rules/jmes/jmespath-constant';
import { jmesClass, ruleTester } from '../../support';

ruleTester.run(jmespathConstant, {
  valid: [
    jmesClass(`'"api-key"'`),
    // a literal as an argument is fine
    jmesClass(`"join('-', [username, host])"`),
    jmesClass(`"username || 'none'"`),
  ],
  invalid: [
    {
      manifest: jmesClass(`"⟦'api-key'⟧"`),
      message:
        '`\'api-key\'` is a string literal, not a key: ASCP mounts the text `api-key` itself for every secret. To select the key `api-key`, use the quoted identifier `"api-key"` (in YAML: path: \'"api-key"\').',
      fixes: [{ title: `Use '"api-key"'`, output: jmesClass(`'"api-key"'`), safeForFixAll: true }],
    },
    {
      name: 'a literal without special characters',
      manifest: jmesClass(`"⟦'password'⟧"`),
      message:
        '`\'password\'` is a string literal, not a key: ASCP mounts the text `password` itself for every secret. To select the key `password`, use the quoted identifier `"password"` (in YAML: path: \'"password"\').',
      fixes: [{ title: `Use '"password"'`, output: jmesClass(`'"password"'`) }],
    },
  ],
});
