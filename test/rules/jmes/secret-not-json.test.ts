// secret-not-json: ASCP decodes the secret's value with encoding/json before any jmesPath entry; a value
// that is not JSON fails the whole mount with `Invalid JSON used with jmesPath in secret: <objectName>.`
// (provider/secret_value.go:26-31). Needs the value; reported once per secret, on its `jmesPath` key.
import { secretNotJson } from '../../../server/src/core/rules/jmes/secret-not-json';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (name: string, key = 'jmesPath') =>
  secretProviderClass({
    objects: `- objectName: "${name}"
  objectType: "secretsmanager"
  ${key}:
    - path: username
      objectAlias: USER
    - path: password
      objectAlias: PASS`,
  });
const tail =
  'The volume mount fails (the pod reports "Failed to fetch secret from all regions") and the pod does not start. Store the value as a JSON object, or remove jmesPath to mount the whole value as one file.';

ruleTester.run(secretNotJson, {
  secrets: {
    'prod/env': 'username=app\npassword=example-only',
    'prod/json': '{"username":"app","password":"example-only"}',
    'prod/yaml': 'username: app\npassword: example-only',
  },
  valid: [
    cls('prod/json'),
    // not JSON, but no jmesPath: mounted as one file
    secretProviderClass({ objects: '- objectName: "prod/env"\n  objectType: "secretsmanager"' }),
    // a value nobody gave: nothing to judge
    cls('prod/unknown'),
  ],
  invalid: [
    {
      name: 'KEY=value lines: once for the secret, on jmesPath',
      manifest: cls('prod/env', '⟦jmesPath⟧'),
      message: `ASCP decodes the value of \`prod/env\` as JSON before applying jmesPath, and it is not JSON (it looks like \`KEY=value\` lines, which ASCP does not parse; expected a JSON value at line 1, column 1), so the mount fails with "Invalid JSON used with jmesPath in secret: prod/env." ${tail}`,
    },
    {
      name: 'YAML is not JSON',
      manifest: cls('prod/yaml', '⟦jmesPath⟧'),
      message:
        /^ASCP decodes the value of `prod\/yaml` as JSON before applying jmesPath, and it is not JSON \(.*\), so the mount fails with "Invalid JSON used with jmesPath in secret: prod\/yaml\."/,
    },
  ],
});
