// unknown-parameter: ASCP reads its parameters with exact, case-sensitive map lookups and ignores every
// other key (server/server.go:125-133). A warning on a key one or two edits away from a known one, with
// a rename; unrelated keys and kubelet's csi.storage.k8s.io/* keys are left alone.
import { unknownParameter } from '../../../server/src/core/rules/params/unknown-parameter';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (params: Record<string, string>, region: string | null = null) =>
  secretProviderClass({ params, region });
const message = (key: string, known: string) =>
  `ASCP ignores \`${key}\` (parameter names are exact and case-sensitive): did you mean \`${known}\`?`;

ruleTester.run(unknownParameter, {
  valid: [
    cls({ region: 'us-east-1', failoverRegion: 'us-west-2', usePodIdentity: '"true"' }),
    cls({ 'csi.storage.k8s.io/pod.namespace': 'default' }, 'us-east-1'),
    // not close to any parameter: someone else's key, not a typo
    cls({ team: 'payments' }, 'us-east-1'),
    // `region` is set: `Region` is not a misspelling of a missing key
    { name: 'the known key is also there', manifest: cls({ Region: 'us-west-2' }, 'us-east-1') },
  ],
  invalid: [
    {
      manifest: cls({ '⟦Region⟧': 'us-east-1' }),
      message: message('Region', 'region'),
      fixes: [{ title: 'Rename to region', output: cls({ region: 'us-east-1' }), safeForFixAll: true }],
    },
    {
      name: 'a transposition',
      manifest: cls({ '⟦usePodIdentiy⟧': '"true"' }, 'us-east-1'),
      message: message('usePodIdentiy', 'usePodIdentity'),
      fixes: [{ title: 'Rename to usePodIdentity', output: cls({ usePodIdentity: '"true"' }, 'us-east-1') }],
    },
    {
      name: 'failoverregion in lower case',
      manifest: cls({ '⟦failoverregion⟧': 'us-west-2' }, 'us-east-1'),
      message: message('failoverregion', 'failoverRegion'),
      fixes: [
        { title: 'Rename to failoverRegion', output: cls({ failoverRegion: 'us-west-2' }, 'us-east-1') },
      ],
    },
  ],
});
