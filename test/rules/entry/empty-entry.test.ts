// empty-entry: a bare `-` in objects decodes to a null entry and ASCP fails every mount with `Empty
// descriptor entry in SecretProviderClass` (provider/secret_descriptor.go:399-401). Reported on the `-`.
import { emptyEntry } from '../../../server/src/core/rules/entry/empty-entry';
import { ruleTester, secretProviderClass, SSM_ENTRY } from '../../support';

const message =
  'Empty list item: every mount fails with `Empty descriptor entry in SecretProviderClass`. Remove it or complete the entry.';
const cls = (objects: string) => secretProviderClass({ objects });

ruleTester.run(emptyEntry, {
  valid: [
    cls(`${SSM_ENTRY}\n\n- objectName: "/test/other"\n  objectType: "ssmparameter"`),
    // the item's mapping starts on the line after the dash (a comment holds the dash's line)
    cls('- # the database password\n  objectName: "/test/parameter"\n  objectType: "ssmparameter"'),
    cls('[{objectName: "/test/parameter", objectType: "ssmparameter"}]'),
  ],
  invalid: [
    {
      name: 'a dash at the end',
      manifest: cls(`${SSM_ENTRY}\n⟦-⟧`),
      message,
    },
    {
      name: 'a dash between two entries',
      manifest: cls(`${SSM_ENTRY}\n⟦-⟧\n- objectName: "/test/other"\n  objectType: "ssmparameter"`),
      message,
    },
    {
      name: 'two of them',
      manifest: cls(`⟦-⟧\n${SSM_ENTRY}\n⟦-⟧`),
      errors: [{ message }, { message }],
    },
    {
      name: 'an explicit null: still on the dash',
      manifest: cls(`${SSM_ENTRY}\n⟦-⟧ ~`),
      message,
    },
  ],
});
