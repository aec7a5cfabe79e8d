// jmes-alias-missing: every jmesPath entry needs `objectAlias` (its file name), or ASCP fails every mount
// with `Object alias must be specified for JMES object` (provider/secret_descriptor.go:277-279). Reported
// on the jmesPath item's first key when absent, on the value when empty.
import { jmesAliasMissing } from '../../../server/src/core/rules/entry/jmes-alias-missing';
import { ruleTester, secretProviderClass } from '../../support';

const message =
  'This jmesPath entry has no `objectAlias` (the file name to write): every mount fails with `Object alias must be specified for JMES object`.';
const withJmes = (items: string, alias = '') =>
  secretProviderClass({
    objects: `- objectName: "test/secret"\n  objectType: "secretsmanager"\n${alias}  jmesPath:\n${items}`,
  });

ruleTester.run(jmesAliasMissing, {
  valid: [
    withJmes('    - path: username\n      objectAlias: SECRET_USERNAME'),
    withJmes('    - path: username\n      ObjectAlias: SECRET_USERNAME'),
  ],
  invalid: [
    {
      manifest: withJmes('    - ⟦path⟧: username'),
      message,
    },
    {
      name: "the entry's own objectAlias does not name the jmesPath file",
      manifest: withJmes('    - ⟦path⟧: username', '  objectAlias: credentials\n'),
      message,
    },
    {
      name: 'an empty alias',
      manifest: withJmes("    - path: username\n      objectAlias: ⟦''⟧"),
      message,
    },
  ],
});
