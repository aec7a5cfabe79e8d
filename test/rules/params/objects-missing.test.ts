// objects-missing: a missing or empty objects parameter is no error for ASCP: the mount succeeds with an
// empty directory (provider/secret_descriptor.go:386-397). A warning on `objects` (or on `parameters`
// when the key is absent).
import { objectsMissing } from '../../../server/src/core/rules/params/objects-missing';
import { ruleTester, secretProviderClass } from '../../support';

const empty =
  '`objects` lists nothing: ASCP mounts an empty directory. Add entries such as `- objectName: "/test/parameter"` with `objectType: "ssmparameter"`.';

ruleTester.run(objectsMissing, {
  valid: [
    secretProviderClass(),
    secretProviderClass({
      objects: '# the database\n- objectName: "/test/parameter"\n  objectType: "ssmparameter"',
    }),
    // a Helm template fills it in: not judged
    {
      name: 'templated',
      manifest: secretProviderClass({ objects: '{{- toYaml .Values.objects | nindent 6 }}' }),
    },
  ],
  invalid: [
    {
      manifest: secretProviderClass({ objects: '[]' }).replace('objects:', '⟦objects⟧:'),
      message: empty,
    },
    {
      name: 'only a comment',
      manifest: secretProviderClass({ objects: '# TODO: add the secrets' }).replace('objects:', '⟦objects⟧:'),
      message: empty,
    },
    {
      name: 'no objects key: on parameters',
      manifest: secretProviderClass({ objects: null }).replace('parameters:', '⟦parameters⟧:'),
      message:
        'No `objects` parameter: ASCP mounts an empty directory. Add `objects: |` with the secrets and parameters to mount.',
    },
  ],
});
