// arn-region-mismatch: an ARN's region must equal `region` (a failover ARN's, `failoverRegion`), or ASCP
// fails every mount with `ARN region must match region <region>: <name>`
// (provider/secret_descriptor.go:335-338,300-303). Reported on the ARN, with the parameter as related.
import { arnRegionMismatch } from '../../../server/src/core/rules/entry/arn-region-mismatch';
import { ruleTester, secretProviderClass } from '../../support';

const SM = (region: string) => `arn:aws:secretsmanager:${region}:111122223333:secret:test/secret-AbCdEf`;

ruleTester.run(arnRegionMismatch, {
  valid: [
    secretProviderClass({ objects: `- objectName: "${SM('us-east-1')}"` }),
    {
      name: 'no region: ASCP uses the node region, unknown here',
      manifest: secretProviderClass({ region: null, objects: `- objectName: "${SM('eu-west-1')}"` }),
    },
    secretProviderClass({
      params: { failoverRegion: 'us-west-2' },
      objects: `- objectName: "${SM('us-east-1')}"
  objectAlias: "secret"
  failoverObject:
    objectName: "${SM('us-west-2')}"`,
    }),
  ],
  invalid: [
    {
      manifest: secretProviderClass({
        region: '⟪us-east-1⟫',
        objects: `- objectName: ⟦"${SM('eu-west-1')}"⟧`,
      }),
      message: `This ARN is in \`eu-west-1\` but \`region\` is \`us-east-1\`: every mount fails with \`ARN region must match region us-east-1: ${SM('eu-west-1')}\`.`,
      related: ['the region'],
    },
    {
      name: 'an SSM parameter ARN',
      manifest: secretProviderClass({
        region: '"us-east-1"',
        objects: '- objectName: ⟦arn:aws:ssm:us-east-2:111122223333:parameter/app/token⟧',
      }),
      message:
        /^This ARN is in `us-east-2` but `region` is `us-east-1`: every mount fails with `ARN region must match region us-east-1: arn:aws:ssm:us-east-2:111122223333:parameter\/app\/token`\.$/,
    },
    {
      name: 'the failover ARN is checked against failoverRegion',
      manifest: secretProviderClass({
        params: { failoverRegion: '⟪us-west-2⟫' },
        objects: `- objectName: "${SM('us-east-1')}"
  objectAlias: "secret"
  failoverObject:
    objectName: ⟦"${SM('us-east-1')}"⟧`,
      }),
      message: `This ARN is in \`us-east-1\` but \`failoverRegion\` is \`us-west-2\`: every mount fails with \`ARN region must match region us-west-2: ${SM('us-east-1')}\`.`,
      related: ['the failoverRegion'],
    },
  ],
});
