// yaml11-coercion: ASCP reads `objects` as YAML 1.1 and converts scalars into strings the Go way
// (yes -> "true", 0755 -> "493", 1_000 -> "1000", 1.10 -> "1.1"; go-yaml v2 resolve.go, sigs.k8s.io/yaml
// yaml.go:329-356). A warning on the value, with a fix that quotes what was written.
import { yaml11Coercion } from '../../../server/src/core/rules/objects/yaml11-coercion';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (extra: string) =>
  secretProviderClass({ objects: `- objectName: "test/secret"\n  objectType: "secretsmanager"\n${extra}` });

ruleTester.run(yaml11Coercion, {
  valid: [
    cls('  objectAlias: "yes"'),
    // an integer whose Go text is what was written
    cls('  objectAlias: 12'),
    cls('  objectVersionLabel: AWSCURRENT'),
    // `null` leaves the field empty: nothing is converted
    cls('  objectAlias: secret\n  objectVersionLabel: ~'),
  ],
  invalid: [
    {
      manifest: cls('  objectAlias: ⟦yes⟧'),
      message:
        'Unquoted `yes` is a YAML 1.1 boolean: ASCP reads `objectAlias` as `true`. Quote it if you meant `yes`.',
      fixes: [{ title: 'Quote yes', output: cls('  objectAlias: "yes"'), safeForFixAll: true }],
    },
    {
      name: 'an octal integer',
      manifest: cls('  objectAlias: ⟦0755⟧'),
      message:
        'Unquoted `0755` is a YAML 1.1 integer: ASCP reads `objectAlias` as `493`. Quote it if you meant `0755`.',
      fixes: [{ title: 'Quote 0755', output: cls('  objectAlias: "0755"') }],
    },
    {
      name: 'a float loses its trailing zero',
      manifest: cls('  objectVersion: ⟦1.10⟧'),
      message:
        'Unquoted `1.10` is a YAML 1.1 float: ASCP reads `objectVersion` as `1.1`. Quote it if you meant `1.10`.',
      fixes: [{ title: 'Quote 1.10', output: cls('  objectVersion: "1.10"') }],
    },
    {
      name: 'underscores in an integer',
      manifest: cls('  objectAlias: ⟦1_000⟧'),
      message:
        'Unquoted `1_000` is a YAML 1.1 integer: ASCP reads `objectAlias` as `1000`. Quote it if you meant `1_000`.',
      fixes: [{ title: 'Quote 1_000', output: cls('  objectAlias: "1_000"') }],
    },
    {
      name: 'off in a jmesPath alias',
      manifest: cls('  jmesPath:\n    - path: feature\n      objectAlias: ⟦off⟧'),
      message:
        'Unquoted `off` is a YAML 1.1 boolean: ASCP reads `objectAlias` as `false`. Quote it if you meant `off`.',
      fixes: [
        { title: 'Quote off', output: cls('  jmesPath:\n    - path: feature\n      objectAlias: "off"') },
      ],
    },
  ],
});
