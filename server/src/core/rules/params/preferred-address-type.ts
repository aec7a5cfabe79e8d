import type { Rule } from '../rule';
import { q, spc } from '../rule';
import { PARSE_BOOL_TRUE } from './use-pod-identity-invalid';

export const preferredAddressType: Rule = {
  meta: {
    code: 'preferred-address-type',
    severity: 'warning',
    title: '`preferredAddressType` value or use',
    ascp: 'ASCP 3.x reads `preferredAddressType` case-insensitively as `ipv4`, `ipv6` or `auto` and silently treats anything else as `auto`; 2.0.0-2.2.2 failed the mount with `invalid preferred address type: <v>` for anything but lower-case `ipv4`/`ipv6`/`auto`. It only matters with Pod Identity (`usePodIdentity: "true"`).',
    predicts:
      '(no error) ASCP 3.x silently uses auto for an unknown value (2.0.0-2.2.2 failed with invalid preferred address type: <value>)',
    fix: 'Use lower-case `ipv4` or `ipv6` (or remove it for `auto`), together with `usePodIdentity: "true"`.',
    source: 'server/server.go:48,132; credential_provider/pod_identity_credential_provider.go:66-104',
    examples: {
      trigger: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', {
        usePodIdentity: '"true"',
        preferredAddressType: 'IPv4',
      }),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', {
        usePodIdentity: '"true"',
        preferredAddressType: 'ipv4',
      }),
    },
  },
  checkClass(ctx) {
    const p = ctx.cls.params.get('preferredAddressType');
    if (!p || p.value.kind !== 'string' || p.value.value === '') return;
    const v = p.value.value;
    if (!['ipv4', 'ipv6', 'auto'].includes(v)) {
      const known = ['ipv4', 'ipv6', 'auto'].includes(v.toLowerCase());
      ctx.report({
        span: p.value.span,
        message: known
          ? `ASCP 3.x accepts ${q(v)}, but ASCP 2.0-2.2 fails the mount with \`invalid preferred address type: ${v}\`. Write ${q(v.toLowerCase())}.`
          : `${q(v)} is not ${q('ipv4')}, ${q('ipv6')} or ${q('auto')}: ASCP 3.x silently uses ${q('auto')} (2.x fails the mount with \`invalid preferred address type: ${v}\`).`,
        fixes: known
          ? [
              {
                title: `Use ${v.toLowerCase()}`,
                edits: [{ span: p.value.span, newText: v.toLowerCase() }],
                safeForFixAll: true,
              },
            ]
          : [],
      });
      return;
    }
    const pi = ctx.cls.params.get('usePodIdentity')?.value.value ?? '';
    if (!PARSE_BOOL_TRUE.includes(pi)) {
      ctx.report({
        span: p.keySpan,
        severity: 'hint',
        message: `${q('preferredAddressType')} only applies to EKS Pod Identity; without ${q('usePodIdentity: "true"')} ASCP uses IRSA and ignores it.`,
      });
    }
  },
};
