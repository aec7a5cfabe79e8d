// failover-region-missing: a failoverObject with an objectName needs the failoverRegion parameter, or
// ASCP fails every mount with `failover object allowed only when failover region is defined: <name>`
// (provider/secret_descriptor.go:295-298). Reported on the `failoverObject` key.
import { failoverRegionMissing } from '../../../server/src/core/rules/entry/failover-region-missing';
import { ruleTester, secretProviderClass } from '../../support';

const SM = (region: string) => `arn:aws:secretsmanager:${region}:111122223333:secret:test/secret-AbCdEf`;
const ENTRY = (key = 'failoverObject') =>
  `- objectName: "${SM('us-east-1')}"\n  objectAlias: "secret"\n  ${key}:\n    objectName: "${SM('us-west-2')}"`;
const message = `\`failoverObject\` needs the \`failoverRegion\` parameter: every mount fails with \`failover object allowed only when failover region is defined: ${SM('us-east-1')}\`.`;

ruleTester.run(failoverRegionMissing, {
  valid: [
    secretProviderClass({ objects: ENTRY(), params: { failoverRegion: 'us-west-2' } }),
    // without an objectName the failoverObject is not validated
    secretProviderClass({
      objects: '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  failoverObject: {}',
    }),
  ],
  invalid: [
    {
      manifest: secretProviderClass({ objects: ENTRY('⟦failoverObject⟧') }),
      message,
    },
    {
      name: 'an empty failoverRegion is no failover region',
      manifest: secretProviderClass({ objects: ENTRY('⟦failoverObject⟧'), params: { failoverRegion: '""' } }),
      message,
    },
  ],
});
