// unknown-key: ASCP decodes entries without strict field checking, so a misspelt key is dropped silently
// (provider/secret_descriptor.go:26-88; sigs.k8s.io/yaml non-strict). A warning on the key, with a rename
// when a known field is close; field names match case-insensitively.
import { unknownKey } from '../../../server/src/core/rules/objects/unknown-key';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (objects: string) => secretProviderClass({ objects });
const SM = '- objectName: "test/secret"\n  objectType: "secretsmanager"';

ruleTester.run(unknownKey, {
  valid: [
    cls(`${SM}\n  objectAlias: "creds"`),
    cls(
      '- ObjectName: "test/secret"\n  OBJECTTYPE: "secretsmanager"\n  jmesPath:\n    - Path: username\n      ObjectAlias: user',
    ),
    cls(`${SM}\n  objectVersionLabel: "AWSCURRENT"\n  filePermission: "0600"`),
  ],
  invalid: [
    {
      manifest: cls(`${SM}\n  ⟦objectAlais⟧: "creds"`),
      message:
        'ASCP ignores `objectAlais` in an object entry (unknown keys are dropped silently): did you mean `objectAlias`?',
      fixes: [
        { title: 'Rename to objectAlias', output: cls(`${SM}\n  objectAlias: "creds"`), safeForFixAll: true },
      ],
    },
    {
      name: 'in a jmesPath entry',
      manifest: cls(
        `${SM}\n  jmesPath:\n    - path: username\n      objectAlias: user\n      ⟦filePermision⟧: "0600"`,
      ),
      message:
        'ASCP ignores `filePermision` in a jmesPath entry (unknown keys are dropped silently): did you mean `filePermission`?',
      fixes: [
        {
          title: 'Rename to filePermission',
          output: cls(
            `${SM}\n  jmesPath:\n    - path: username\n      objectAlias: user\n      filePermission: "0600"`,
          ),
        },
      ],
    },
    {
      name: 'in failoverObject',
      manifest: secretProviderClass({
        params: { failoverRegion: 'us-west-2' },
        objects: `${SM}\n  objectAlias: secret\n  failoverObject:\n    objectName: "test/secret"\n    ⟦objectVersionLable⟧: "AWSCURRENT"`,
      }),
      message:
        'ASCP ignores `objectVersionLable` in failoverObject (unknown keys are dropped silently): did you mean `objectVersionLabel`?',
      fixes: [
        {
          title: 'Rename to objectVersionLabel',
          output: secretProviderClass({
            params: { failoverRegion: 'us-west-2' },
            objects: `${SM}\n  objectAlias: secret\n  failoverObject:\n    objectName: "test/secret"\n    objectVersionLabel: "AWSCURRENT"`,
          }),
        },
      ],
    },
    {
      name: 'nothing close: no suggestion, no fix',
      manifest: cls(`${SM}\n  ⟦description⟧: "the database"`),
      message: 'ASCP ignores `description` in an object entry (unknown keys are dropped silently).',
    },
    {
      name: 'not a literal block: no edit inside a quoted objects string',
      manifest: `${secretProviderClass({ objects: null })}    objects: '[{objectName: test/secret, objectType: secretsmanager, ⟦objectAlais⟧: creds}]'\n`,
      message:
        'ASCP ignores `objectAlais` in an object entry (unknown keys are dropped silently): did you mean `objectAlias`?',
    },
  ],
});
