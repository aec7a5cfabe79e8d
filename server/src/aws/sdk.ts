// The AWS SDK, loaded on first use only: the server starts and publishes offline diagnostics without
// evaluating any of it. esbuild keeps the modules in the bundle; `import()` defers their evaluation.
import type * as Ssm from '@aws-sdk/client-ssm';
import type * as SecretsManager from '@aws-sdk/client-secrets-manager';
import type * as Sts from '@aws-sdk/client-sts';

export type SsmModule = typeof Ssm;
export type SecretsManagerModule = typeof SecretsManager;
export type StsModule = typeof Sts;

export interface Sdk {
  ssm: SsmModule;
  sm: SecretsManagerModule;
  sts: StsModule;
}

let loading: Promise<Sdk> | undefined;
let loaded = false;
let loadMs = 0;

/** How long evaluating the SDK took (0 before). */
export function sdkLoadMs(): number {
  return loadMs;
}

/** Whether the SDK has been evaluated in this process (for status and tests). */
export function sdkLoaded(): boolean {
  return loaded;
}

export function loadSdk(): Promise<Sdk> {
  // We pin an SDK release that supports this Node; its notice about later releases is not for users.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const t0 = performance.now();
  loading ??= Promise.all([
    import('@aws-sdk/client-ssm'),
    import('@aws-sdk/client-secrets-manager'),
    import('@aws-sdk/client-sts'),
  ]).then(([ssm, sm, sts]) => {
    loaded = true;
    loadMs = performance.now() - t0;
    return { ssm, sm, sts };
  });
  return loading;
}
