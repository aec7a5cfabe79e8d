// Secret and parameter values for jmesPath checks: fetched only when value checks are on, held in
// memory only (never on disk, never logged), fresh for a short TTL, served a little longer while a
// refresh is under way (no flicker of diagnostics), then dropped.
import type { GetParametersCommandOutput } from '@aws-sdk/client-ssm';
import type { ObjectKind } from '../service/providers';
import { failureOf, isAbort, withRetry, type Classified, type RetryOptions } from './errors';
import type { Limiter } from './limiter';
import { PRIORITY } from './catalog';
import type { AwsSession } from './session';

/** A value as ASCP fetches it: kind, name (or ARN), region, and version or label. */
export interface ResolvedRef {
  kind: ObjectKind;
  name: string;
  region: string;
  version?: string | undefined;
  label?: string | undefined;
}

interface Entry {
  /** undefined: AWS said there is no such object (or version) */
  value: string | undefined;
  fetchedAt: number;
}

export function refKey(r: ResolvedRef): string {
  return JSON.stringify([r.kind, r.region, r.name, r.version ?? '', r.label ?? '']);
}

export interface ValueDeps {
  session(): AwsSession | undefined;
  limiter: Limiter;
  retry: Pick<RetryOptions, 'attempts' | 'baseMs' | 'capMs'>;
  now(): number;
  /** fresh for this long */
  freshMs: number;
  /** dropped after this long */
  maxAgeMs: number;
  onProblem(c: Classified): void;
}

