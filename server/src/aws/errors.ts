// What went wrong with an AWS call, in the user's terms (no credentials, expired SSO, access denied,
// throttled, offline), whether to try again, and the retry loop with exponential back-off.
// Messages are our own: they name the operation and region, never a value.
import type { AwsProblemCode } from '../shared/protocol';

export interface Classified {
  code: AwsProblemCode | 'not-found' | 'aborted';
  /** worth another attempt after a pause */
  retry: boolean;
  message: string;
  /** e.g. `secretsmanager:ListSecrets` */
  operation?: string;
  region?: string | undefined;
}

const THROTTLE = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'SlowDown',
  'LimitExceededException',
]);
const DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'AuthorizationError',
  'Forbidden',
]);
const REJECTED = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const NOT_FOUND = new Set(['ResourceNotFoundException', 'ParameterNotFound', 'ParameterVersionNotFound']);
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
  errors?: unknown;
}

function firstLine(s: unknown): string {
  const text = typeof s === 'string' ? s : '';
  const line = text.split('\n')[0] ?? '';
  return line.length > 200 ? line.slice(0, 200) + '…' : line;
}

function networkCode(e: ErrorLike, depth = 0): string | undefined {
  if (depth > 3 || !e || typeof e !== 'object') return undefined;
  if (typeof e.code === 'string' && NETWORK.has(e.code)) return e.code;
  if (Array.isArray(e.errors))
    for (const x of e.errors) {
      const c = networkCode(x as ErrorLike, depth + 1);
      if (c) return c;
    }
  return networkCode(e.cause as ErrorLike, depth + 1);
}

export function isAbort(e: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  const name = (e as ErrorLike | undefined)?.name;
  return name === 'AbortError';
}

/** `operation` reads like `secretsmanager:ListSecrets`. */
export function classify(e: unknown, operation: string, region: string | undefined): Classified {
  return { ...classifyError(e, operation, region), operation, region };
}

function classifyError(e: unknown, operation: string, region: string | undefined): Classified {
  const err = (e ?? {}) as ErrorLike;
  const name = typeof err.name === 'string' ? err.name : '';
  const status = err.$metadata?.httpStatusCode;
  const where = region ? ` in ${region}` : '';
  if (name === 'AbortError') return { code: 'aborted', retry: false, message: 'cancelled' };
  if (THROTTLE.has(name) || status === 429)
    return { code: 'throttled', retry: true, message: `AWS throttled ${operation}${where}` };
  if (DENIED.has(name))
    return {
      code: 'access-denied',
      retry: false,
      message: `access denied to ${operation}${where}: ${/List|Describe/.test(operation) ? 'names there are not checked' : 'jmesPath paths are not checked against those values'}`,
    };
  if (
    EXPIRED.has(name) ||
    name === 'TokenProviderError' ||
    ((name === 'CredentialsProviderError' || name === 'Error') &&
      /expired|sso session/i.test(firstLine(err.message)))
  )
    return {
      code: 'expired-credentials',
      retry: false,
      message: `the AWS credentials have expired (${firstLine(err.message) || name}); sign in again (for SSO: aws sso login)`,
    };
  if (name === 'CredentialsProviderError')
    return {
      code: 'no-credentials',
      retry: false,
      message: `no AWS credentials: ${firstLine(err.message) || 'none found'}`,
    };
  if (REJECTED.has(name))
    return { code: 'no-credentials', retry: false, message: `AWS rejected the credentials (${name})` };
  if (NOT_FOUND.has(name)) return { code: 'not-found', retry: false, message: `${name}` };
  if (name === 'InvalidRegion' || /invalid region/i.test(firstLine(err.message)))
    return { code: 'invalid-region', retry: false, message: `invalid region${where}` };
  const net = networkCode(err);
  if (net || name === 'TimeoutError' || name === 'RequestTimeout' || name === 'RequestTimeoutException')
    return {
      code: 'offline',
      retry: true,
      message: `cannot reach AWS for ${operation}${where} (${net ?? name})`,
    };
  if (status !== undefined && status >= 500)
    return { code: 'error', retry: true, message: `AWS failed ${operation}${where} (${name || status})` };
  return { code: 'error', retry: false, message: `${operation}${where} failed (${name || 'error'})` };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

export interface RetryOptions {
  signal?: AbortSignal | undefined;
  /** attempts in all (default 6) */
  attempts?: number;
  /** first pause (default 200 ms), doubled each time, with jitter */
  baseMs?: number;
  /** longest pause (default 8 s) */
  capMs?: number;
  /** network failures are tried this many times in all (default 2): being offline is said quickly */
  networkAttempts?: number;
  operation: string;
  region: string | undefined;
  onRetry?(c: Classified, attempt: number, delayMs: number): void;
}

/** Runs `fn`, pausing and trying again on throttling, 5xx and network errors. Throws a Classified-bearing error. */
export async function withRetry<T>(fn: () => Promise<T>, o: RetryOptions): Promise<T> {
  const attempts = o.attempts ?? 6;
  const base = o.baseMs ?? 200;
  const cap = o.capMs ?? 8000;
  for (let attempt = 1; ; attempt++) {
    if (o.signal?.aborted) throw abortError();
    try {
      return await fn();
    } catch (e) {
      if (isAbort(e, o.signal)) throw abortError();
      const c = classify(e, o.operation, o.region);
      const limit = c.code === 'offline' ? Math.min(attempts, o.networkAttempts ?? 2) : attempts;
      if (!c.retry || attempt >= limit) throw new AwsFailure(c, e);
      const delay = Math.min(cap, base * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
      o.onRetry?.(c, attempt, delay);
      await sleep(delay, o.signal);
    }
  }
}

/** An AWS call that failed for good, with what it means. */
export class AwsFailure extends Error {
  constructor(
    readonly classified: Classified,
    readonly original?: unknown,
  ) {
    super(classified.message);
    this.name = 'AwsFailure';
  }
}

export function failureOf(e: unknown, operation: string, region: string | undefined): Classified {
  if (e instanceof AwsFailure) return e.classified;
  return classify(e, operation, region);
}
