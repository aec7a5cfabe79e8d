// csi-read-only: kubelet passes the inline volume's csi.readOnly (absent = false) to NodePublishVolume and
// the driver refuses anything but read-only (`Readonly is not true in request`, driver nodeserver.go:
// 207-210); a quoted "true" is not a boolean and the API server rejects the workload. Reported on
// readOnly (or on `csi:` when absent), fixed to `readOnly: true`.
import { csiReadOnly } from '../../../server/src/core/rules/pod/csi-read-only';
import { deployment, docs, pod, ruleTester, secretProviderClass } from '../../support';

const withReadOnly = (readOnly: string | null, build = pod) =>
  docs(secretProviderClass(), build({ volumes: [{ readOnly }] }));
const driverError = '`Readonly is not true in request`';
const setTrue = (output = withReadOnly('true')) => [
  { title: 'Set readOnly: true', output, safeForFixAll: true },
];

ruleTester.run(csiReadOnly, {
  valid: [
    withReadOnly('true'),
    // YAML 1.1 reads True as the boolean true
    withReadOnly('True'),
    // the container's readOnly does not matter
    docs(secretProviderClass(), deployment({ containers: [{ mounts: [{ readOnly: 'false' }] }] })),
  ],
  invalid: [
    {
      name: 'absent: on csi, the fix adds it after driver',
      manifest: withReadOnly(null).replace('csi:', '⟦csi⟧:'),
      message: `The CSI volume \`secrets-store-inline\` does not set \`readOnly: true\`: kubelet requests a read-write mount and the driver fails every mount with ${driverError}. Add \`readOnly: true\` under \`csi:\`.`,
      fixes: [{ title: 'Add readOnly: true', output: withReadOnly('true'), safeForFixAll: true }],
    },
    {
      name: 'false',
      manifest: withReadOnly('⟦false⟧'),
      message: `\`readOnly\` is \`false\`: kubelet requests a read-write mount and the driver fails every mount with ${driverError}. Set \`readOnly: true\`.`,
      fixes: setTrue(),
    },
    {
      name: 'a key without value',
      manifest: withReadOnly('true').replace(
        '        readOnly: true\n        volumeAttributes',
        '        ⟦readOnly⟧:\n        volumeAttributes',
      ),
      message: `\`readOnly\` is empty (the same as absent, false): kubelet requests a read-write mount and the driver fails every mount with ${driverError}. Set \`readOnly: true\`.`,
      fixes: setTrue(),
    },
    {
      name: 'a quoted "true" is a string: the API server rejects it',
      manifest: withReadOnly('⟦"true"⟧', deployment),
      message:
        '`readOnly` must be a boolean, but it is the quoted string `"true"`: the API server rejects the workload (`Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field CSIVolumeSource.spec.template.spec.volumes.csi.readOnly of type bool`). Remove the quotes: `readOnly: true`.',
      fixes: setTrue(withReadOnly('true', deployment)),
    },
    {
      name: 'a number',
      manifest: withReadOnly('⟦1⟧'),
      message:
        '`readOnly` must be a boolean, but it is the number `1`: the API server rejects the workload (`Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field CSIVolumeSource.spec.volumes.csi.readOnly of type bool`). Use `readOnly: true`.',
      fixes: setTrue(),
    },
  ],
});
