// One set of AWS credentials (a profile of the default provider chain) and its clients per region.
// Profile and region come only from the settings the client sent (and the process environment the
// user started the editor with); endpoints only from the environment (AWS_ENDPOINT_URL,
// AWS_ENDPOINT_URL_SSM, AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL_STS) or the profile's
// endpoint_url, which the SDK reads itself. Nothing a document says reaches here but a region name
// that passed isRegion().
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import { loadSdk, type Sdk } from './sdk';

/** A region name: `us-east-1`, `us-gov-west-1`, `cn-north-1`, `eu-central-2`... and nothing else. */
export function isRegion(s: string | undefined): s is string {
  return typeof s === 'string' && /^[a-z]{2}(-[a-z0-9]{1,16}){1,3}-\d{1,2}$/.test(s) && s.length <= 32;
}

export interface SessionSettings {
  /** '' = the default chain's (AWS_PROFILE or default) */
  profile: string;
  /** '' = the profile's (or AWS_REGION's) */
  region: string;
}

export interface SessionOptions {
  /** TCP connect timeout (default 3 s) */
  connectTimeoutMs?: number;
  /** whole request timeout (default 20 s) */
  requestTimeoutMs?: number;
}

type CredentialProvider = SSMClient['config']['credentials'];

export class AwsSession {
  private readonly clients = new Map<string, SSMClient | SecretsManagerClient | STSClient>();
  account: string | undefined;
  callerArn: string | undefined;

  private constructor(
    private readonly sdk: Sdk,
    readonly profile: string | undefined,
    /** the region for classes without `region`; undefined when neither settings nor profile say */
    readonly defaultRegion: string | undefined,
    private readonly credentials: CredentialProvider | undefined,
    private readonly options: SessionOptions,
  ) {}

  /** Loads the SDK and works out the default region; makes no AWS call. */
  static async open(settings: SessionSettings, options: SessionOptions = {}): Promise<AwsSession> {
    const sdk = await loadSdk();
    const profile = settings.profile.trim() === '' ? undefined : settings.profile.trim();
    const probe = new sdk.sts.STSClient(AwsSession.baseConfig(profile, options));
    let region: string | undefined = isRegion(settings.region) ? settings.region : undefined;
    if (!region) {
      try {
        const r = await probe.config.region();
        region = isRegion(r) ? r : undefined;
      } catch {
        region = undefined;
      }
    }
    probe.destroy();
    const session = new AwsSession(sdk, profile, region, undefined, options);
    return session.withSharedCredentials();
  }

  private static baseConfig(profile: string | undefined, options: SessionOptions) {
    return {
      ...(profile ? { profile } : {}),
      // Retries are ours (errors.ts withRetry): exponential back-off that a cancellation interrupts.
      maxAttempts: 1,
      requestHandler: {
        connectionTimeout: options.connectTimeoutMs ?? 3000,
        requestTimeout: options.requestTimeoutMs ?? 20000,
      },
    };
  }

  /** Every client shares one credential provider: SSO and process credentials are resolved once. */
  private withSharedCredentials(): AwsSession {
    const sts = new this.sdk.sts.STSClient({
      ...AwsSession.baseConfig(this.profile, this.options),
      region: this.defaultRegion ?? 'us-east-1',
    });
    const shared = new AwsSession(
      this.sdk,
      this.profile,
      this.defaultRegion,
      sts.config.credentials,
      this.options,
    );
    shared.clients.set(`sts:${this.defaultRegion ?? 'us-east-1'}`, sts);
    return shared;
  }

  private config(region: string) {
    return {
      ...AwsSession.baseConfig(this.profile, this.options),
      region,
      ...(this.credentials ? { credentials: this.credentials } : {}),
    };
  }

  get modules(): Sdk {
    return this.sdk;
  }

  ssm(region: string): SSMClient {
    const key = `ssm:${region}`;
    let c = this.clients.get(key) as SSMClient | undefined;
    if (!c) {
      c = new this.sdk.ssm.SSMClient(this.config(region));
      this.clients.set(key, c);
    }
    return c;
  }

  secretsManager(region: string): SecretsManagerClient {
    const key = `sm:${region}`;
    let c = this.clients.get(key) as SecretsManagerClient | undefined;
    if (!c) {
      c = new this.sdk.sm.SecretsManagerClient(this.config(region));
      this.clients.set(key, c);
    }
    return c;
  }

  sts(): STSClient {
    const region = this.defaultRegion ?? 'us-east-1';
    const key = `sts:${region}`;
    let c = this.clients.get(key) as STSClient | undefined;
    if (!c) {
      c = new this.sdk.sts.STSClient(this.config(region));
      this.clients.set(key, c);
    }
    return c;
  }

  /** GetCallerIdentity: proves the credentials and names the account. */
  async identify(signal?: AbortSignal): Promise<string | undefined> {
    const out = await this.sts().send(new this.sdk.sts.GetCallerIdentityCommand({}), {
      abortSignal: signal,
    });
    this.account = out.Account;
    this.callerArn = out.Arn;
    return out.Account;
  }

  destroy(): void {
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }
}
