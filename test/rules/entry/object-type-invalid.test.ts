// object-type-invalid: ASCP accepts exactly secretsmanager and ssmparameter (ssm is rejected although ARNs
// use it): anything else fails every mount with `Invalid objectType: <type>`
// (provider/secret_descriptor.go:351-355). Reported on the value, with a fix when the intent is clear.
import { objectTypeInvalid } from '../../../server/src/core/rules/entry/object-type-invalid';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (type: string) =>
  secretProviderClass({ objects: `- objectName: "/test/parameter"\n  objectType: ${type}` });
const message = (t: string, guess?: string) =>
  `\`${t}\` is not an objectType ASCP knows: every mount fails with \`Invalid objectType: ${t}\`.${guess ? ` Did you mean \`${guess}\`?` : ' Use `secretsmanager` or `ssmparameter`.'}`;

ruleTester.run(objectTypeInvalid, {
  valid: [cls('"ssmparameter"'), cls('ssmparameter'), cls("'secretsmanager'")],
  invalid: [
    {
      name: 'ssm, the ARN service name',
      manifest: cls('⟦"ssm"⟧'),
      message: message('ssm', 'ssmparameter'),
      fixes: [{ title: 'Use ssmparameter', output: cls('"ssmparameter"'), safeForFixAll: true }],
    },
    {
      name: 'the type is case-sensitive',
      manifest: cls('⟦SecretsManager⟧'),
      message: message('SecretsManager', 'secretsmanager'),
      fixes: [{ title: 'Use secretsmanager', output: cls('"secretsmanager"') }],
      // the parameter name now reads as a secret name: nothing else changes
    },
    {
      name: 'a spelling with a separator',
      manifest: cls('⟦"ssm-parameter"⟧'),
      message: message('ssm-parameter', 'ssmparameter'),
      fixes: [{ title: 'Use ssmparameter', output: cls('"ssmparameter"') }],
    },
    {
      name: 'nothing close: no fix',
      manifest: cls('⟦"kms"⟧'),
      message: message('kms'),
    },
  ],
});
