// file-permission-invalid: filePermission must be empty or four octal digits, or every mount fails with
// `Invalid File Permission: <value>` (provider/secret_descriptor.go:227-238,265-269,281-285). YAML 1.1
// turns an unquoted 0640 into "416". Reported on the value; an unquoted octal number is fixed by quoting.
import { filePermissionInvalid } from '../../../server/src/core/rules/entry/file-permission-invalid';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (perm: string) =>
  secretProviderClass({
    objects: `- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  filePermission: ${perm}`,
  });
const jmes = (perm: string) =>
  secretProviderClass({
    objects: `- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: username\n      objectAlias: user\n      filePermission: ${perm}`,
  });

ruleTester.run(filePermissionInvalid, {
  valid: [cls('"0600"'), cls("'0440'"), jmes('"0640"'), cls('""')],
  invalid: [
    {
      name: 'unquoted octal: YAML 1.1 makes it 416',
      manifest: cls('⟦0640⟧'),
      message:
        'Unquoted `0640` is a YAML 1.1 integer and reaches ASCP as `416`: every mount fails with `Invalid File Permission: 416`. Quote it: `"0640"`.',
      fixes: [{ title: 'Use "0640"', output: cls('"0640"'), safeForFixAll: true }],
    },
    {
      name: 'three digits, unquoted: the fix adds the leading zero',
      manifest: cls('⟦600⟧'),
      message:
        'Unquoted `600` is a YAML 1.1 integer and reaches ASCP as `600`: every mount fails with `Invalid File Permission: 600`. Quote it: `"0600"`.',
      fixes: [{ title: 'Use "0600"', output: cls('"0600"') }],
    },
    {
      name: 'three digits, quoted: no fix (the meaning is not certain)',
      manifest: cls('⟦"600"⟧'),
      message:
        '`600` is not four octal digits: every mount fails with `Invalid File Permission: 600`. Use e.g. `"0640"`.',
    },
    {
      name: 'not octal',
      manifest: cls('⟦"0800"⟧'),
      message:
        '`0800` is not four octal digits: every mount fails with `Invalid File Permission: 0800`. Use e.g. `"0640"`.',
    },
    {
      name: 'in a jmesPath entry',
      manifest: jmes('⟦0400⟧'),
      message:
        'Unquoted `0400` is a YAML 1.1 integer and reaches ASCP as `256`: every mount fails with `Invalid File Permission: 256`. Quote it: `"0400"`.',
      fixes: [{ title: 'Use "0400"', output: jmes('"0400"') }],
    },
  ],
});
