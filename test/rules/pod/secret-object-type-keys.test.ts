// secret-object-type-keys: the API server validates typed Secrets: kubernetes.io/tls needs tls.crt and
// tls.key, basic-auth username or password, ssh-auth ssh-privatekey, dockerconfigjson .dockerconfigjson;
// otherwise the synced Secret is rejected (kubernetes ValidateSecret). Reported on the type.
import { secretObjectTypeKeys } from '../../../server/src/core/rules/pod/secret-object-type-keys';
import { deployment, docs, ruleTester, secretProviderClass, TLS_OBJECTS } from '../../support';

const withData = (type: string, keys: string[]) =>
  docs(
    secretProviderClass({
      objects: TLS_OBJECTS,
      secretObjects: `- secretName: web-tls\n  type: ${type}\n  data:\n${keys
        .map((k, i) => `    - objectName: ${i % 2 === 0 ? 'cert.pem' : 'key.pem'}\n      key: ${k}`)
        .join('\n')}`,
    }),
    deployment(),
  );

ruleTester.run(secretObjectTypeKeys, {
  valid: [
    withData('kubernetes.io/tls', ['tls.crt', 'tls.key']),
    withData('kubernetes.io/basic-auth', ['password']),
    withData('Opaque', ['anything']),
    // an unsupported TLS key is secret-object-tls-key's to report; fixing it fixes this too
    {
      name: 'an unsupported tls key',
      manifest: withData('kubernetes.io/tls', ['tls.crt', 'tls.pem']),
      allow: ['secret-object-tls-key'],
    },
  ],
  invalid: [
    {
      name: 'tls without its private key',
      manifest: withData('⟦kubernetes.io/tls⟧', ['tls.crt']),
      message:
        'A Secret of type `kubernetes.io/tls` must have the key `tls.key`: the API server rejects the synced Secret (`Secret "web-tls" is invalid: data[tls.key]: Required value`), so it is never created. Add it to `data`, or use `type: Opaque`.',
    },
    {
      name: 'basic-auth with neither username nor password',
      manifest: withData('⟦"kubernetes.io/basic-auth"⟧', ['user', 'pass']),
      message:
        'A Secret of type `kubernetes.io/basic-auth` must have the keys `username` or `password`: the API server rejects the synced Secret (`Secret "web-tls" is invalid: data[username]: Required value, data[password]: Required value`), so it is never created. Add one of them to `data`, or use `type: Opaque`.',
    },
    {
      name: 'ssh-auth',
      manifest: withData('⟦kubernetes.io/ssh-auth⟧', ['id_rsa']),
      message:
        'A Secret of type `kubernetes.io/ssh-auth` must have the key `ssh-privatekey`: the API server rejects the synced Secret (`Secret "web-tls" is invalid: data[ssh-privatekey]: Required value`), so it is never created. Add it to `data`, or use `type: Opaque`.',
    },
  ],
});
