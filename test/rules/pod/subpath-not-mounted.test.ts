// subpath-not-mounted: with subPath kubelet bind-mounts one entry of the volume; ASCP writes only the files
// the class's objects produce (alias or name, `/` translated to `_`), so any other subPath leaves the
// container without the secret (provider/secret_descriptor.go:118-132). A warning on subPath (an error
// when it is absolute, which the API server rejects), with the mounted file as fix.
import { subpathNotMounted } from '../../../server/src/core/rules/pod/subpath-not-mounted';
import { docs, job, pod, ruleTester, secretProviderClass, type MountOptions } from '../../support';

const OBJECTS = `- objectName: "/prod/db/password"
  objectType: "ssmparameter"
- objectName: "prod/api"
  objectType: "secretsmanager"
  objectAlias: api-key`;
const cls = secretProviderClass({ objects: OBJECTS });
const withMount = (m: MountOptions, build = pod) => docs(cls, build({ containers: [{ mounts: [m] }] }));
const FILES = 'Mounted files: `_prod_db_password`, `api-key`.';

ruleTester.run(subpathNotMounted, {
  valid: [
    withMount({ mountPath: '/etc/db-password', subPath: '_prod_db_password' }),
    withMount({ mountPath: '/etc/api-key', subPath: 'api-key' }),
    // a volume-level pathTranslation overrides the class's: the file is -prod-db-password
    docs(
      cls,
      pod({
        containers: [{ mounts: [{ mountPath: '/etc/p', subPath: '-prod-db-password' }] }],
        volumes: [{ attributes: { pathTranslation: '"-"' } }],
      }),
    ),
  ],
  invalid: [
    {
      name: 'the objectName instead of the file name: a sure fix',
      manifest: withMount({ mountPath: '/etc/db-password', subPath: '⟦prod/db/password⟧' }),
      message: `Class \`app-secrets\` mounts no file named \`prod/db/password\`, so \`/etc/db-password\` in container \`app\` will not hold a secret: kubelet creates the missing subPath instead. ${FILES} Did you mean \`_prod_db_password\`?`,
      fixes: [
        {
          title: 'Use subPath _prod_db_password',
          output: withMount({ mountPath: '/etc/db-password', subPath: '_prod_db_password' }),
          safeForFixAll: false,
        },
      ],
    },
    {
      name: 'the objectName of an aliased entry',
      manifest: withMount({ mountPath: '/etc/api-key', subPath: '⟦prod/api⟧' }, job),
      message: `Class \`app-secrets\` mounts no file named \`prod/api\` (that is how the object is written; ASCP names the file \`api-key\`), so \`/etc/api-key\` in container \`app\` will not hold a secret: kubelet creates the missing subPath instead. ${FILES}`,
      fixes: [
        {
          title: 'Use subPath api-key',
          output: withMount({ mountPath: '/etc/api-key', subPath: 'api-key' }, job),
          safeForFixAll: true,
        },
      ],
    },
    {
      name: 'nothing close: no fix',
      manifest: withMount({ mountPath: '/etc/token', subPath: '⟦token⟧' }),
      message: `Class \`app-secrets\` mounts no file named \`token\`, so \`/etc/token\` in container \`app\` will not hold a secret: kubelet creates the missing subPath instead. ${FILES}`,
    },
    {
      name: 'an absolute subPath: the API server rejects it',
      manifest: withMount({ mountPath: '/etc/db-password', subPath: '⟦/prod/db/password⟧' }),
      message:
        '`subPath` must be a relative path inside the volume: the API server rejects the workload (`Pod "web" is invalid: spec.containers[0].volumeMounts[0].subPath: Invalid value: "/prod/db/password": must be a relative path`). ASCP names this object\'s file `_prod_db_password`.',
      severity: 'error',
      fixes: [
        {
          title: 'Use subPath _prod_db_password',
          output: withMount({ mountPath: '/etc/db-password', subPath: '_prod_db_password' }),
          safeForFixAll: true,
        },
      ],
    },
  ],
});
