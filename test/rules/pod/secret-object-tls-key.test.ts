// secret-object-tls-key: for type kubernetes.io/tls the sync extracts the certificate (tls.crt) or the
// private key (tls.key) from each file's PEM; any other key fails the sync (driver secretutil/secret.go:
// 46-54,207-214). Reported on the key, with the likely one (or both) as fixes.
import { secretObjectTlsKey } from '../../../server/src/core/rules/pod/secret-object-tls-key';
import { deployment, docs, ruleTester, secretProviderClass, TLS_OBJECTS } from '../../support';

const withKeys = (crt: string, key: string, type = 'kubernetes.io/tls') =>
  docs(
    secretProviderClass({
      objects: TLS_OBJECTS,
      secretObjects: `- secretName: ingress-tls\n  type: ${type}\n  data:\n    - objectName: cert.pem\n      key: ${crt}\n    - objectName: key.pem\n      key: ${key}`,
    }),
    deployment(),
  );
const message = (key: string, likely?: string) =>
  `A \`kubernetes.io/tls\` secret only takes the keys \`tls.crt\` and \`tls.key\`: the sync fails with \`key '${key}' is not supported. Only 'tls.key' and 'tls.crt' are supported\` and Secret \`ingress-tls\` is not created.${likely ? ` Did you mean \`${likely}\`?` : ''}`;

ruleTester.run(secretObjectTlsKey, {
  valid: [
    withKeys('tls.crt', 'tls.key'),
    withKeys('"tls.crt"', "'tls.key'"),
    // any key in an Opaque secret
    withKeys('cert', 'key', 'Opaque'),
  ],
  invalid: [
    {
      name: 'a certificate under another name',
      manifest: withKeys('⟦tls.cert⟧', 'tls.key'),
      message: message('tls.cert', 'tls.crt'),
      fixes: [{ title: 'Use key tls.crt', output: withKeys('tls.crt', 'tls.key'), safeForFixAll: false }],
      // secret-object-type-keys waits for this one to be fixed
    },
    {
      name: 'a private key under another name; quoting kept',
      manifest: withKeys('tls.crt', '⟦"private"⟧'),
      message: message('private', 'tls.key'),
      fixes: [{ title: 'Use key tls.key', output: withKeys('tls.crt', '"tls.key"') }],
    },
    {
      name: 'no telling which: both keys offered',
      manifest: withKeys('tls.crt', '⟦ca⟧'),
      message: message('ca'),
      fixes: [
        { title: 'Use key tls.crt', output: withKeys('tls.crt', 'tls.crt') },
        { title: 'Use key tls.key', output: withKeys('tls.crt', 'tls.key') },
      ],
      // two tls.crt items leave the Secret without tls.key
      allowAfterFix: ['secret-object-type-keys'],
    },
  ],
});
