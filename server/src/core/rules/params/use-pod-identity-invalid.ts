import type { Rule } from '../rule';
import { q, spc } from '../rule';

/** Go's strconv.ParseBool accepts exactly these. */
export const PARSE_BOOL_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
export const PARSE_BOOL_FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

export const usePodIdentityInvalid: Rule = {
  meta: {
    code: 'use-pod-identity-invalid',
    severity: 'error',
    title: '`usePodIdentity` is not a Go boolean',
    ascp: 'ASCP parses `usePodIdentity` with Go\'s strconv.ParseBool, which accepts only 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False. Anything else (`yes`, `on`, `enabled`) fails the mount: `failed to parse usePodIdentity value, error: strconv.ParseBool: parsing "yes": invalid syntax`.',
    predicts:
      'failed to parse usePodIdentity value, error: strconv.ParseBool: parsing "<value>": invalid syntax',
    fix: 'Write `usePodIdentity: "true"` (EKS Pod Identity) or remove it (IRSA).',
    source: 'server/server.go:166-173',
    examples: {
      trigger: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', {
        usePodIdentity: '"yes"',
      }),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', {
        usePodIdentity: '"true"',
      }),
    },
  },
  checkClass(ctx) {
    const p = ctx.cls.params.get('usePodIdentity');
    if (!p || p.value.kind !== 'string') return;
    const v = p.value.value;
    if (v === '' || PARSE_BOOL_TRUE.includes(v) || PARSE_BOOL_FALSE.includes(v)) return;
    const lower = v.trim().toLowerCase();
    const meant = ['yes', 'on', 'y', 'enabled', 'enable', 'true'].includes(lower)
      ? 'true'
      : ['no', 'off', 'n', 'disabled', 'disable', 'false'].includes(lower)
        ? 'false'
        : undefined;
    ctx.report({
      span: p.value.span,
      message: `${q(v)} is not a Go boolean: every mount fails with \`failed to parse usePodIdentity value, error: strconv.ParseBool: parsing "${v}": invalid syntax\`. Use ${q('"true"')} or ${q('"false"')}.`,
      fixes: meant
        ? [
            {
              title: `Use "${meant}"`,
              edits: [{ span: p.value.span, newText: `"${meant}"` }],
              safeForFixAll: true,
            },
          ]
        : [],
    });
  },
};
