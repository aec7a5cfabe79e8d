import { spc } from '../rule';
import { jmesRule } from './rule-factory';

export const jmespathCrash = jmesRule({
  code: 'jmespath-crash',
  severity: 'error',
  title: 'A jmesPath `path` that makes go-jmespath panic',
  ascp: 'Some expressions make go-jmespath v0.4.0 panic (for example calling `merge()` on a non-object, or `contains()` on two objects). ASCP has no recover(), so the provider process crashes on the mount and every pod on the node that mounts secrets at that moment fails until it restarts. The driver reports the broken call: `failed to mount secrets store objects for pod <namespace>/<pod>, err: rpc error: code = Unavailable desc = ...`.',
  predicts:
    'failed to mount secrets store objects for pod <namespace>/<pod>, err: rpc error: code = Unavailable desc = <connection error>',
  fix: 'Rewrite the expression so its functions get the argument types they expect.',
  source:
    'provider/secret_value.go:36 (jmespath.Search without recover); go-jmespath v0.4.0 functions.go:517-524 (merge); driver: pkg/secrets-store/provider_client.go:238-244, nodeserver.go:251',
  examples: {
    trigger: spc(
      '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: "merge(`1`)"\n      objectAlias: MERGED',
    ),
    nearMiss: spc(
      '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: "to_string(merge(`{}`))"\n      objectAlias: MERGED',
    ),
  },
});
