// jmespath-syntax: ASCP compiles each path with go-jmespath v0.4.0 at mount time; one that does not
// compile fails the whole mount with `Invalid JMES Path: <path>.` (provider/secret_value.go:34-61).
// Checked without the secret. Reported at the offending character, with a fix when the intent is clear
// (a quoted identifier for a hyphenated key, no JSONPath `$.`, no leading dot, a closing bracket).
import { jmespathSyntax } from '../../../server/src/core/rules/jmes/jmespath-syntax';
import { jmesClass, ruleTester } from '../../support';

const compile = (error: string, path: string) =>
  `go-jmespath cannot compile this path (SyntaxError: ${error}), so ASCP fails the mount with "Invalid JMES Path: ${path}." The volume mount fails (the pod reports "Failed to fetch secret from all regions") and the pod does not start.`;

ruleTester.run(jmespathSyntax, {
  valid: [
    jmesClass(`'"api-key"'`),
    jmesClass('username'),
    jmesClass('"to_string(port)"'),
    jmesClass("'hosts[0].name'"),
    jmesClass(`"join(',', [username, host])"`),
    {
      name: 'with the secret known, the content rules take over; nothing for this rule',
      manifest: jmesClass('"database.host"'),
      secrets: { 'prod/db/credentials': '{"database":{"host":"db.example.internal"}}' },
    },
  ],
  invalid: [
    {
      name: 'an unquoted hyphen starts a number: on the hyphen',
      manifest: jmesClass('api⟦-⟧key'),
      message: `${compile('Unexpected token at the end of the expression: tNumber', 'api-key')} In go-jmespath an unquoted \`-\` starts a number, so \`api-key\` is not read as one key. Write keys that contain \`-\` as JMESPath quoted identifiers: \`"api-key"\` (in YAML: path: '"api-key"').`,
      fixes: [{ title: `Use '"api-key"'`, output: jmesClass(`'"api-key"'`), safeForFixAll: true }],
    },
    {
      name: 'a JSONPath root',
      manifest: jmesClass("'⟦$⟧.password'"),
      message: `${compile("Unknown char: '$'", '$.password')} jmesPath takes a JMESPath expression, not JSONPath: there is no \`$\` root. Use \`password\` (in YAML: path: 'password').`,
      fixes: [{ title: 'Use password', output: jmesClass('password') }],
    },
    {
      name: 'a leading dot',
      manifest: jmesClass("'⟦.⟧username'"),
      message: `${compile('Invalid token: tDot', '.username')} A JMESPath expression starts with the key itself, without a leading \`.\`. Use \`username\` (in YAML: path: 'username').`,
      fixes: [{ title: 'Use username', output: jmesClass('username') }],
    },
    {
      name: 'an unclosed bracket: on the bracket',
      manifest: jmesClass("'hosts⟦[⟧0'"),
      message: `${compile('Expected tRbracket, received: tEOF', 'hosts[0')} A quote or bracket opened here is never closed. Use \`hosts[0]\` (in YAML: path: 'hosts[0]').`,
      fixes: [{ title: 'Use hosts[0]', output: jmesClass('hosts[0]') }],
    },
  ],
});