export class ValueStore {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<void>>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly deps: ValueDeps) {}

  /** The value, when fetched less than maxAge ago (sync: analysis reads it). */
  peek(r: ResolvedRef): string | undefined {
    const e = this.entries.get(refKey(r));
    if (!e || this.deps.now() - e.fetchedAt > this.deps.maxAgeMs) return undefined;
    return e.value;
  }

  /** Whether AWS answered for this ref recently (a value, or that there is none). */
  known(r: ResolvedRef): boolean {
    const e = this.entries.get(refKey(r));
    return !!e && this.deps.now() - e.fetchedAt <= this.deps.freshMs;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Fetches what is missing or stale; resolves true when any value changed. */
  async fetch(refs: ResolvedRef[], signal?: AbortSignal): Promise<boolean> {
    const todo = new Map<string, ResolvedRef>();
    const waits: Promise<void>[] = [];
    for (const r of refs) {
      const k = refKey(r);
      const running = this.inflight.get(k);
      if (running) waits.push(running);
      else if (!this.known(r)) todo.set(k, r);
    }
    let changed = false;
    const set = (r: ResolvedRef, value: string | undefined) => {
      const k = refKey(r);
      const before = this.entries.get(k);
      if (!before || before.value !== value) changed = true;
      this.entries.set(k, { value, fetchedAt: this.deps.now() });
    };
    const session = this.deps.session();
    if (!session || todo.size === 0) {
      await Promise.allSettled(waits);
      return false;
    }
    const jobs: Promise<void>[] = [];
    const sm = [...todo.values()].filter((r) => r.kind === 'secretsmanager');
    const ssm = [...todo.values()].filter((r) => r.kind === 'ssmparameter');
    for (const r of sm) jobs.push(this.track([r], this.fetchSecret(session, r, set, signal)));
    for (const batch of ssmBatches(ssm))
      jobs.push(this.track(batch, this.fetchParameters(session, batch, set, signal)));
    this.startTimer();
    await Promise.allSettled([...jobs, ...waits]);
    return changed;
  }

  private track(refs: ResolvedRef[], p: Promise<void>): Promise<void> {
    for (const r of refs) this.inflight.set(refKey(r), p);
    return p.finally(() => {
      for (const r of refs) if (this.inflight.get(refKey(r)) === p) this.inflight.delete(refKey(r));
    });
  }

  private async fetchSecret(
    session: AwsSession,
    r: ResolvedRef,
    set: (r: ResolvedRef, v: string | undefined) => void,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const sdk = session.modules;
    const operation = 'secretsmanager:GetSecretValue';
    try {
      const out = await this.deps.limiter.run(
        () =>
          withRetry(
            () =>
              session.secretsManager(r.region).send(
                new sdk.sm.GetSecretValueCommand({
                  SecretId: r.name,
                  ...(r.version ? { VersionId: r.version } : {}),
                  ...(r.label ? { VersionStage: r.label } : {}),
                }),
                { abortSignal: signal },
              ),
            { ...this.deps.retry, signal, operation, region: r.region },
          ),
        PRIORITY.value,
        signal,
      );
      // ASCP uses SecretString, else the SecretBinary bytes.
      const value =
        out.SecretString ?? (out.SecretBinary ? Buffer.from(out.SecretBinary).toString('utf8') : undefined);
      set(r, value);
    } catch (e) {
      if (isAbort(e, signal)) return;
      const f = failureOf(e, operation, r.region);
      // Known for a while as "no value": a denial or a bad name is not asked again on every keystroke.
      set(r, undefined);
      if (f.code !== 'not-found') this.deps.onProblem(f);
    }
  }

  private async fetchParameters(
    session: AwsSession,
    batch: ResolvedRef[],
    set: (r: ResolvedRef, v: string | undefined) => void,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const sdk = session.modules;
    const region = (batch[0] as ResolvedRef).region;
    const operation = 'ssm:GetParameters';
    // ASCP sends name:version, else name:label, with decryption.
    const sent = batch.map((r) => r.name + (r.version ? `:${r.version}` : r.label ? `:${r.label}` : ''));
    try {
      const out: GetParametersCommandOutput = await this.deps.limiter.run(
        () =>
          withRetry(
            () =>
              session
                .ssm(region)
                .send(new sdk.ssm.GetParametersCommand({ Names: sent, WithDecryption: true }), {
                  abortSignal: signal,
                }),
            { ...this.deps.retry, signal, operation, region },
          ),
        PRIORITY.value,
        signal,
      );
      const params = out.Parameters ?? [];
      batch.forEach((r, i) => {
        const p = params.find(
          (x) =>
            x.Name === r.name || x.ARN === r.name || (x.Name !== undefined && sameSsmName(x.Name, r.name)),
        );
        const invalid = (out.InvalidParameters ?? []).includes(sent[i] as string);
        if (p && !invalid) set(r, p.Value);
        else set(r, undefined);
      });
    } catch (e) {
      if (isAbort(e, signal)) return;
      for (const r of batch) set(r, undefined);
      this.deps.onProblem(failureOf(e, operation, region));
    }
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.purge(), Math.max(1000, Math.min(30000, this.deps.maxAgeMs / 2)));
    this.timer.unref?.();
  }

  /** Drops values older than maxAge. */
  purge(): void {
    const now = this.deps.now();
    for (const [k, e] of this.entries) if (now - e.fetchedAt > this.deps.maxAgeMs) this.entries.delete(k);
    if (this.entries.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  clear(): void {
    this.entries.clear();
    this.inflight.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

function sameSsmName(a: string, b: string): boolean {
  const strip = (s: string) => (s.startsWith('/') && s.indexOf('/', 1) < 0 ? s.slice(1) : s);
  return strip(a) === strip(b);
}

/** GetParameters takes 10 names; one name appears once per call (responses are matched by name). */
function ssmBatches(refs: ResolvedRef[]): ResolvedRef[][] {
  const byRegion = new Map<string, ResolvedRef[]>();
  for (const r of refs) byRegion.set(r.region, [...(byRegion.get(r.region) ?? []), r]);
  const out: ResolvedRef[][] = [];
  for (const list of byRegion.values()) {
    const open: ResolvedRef[][] = [];
    for (const r of list) {
      let b = open.find((x) => x.length < 10 && !x.some((y) => y.name === r.name));
      if (!b) {
        b = [];
        open.push(b);
      }
      b.push(r);
    }
    out.push(...open);
  }
  return out;
}
