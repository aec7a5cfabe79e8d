// failover-region-same: ASCP refuses a failoverRegion equal to the primary region (server/server.go:283-289).
// Reported on the failoverRegion value, with the region as related location.
import { failoverRegionSame } from '../../../server/src/core/rules/params/failover-region-same';
import { ruleTester, secretProviderClass } from '../../support';

const message = (region: string) =>
  `\`failoverRegion\` is the primary region: every mount fails with \`${region}: failover region cannot be the same as the primary region\`. Pick another region.`;

ruleTester.run(failoverRegionSame, {
  valid: [
    secretProviderClass({ params: { failoverRegion: 'us-west-2' } }),
    // an empty failover region is no failover region
    secretProviderClass({ params: { failoverRegion: '""' } }),
    {
      name: 'no primary region: ASCP takes it from the node, which cannot be compared here',
      manifest: secretProviderClass({ region: null, params: { failoverRegion: 'us-east-1' } }),
    },
  ],
  invalid: [
    {
      manifest: secretProviderClass({ region: '⟪us-east-1⟫', params: { failoverRegion: '⟦us-east-1⟧' } }),
      message: message('us-east-1'),
      related: ['the primary region'],
    },
    {
      name: 'quoted values: the span covers the quotes',
      manifest: secretProviderClass({
        region: '⟪"eu-west-1"⟫',
        params: { pathTranslation: '"-"', failoverRegion: "⟦'eu-west-1'⟧" },
      }),
      message: message('eu-west-1'),
    },
  ],
});
