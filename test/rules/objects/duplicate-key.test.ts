// duplicate-key: go-yaml v2 does not reject repeated keys and keys match fields case-insensitively, so
// `objectAlias` and `ObjectAlias` in one entry both set one field and one silently wins
// (sigs.k8s.io/yaml yaml.go:261-272). A warning on each ignored key, the one ASCP uses as related.
import { duplicateKey } from '../../../server/src/core/rules/objects/duplicate-key';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (objects: string) => secretProviderClass({ objects });
const SM = '- objectName: "test/secret"\n  objectType: "secretsmanager"';
const message = (key: string) =>
  `\`${key}\` sets a field that another key in this entry also sets; ASCP keeps only the other one, so this value is ignored.`;

ruleTester.run(duplicateKey, {
  valid: [
    cls(`${SM}\n  ObjectAlias: "b"`),
    // the same key in two entries is two fields
    cls(
      `${SM}\n  objectAlias: "a"\n- objectName: "test/other"\n  objectType: "secretsmanager"\n  objectAlias: "b"`,
    ),
    // objectAlias of the entry and of a jmesPath item are different fields
    cls(`${SM}\n  objectAlias: "a"\n  jmesPath:\n    - path: username\n      objectAlias: "b"`),
  ],
  invalid: [
    {
      name: 'two spellings: the one that sorts last wins',
      manifest: cls(`${SM}\n  ⟪objectAlias⟫: "a"\n  ⟦ObjectAlias⟧: "b"`),
      message: message('ObjectAlias'),
      related: ['the value ASCP uses'],
    },
    {
      name: 'the same spelling twice: the last one wins',
      manifest: cls(
        `- ⟦objectName⟧: "test/first"\n  objectType: "secretsmanager"\n  ⟪objectName⟫: "test/secret"`,
      ),
      message: message('objectName'),
      related: ['the value ASCP uses'],
    },
    {
      name: 'three spellings: two ignored',
      manifest: cls(`${SM}\n  ⟦objectAlias⟧: "a"\n  ⟦ObjectAlias⟧: "b"\n  objectalias: c`),
      errors: [
        { message: message('objectAlias'), related: ['the value ASCP uses'] },
        { message: message('ObjectAlias'), related: ['the value ASCP uses'] },
      ],
    },
    {
      name: 'inside a jmesPath item',
      manifest: cls(
        `${SM}\n  jmesPath:\n    - ⟦path⟧: username\n      objectAlias: user\n      ⟪path⟫: password`,
      ),
      message: message('path'),
      related: ['the value ASCP uses'],
    },
  ],
});
