// object-name-missing: every entry needs a non-empty objectName, or ASCP fails every mount with
// `Object name must be specified` (provider/secret_descriptor.go:246-248). Reported on the item's first
// key when the key is absent, on the value when it is empty.
import { objectNameMissing } from '../../../server/src/core/rules/entry/object-name-missing';
import { ruleTester, secretProviderClass } from '../../support';

const message = 'This entry has no `objectName`: every mount fails with `Object name must be specified`.';
const cls = (objects: string) => secretProviderClass({ objects });

ruleTester.run(objectNameMissing, {
  valid: [
    cls('- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  objectAlias: "param"'),
    // sigs.k8s.io/yaml matches field names case-insensitively
    cls('- ObjectName: "/test/parameter"\n  objectType: "ssmparameter"'),
    cls('- objectType: "ssmparameter"\n  objectName: "/test/parameter"'),
  ],
  invalid: [
    {
      name: 'no objectName: on the first key of the item',
      manifest: cls('- ⟦objectType⟧: "ssmparameter"\n  objectAlias: "param"'),
      message,
    },
    {
      name: 'an empty string',
      manifest: cls('- objectName: ⟦""⟧\n  objectType: "ssmparameter"'),
      message,
    },
    {
      name: 'only the second entry lacks it',
      manifest: cls(
        '- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n- ⟦objectAlias⟧: "other"\n  objectType: "secretsmanager"',
      ),
      message,
    },
  ],
});
