// object-type-arn-mismatch: an objectType must agree with the ARN's service (ssm ARNs are ssmparameter),
// or ASCP fails every mount with `objectType does not match ARN: <name>` (provider/secret_descriptor.go:
// 357-360); the failover ARN is checked against the same objectType. Reported on objectType, with the
// ARN as related location.
import { objectTypeArnMismatch } from '../../../server/src/core/rules/entry/object-type-arn-mismatch';
import { ruleTester, secretProviderClass } from '../../support';

const SSM = 'arn:aws:ssm:us-east-1:111122223333:parameter/test/parameter';
const SM = (region: string) => `arn:aws:secretsmanager:${region}:111122223333:secret:test/secret-AbCdEf`;

ruleTester.run(objectTypeArnMismatch, {
  valid: [
    secretProviderClass({ objects: `- objectName: "${SSM}"\n  objectType: "ssmparameter"` }),
    secretProviderClass({ objects: `- objectName: "${SM('us-east-1')}"\n  objectType: "secretsmanager"` }),
    // objectType without an ARN says nothing about a service
    secretProviderClass({ objects: '- objectName: "test/secret"\n  objectType: "secretsmanager"' }),
  ],
  invalid: [
    {
      manifest: secretProviderClass({
        objects: `- objectName: ⟪"${SSM}"⟫\n  objectType: ⟦"secretsmanager"⟧`,
      }),
      message: `\`objectType\` is \`secretsmanager\` but the ARN is for \`ssm\`: every mount fails with \`objectType does not match ARN: ${SSM}\`.`,
      related: ['the ARN'],
    },
    {
      name: 'objectType written before the ARN',
      manifest: secretProviderClass({
        objects: `- objectType: ⟦ssmparameter⟧\n  objectName: ⟪${SM('us-east-1')}⟫`,
      }),
      message: `\`objectType\` is \`ssmparameter\` but the ARN is for \`secretsmanager\`: every mount fails with \`objectType does not match ARN: ${SM('us-east-1')}\`.`,
    },
    {
      name: 'the failover ARN against the entry objectType',
      manifest: secretProviderClass({
        params: { failoverRegion: 'us-west-2' },
        objects: `- objectName: "test/secret"
  objectType: ⟦"secretsmanager"⟧
  objectAlias: "secret"
  failoverObject:
    objectName: ⟪"arn:aws:ssm:us-west-2:111122223333:parameter/test/secret"⟫`,
      }),
      message:
        '`objectType` is `secretsmanager` but the failover ARN is for `ssm`: every mount fails with `objectType does not match ARN: arn:aws:ssm:us-west-2:111122223333:parameter/test/secret`.',
      related: ['the ARN'],
    },
  ],
});
