// preferred-address-type: ASCP 3.x reads preferredAddressType case-insensitively as ipv4, ipv6 or auto and
// silently uses auto for anything else; 2.0-2.2 failed the mount unless it was lower case. It only
// matters with Pod Identity (server/server.go:48,132; pod_identity_credential_provider.go:66-104).
import { preferredAddressType } from '../../../server/src/core/rules/params/preferred-address-type';
import { ruleTester, secretProviderClass } from '../../support';

/** `podIdentity` null: no usePodIdentity at all */
const cls = (v: string, podIdentity: string | null = '"true"') =>
  secretProviderClass({
    params:
      podIdentity === null
        ? { preferredAddressType: v }
        : { usePodIdentity: podIdentity, preferredAddressType: v },
  });

ruleTester.run(preferredAddressType, {
  valid: [cls('ipv4'), cls('"ipv6"', '"1"'), cls('auto', '"T"'), cls('""', null)],
  invalid: [
    {
      name: 'upper case: fine in 3.x, fatal in 2.0-2.2',
      manifest: cls('⟦IPv4⟧'),
      message:
        'ASCP 3.x accepts `IPv4`, but ASCP 2.0-2.2 fails the mount with `invalid preferred address type: IPv4`. Write `ipv4`.',
      fixes: [{ title: 'Use ipv4', output: cls('ipv4'), safeForFixAll: true }],
    },
    {
      name: 'quoted AUTO',
      manifest: cls('⟦"AUTO"⟧'),
      message:
        'ASCP 3.x accepts `AUTO`, but ASCP 2.0-2.2 fails the mount with `invalid preferred address type: AUTO`. Write `auto`.',
      fixes: [{ title: 'Use auto', output: cls('auto') }],
    },
    {
      name: 'an unknown value silently becomes auto: no fix',
      manifest: cls('⟦dualstack⟧'),
      message:
        '`dualstack` is not `ipv4`, `ipv6` or `auto`: ASCP 3.x silently uses `auto` (2.x fails the mount with `invalid preferred address type: dualstack`).',
    },
    {
      name: 'without Pod Identity it is ignored: a hint on the key',
      manifest: cls('ipv6', null).replace('preferredAddressType', '⟦preferredAddressType⟧'),
      message:
        '`preferredAddressType` only applies to EKS Pod Identity; without `usePodIdentity: "true"` ASCP uses IRSA and ignores it.',
      severity: 'hint',
    },
    {
      name: 'usePodIdentity false: a hint too',
      manifest: cls('ipv4', '"false"').replace('preferredAddressType', '⟦preferredAddressType⟧'),
      message: /^`preferredAddressType` only applies to EKS Pod Identity/,
      severity: 'hint',
    },
  ],
});
