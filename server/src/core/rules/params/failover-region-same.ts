import type { Rule } from '../rule';
import { q, spc } from '../rule';

export const failoverRegionSame: Rule = {
  meta: {
    code: 'failover-region-same',
    severity: 'error',
    title: '`failoverRegion` equals `region`',
    ascp: 'ASCP refuses a failover region equal to the primary one: `<region>: failover region cannot be the same as the primary region`.',
    predicts: '<region>: failover region cannot be the same as the primary region',
    fix: 'Use a different region for `failoverRegion`, or remove it.',
    source: 'server/server.go:283-289',
    examples: {
      trigger: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', {
        region: 'us-east-1',
        failoverRegion: 'us-east-1',
      }),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', {
        region: 'us-east-1',
        failoverRegion: 'us-west-2',
      }),
    },
  },
  checkClass(ctx) {
    if (!ctx.region || ctx.failoverRegion !== ctx.region) return;
    const p = ctx.cls.params.get('failoverRegion');
    if (!p) return;
    ctx.report({
      span: p.value.span,
      message: `${q('failoverRegion')} is the primary region: every mount fails with \`${ctx.region}: failover region cannot be the same as the primary region\`. Pick another region.`,
      related: [
        { span: ctx.cls.params.get('region')?.value.span ?? p.keySpan, message: 'the primary region' },
      ],
    });
  },
};
