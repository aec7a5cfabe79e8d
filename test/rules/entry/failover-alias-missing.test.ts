// failover-alias-missing: an entry with failoverObject.objectName needs objectAlias (the primary and the
// failover names differ), or ASCP fails every mount with `object alias must be specified for objects
// with failover entries: <name>` (provider/secret_descriptor.go:289-293). Reported on the item's first
// key, or on an empty alias.
import { failoverAliasMissing } from '../../../server/src/core/rules/entry/failover-alias-missing';
import { ruleTester, secretProviderClass } from '../../support';

const SM = (region: string) => `arn:aws:secretsmanager:${region}:111122223333:secret:test/secret-AbCdEf`;
const message = (name: string) =>
  `An entry with \`failoverObject\` needs \`objectAlias\` (the file name): every mount fails with \`object alias must be specified for objects with failover entries: ${name}\`.`;
const cls = (objects: string) => secretProviderClass({ objects, params: { failoverRegion: 'us-west-2' } });

ruleTester.run(failoverAliasMissing, {
  valid: [
    cls(
      `- objectName: "${SM('us-east-1')}"\n  objectAlias: "secret"\n  failoverObject:\n    objectName: "${SM('us-west-2')}"`,
    ),
    // failoverObject without objectName is not validated by ASCP (the primary name is fetched there)
    cls(
      '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  failoverObject:\n    objectVersionLabel: "AWSCURRENT"',
    ),
  ],
  invalid: [
    {
      manifest: cls(
        `- ⟦objectName⟧: "${SM('us-east-1')}"\n  failoverObject:\n    objectName: "${SM('us-west-2')}"`,
      ),
      message: message(SM('us-east-1')),
    },
    {
      name: 'an empty alias',
      manifest: cls(
        `- objectName: "${SM('us-east-1')}"\n  objectAlias: ⟦""⟧\n  failoverObject:\n    objectName: "${SM('us-west-2')}"`,
      ),
      message: message(SM('us-east-1')),
    },
    {
      name: 'plain names with objectType',
      manifest: cls(
        '- ⟦objectType⟧: "secretsmanager"\n  objectName: "test/secret"\n  failoverObject:\n    objectName: "test/secret-replica"',
      ),
      message: message('test/secret'),
    },
  ],
});
