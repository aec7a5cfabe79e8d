// failover-version-mismatch: the failover objectVersion must equal the primary one (an omitted one counts
// as ""), or ASCP fails every mount with `object versions must match between primary and failover
// regions: <name>` (provider/secret_descriptor.go:310-312). Reported on the later of the two values.
import { failoverVersionMismatch } from '../../../server/src/core/rules/entry/failover-version-mismatch';
import { ruleTester, secretProviderClass } from '../../support';

const SM = (region: string) => `arn:aws:secretsmanager:${region}:111122223333:secret:test/secret-AbCdEf`;
const cls = (primary: string, failover: string) =>
  secretProviderClass({
    params: { failoverRegion: 'us-west-2' },
    objects: `- objectName: "${SM('us-east-1')}"\n  objectAlias: "secret"\n${primary}  failoverObject:\n    objectName: "${SM('us-west-2')}"\n${failover}`,
  });
const message = (a: string, b: string) =>
  `Primary \`objectVersion\` is ${a} but the failover's is ${b}: every mount fails with \`object versions must match between primary and failover regions: ${SM('us-east-1')}\`.`;

ruleTester.run(failoverVersionMismatch, {
  valid: [
    cls('', ''),
    cls('  objectVersion: "v1"\n', '    objectVersion: "v1"\n'),
    // labels may differ: only versions are compared
    cls('  objectVersionLabel: "AWSCURRENT"\n', '    objectVersionLabel: "AWSPENDING"\n'),
  ],
  invalid: [
    {
      manifest: cls('  objectVersion: "v1"\n', '    objectVersion: ⟦"v2"⟧\n'),
      message: message('`v1`', '`v2`'),
    },
    {
      name: 'only the primary pins a version',
      manifest: cls('  objectVersion: ⟦"v1"⟧\n', ''),
      message: message('`v1`', 'empty'),
    },
    {
      name: 'only the failover pins a version',
      manifest: cls('', '    objectVersion: ⟦v2⟧\n'),
      message: message('empty', '`v2`'),
    },
    {
      name: 'the failoverObject written first: the primary version is the later one',
      manifest: secretProviderClass({
        params: { failoverRegion: 'us-west-2' },
        objects: `- failoverObject:\n    objectName: "${SM('us-west-2')}"\n    objectVersion: "v2"\n  objectName: "${SM('us-east-1')}"\n  objectAlias: "secret"\n  objectVersion: ⟦"v1"⟧`,
      }),
      message: message('`v1`', '`v2`'),
    },
  ],
});
