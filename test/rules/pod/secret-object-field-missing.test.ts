// secret-object-field-missing: the CRD requires none of secretName, type, data, data[].objectName, data[].key,
// but the driver's sync validates them after a pod mounted the class and creates no Secret otherwise
// (driver pkg/util/secretutil/secret.go:172-183,190-198). Reported on the empty value, or on the item's
// first key when the field is absent.
import { secretObjectFieldMissing } from '../../../server/src/core/rules/pod/secret-object-field-missing';
import { deployment, docs, ruleTester, secretProviderClass } from '../../support';

const OBJECTS =
  '- objectName: "/prod/db/password"\n  objectType: "ssmparameter"\n  objectAlias: "db-password"';
const withSync = (secretObjects: string, namespace?: string) =>
  docs(
    secretProviderClass({ objects: OBJECTS, secretObjects, ...(namespace ? { namespace } : {}) }),
    deployment(namespace ? { namespace } : {}),
  );
const invalid = (error: string, spc = '<namespace>/app-secrets') =>
  `when a pod mounts the class the driver's sync fails with \`failed to validate secret object in spc ${spc}, err: ${error}\` and the Secret is not created.`;

ruleTester.run(secretObjectFieldMissing, {
  valid: [
    withSync('- secretName: db\n  type: Opaque\n  data:\n    - objectName: db-password\n      key: password'),
    // surrounding spaces are trimmed, the rest is a name
    withSync(
      '- secretName: db\n  type: Opaque\n  data:\n    - objectName: " db-password "\n      key: password',
    ),
  ],
  invalid: [
    {
      name: 'no secretName: on the first key of the entry',
      manifest: withSync('- ⟦type⟧: Opaque\n  data:\n    - objectName: db-password\n      key: password'),
      message: `This secretObjects entry has no \`secretName\`: ${invalid('secret name is empty')} Add \`secretName\` (the name of the Kubernetes Secret to create).`,
    },
    {
      name: 'an empty type is not defaulted to Opaque',
      manifest: withSync(
        '- secretName: db\n  type: ⟦""⟧\n  data:\n    - objectName: db-password\n      key: password',
        'prod',
      ),
      message: `This secretObjects entry has an empty \`type\`: ${invalid('secret type is empty', 'prod/app-secrets')} Add \`type\` (e.g. \`Opaque\`; it is not defaulted).`,
    },
    {
      name: 'an empty data list',
      manifest: withSync('- secretName: db\n  type: Opaque\n  data: ⟦[]⟧'),
      message:
        "This secretObjects entry has an empty `data` list: the driver's sync fails with `failed to validate secret object in spc <namespace>/app-secrets, err: data is empty` and the Secret is not created. Add `data` items with `objectName` (a mounted file) and `key`.",
    },
    {
      name: 'a data item without key, and one whose objectName is only spaces',
      manifest: withSync(
        '- secretName: db\n  type: Opaque\n  data:\n    - ⟦objectName⟧: db-password\n    - objectName: ⟦"  "⟧\n      key: password',
      ),
      errors: [
        {
          message:
            "This data item has no `key`: the driver's sync fails with `failed to get data in spc <namespace>/app-secrets for secret db, err: key in secretObjects.data is empty` and the Secret is not created. Add `key` (the key in the Kubernetes Secret).",
        },
        {
          message:
            "This data item has an empty `objectName`: the driver's sync fails with `failed to get data in spc <namespace>/app-secrets for secret db, err: object name in secretObjects.data` and the Secret is not created. Add `objectName` (the name of a file the class mounts).",
        },
      ],
    },
  ],
});
