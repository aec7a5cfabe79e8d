// AWS knowledge for the server and the CLI: credentials (default provider chain, a profile),
// catalogs of names per kind and region, values for jmesPath checks, and a status that says each
// problem once. Implements NameProvider and ValueProvider, and gives the core its synchronous
// lookups (CatalogLookup, SecretLookup) over what was fetched. Nothing here blocks the offline
// analysis: callers publish first, call need(), and re-analyse when onFacts fires.
import { decodeJsonLikeGo, jmesPathsToStrings, shapeOf } from '../core/jmespath/index';
import { inferType, isArn, parseArn, VALID_TYPES } from '../core/rules/names';
import type { CatalogLookup, ObjectWhere, SecretLookup } from '../core/rules/rule';
import type {
  CatalogAnswer,
  CatalogItem,
  CatalogQuery,
  NameProvider,
  ObjectKind,
  ObjectRef,
  ValueProvider,
} from '../service/providers';
import { DEFAULT_SETTINGS, type AscpStatus, type AwsProblem, type AwsSettings } from '../shared/protocol';
import { Catalogs, operationOf } from './catalog';
import { abortError, failureOf, isAbort, type Classified } from './errors';
import { Limiter } from './limiter';
import type { Needs } from './needs';
import { sdkLoaded, sdkLoadMs } from './sdk';
import { AwsSession, isRegion, type SessionOptions } from './session';
import { ValueStore, type ResolvedRef } from './values';

export interface AwsServiceOptions {
  /** problems, each once (the server's log, the CLI's stderr) */
  log?(message: string): void;
  /** what happened, for the server's log only (never a value) */
  trace?(message: string): void;
  onStatus?(status: AscpStatus): void;
  /** new names or values arrived: re-analyse the documents that need AWS */
  onFacts?(): void;
  /** a full listing is refreshed after this long (default 5 min) */
  catalogTtlMs?: number;
  /** values are fresh this long (default 60 s) ... */
  valueTtlMs?: number;
  /** ... and dropped after this long (default 5 min) */
  valueMaxAgeMs?: number;
  /** completion waits at most this long for AWS when the cache has nothing (default 250 ms) */
  completionBudgetMs?: number;
  /** AWS calls in flight at once (default 4) */
  maxConcurrency?: number;
  retry?: { attempts?: number; baseMs?: number; capMs?: number };
  session?: SessionOptions;
  now?(): number;
}

const KINDS: ObjectKind[] = ['secretsmanager', 'ssmparameter'];

function problemOf(c: Classified, service?: AwsProblem['service'], region?: string): AwsProblem {
  const p: AwsProblem = {
    code: c.code === 'not-found' || c.code === 'aborted' ? 'error' : c.code,
    message: c.message,
  };
  if (service) p.service = service;
  if (region) p.region = region;
  return p;
}

function serviceOf(operation: string): AwsProblem['service'] {
  return operation.startsWith('ssm:') ? 'ssm' : operation.startsWith('sts:') ? 'sts' : 'secretsmanager';
}

export class AwsService implements NameProvider, ValueProvider {
  private settings: AwsSettings = { ...DEFAULT_SETTINGS.aws };
  private session: AwsSession | undefined;
  private opening: Promise<AwsSession | undefined> | undefined;
  private sessionFailure: { problem: Classified; at: number } | undefined;
  private readonly limiter: Limiter;
  private readonly catalogs: Catalogs;
  private readonly values: ValueStore;
  private readonly pending = new Set<Promise<unknown>>();
  private problem: AwsProblem | undefined;
  private readonly said = new Set<string>();
  private lastStatus = '';
  private epoch = 0;
  private readonly now: () => number;
  private disposed = false;

  constructor(private readonly opts: AwsServiceOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.limiter = new Limiter(opts.maxConcurrency ?? 4);
    const retry = opts.retry ?? {};
    this.catalogs = new Catalogs({
      session: () => this.session,
      limiter: this.limiter,
      retry,
      now: this.now,
      ttlMs: opts.catalogTtlMs ?? 5 * 60_000,
      onChange: () => this.opts.onFacts?.(),
      onState: () => this.emitStatus(),
      onProblem: (c) => this.report(c),
    });
    this.values = new ValueStore({
      session: () => this.session,
      limiter: this.limiter,
      retry,
      now: this.now,
      freshMs: opts.valueTtlMs ?? 60_000,
      maxAgeMs: opts.valueMaxAgeMs ?? 5 * 60_000,
      onProblem: (c) => this.report(c),
    });
  }

  /** Applies settings; a different profile or region (or turning AWS off) forgets everything. */
  configure(s: AwsSettings): void {
    const before = this.settings;
    this.settings = { ...s };
    const identityChanged =
      before.enabled !== s.enabled || before.profile !== s.profile || before.region !== s.region;
    if (identityChanged) this.reset();
    else if (before.checkValues && !s.checkValues) this.values.clear();
    this.emitStatus();
    if (identityChanged || before.checkValues !== s.checkValues) this.opts.onFacts?.();
  }

  get current(): AwsSettings {
    return this.settings;
  }

  /** Forgets credentials, catalogs, values and problems; cancels what is in flight. */
  private reset(): void {
    this.epoch++;
    this.catalogs.clear();
    this.values.clear();
    this.session?.destroy();
    this.session = undefined;
    this.opening = undefined;
    this.sessionFailure = undefined;
    this.problem = undefined;
    this.said.clear();
  }

  dispose(): void {
    this.disposed = true;
    this.reset();
  }

  // ---- problems and status ----

  private report(c: Classified): void {
    if (c.code === 'aborted' || c.code === 'not-found') return;
    const p = problemOf(c, c.operation ? serviceOf(c.operation) : undefined, c.region);
    // Each problem is said once: by kind, and for a denial also by operation and region.
    const key = p.code === 'access-denied' ? `${p.code}:${c.operation ?? ''}:${p.region ?? ''}` : p.code;
    const first = !this.said.has(key);
    this.said.add(key);
    this.problem = p;
    if (first) {
      this.opts.log?.(`AWS: ${p.message}`);
      this.emitStatus(true);
    }
  }

  status(): AscpStatus {
    const s: AscpStatus = {
      state: 'idle',
      checkValues: this.settings.enabled && this.settings.checkValues,
      catalogs: this.catalogs.statuses(),
    };
    if (!this.settings.enabled) {
      s.state = 'off';
      return s;
    }
    const profile = this.settings.profile || process.env.AWS_PROFILE || 'default';
    s.profile = profile;
    const session = this.session;
    if (session?.defaultRegion) s.region = session.defaultRegion;
    if (session?.account) s.account = session.account;
    if (this.sessionFailure) s.state = 'problem';
    else if (this.opening && !session) s.state = 'resolving';
    else if (s.catalogs.some((c) => c.loading)) s.state = 'loading';
    else if (session) s.state = 'ready';
    if (this.problem) s.problem = this.problem;
    return s;
  }

  private emitStatus(newProblem = false): void {
    if (!this.opts.onStatus) return;
    const s = this.status();
    const key = JSON.stringify({ ...s, catalogs: s.catalogs.map((c) => ({ ...c, ageSeconds: undefined })) });
    if (key === this.lastStatus && !newProblem) return;
    this.lastStatus = key;
    if (newProblem) s.newProblem = true;
    this.opts.onStatus(s);
  }

  /** For tests and diagnostics of the lazy loading. */
  get sdkLoaded(): boolean {
    return sdkLoaded();
  }

  // ---- credentials ----

  private openSession(): Promise<AwsSession | undefined> {
    if (!this.settings.enabled || this.disposed) return Promise.resolve(undefined);
    if (this.session) return Promise.resolve(this.session);
    if (this.opening) return this.opening;
    if (this.sessionFailure && this.now() - this.sessionFailure.at < 60_000)
      return Promise.resolve(undefined);
    const epoch = this.epoch;
    const settings = this.settings;
    this.sessionFailure = undefined;
    const open = async (): Promise<AwsSession | undefined> => {
      // Let the offline results go out before the SDK is evaluated.
      await new Promise((r) => setImmediate(r));
      const firstLoad = !sdkLoaded();
      const session = await AwsSession.open(settings, this.opts.session ?? {});
      if (firstLoad) this.opts.trace?.(`AWS: SDK loaded in ${Math.round(sdkLoadMs())} ms`);
      if (epoch !== this.epoch) {
        session.destroy();
        return undefined;
      }
      try {
        await session.identify();
      } catch (e) {
        const f = failureOf(e, 'sts:GetCallerIdentity', session.defaultRegion);
        if (epoch !== this.epoch) return undefined;
        if (f.code === 'no-credentials' || f.code === 'expired-credentials') {
          session.destroy();
          this.sessionFailure = { problem: f, at: this.now() };
          this.opening = undefined;
          this.report(f);
          this.emitStatus();
          return undefined;
        }
        // STS unreachable or denied: the account stays unknown (ARNs are then not judged).
        this.report(f);
      }
      if (epoch !== this.epoch) return undefined;
      this.session = session;
      if (!session.defaultRegion)
        this.report({
          code: 'invalid-region',
          retry: false,
          message:
            "no default AWS region: set ascp.aws.region (or the profile's region); classes without `region` are not checked",
        });
      this.emitStatus();
      return session;
    };
    this.opening = open().catch((e) => {
      if (epoch === this.epoch) {
        const f = failureOf(e, 'sts:GetCallerIdentity', undefined);
        this.sessionFailure = { problem: f, at: this.now() };
        this.opening = undefined;
        this.report(f);
        this.emitStatus();
      }
      return undefined;
    });
    this.emitStatus();
    return this.opening;
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p)).catch(() => undefined);
    return p;
  }

  /** Resolves when every fetch started so far (and those they started) has ended. */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  // ---- what documents need ----

  /** Starts (in the background) what the documents need that is not cached: listings and values. */
  need(needs: Needs): void {
    if (!this.settings.enabled || this.disposed) return;
    if (needs.listings.length === 0 && needs.values.length === 0) return;
    const epoch = this.epoch;
    this.track(
      this.openSession().then(async (session) => {
        if (!session || epoch !== this.epoch) return;
        const jobs: Promise<unknown>[] = [];
        for (const l of needs.listings) {
          const region = l.region ?? session.defaultRegion;
          if (isRegion(region)) jobs.push(this.track(this.catalogs.ensure(l.kind, region)));
        }
        if (this.settings.checkValues) {
          const refs = needs.values.flatMap((v) => {
            const r = this.resolve(v.kind, v.name, v);
            return r ? [r] : [];
          });
          if (refs.length > 0)
            jobs.push(
              this.track(
                this.values.fetch(refs).then((changed) => {
                  if (changed && epoch === this.epoch) this.opts.onFacts?.();
                }),
              ),
            );
        }
        await Promise.allSettled(jobs);
      }),
    );
  }

  /** Manual refresh: credentials, account, catalogs and values again, for what `needs` names. */
  async refresh(needs: Needs, signal?: AbortSignal): Promise<AscpStatus> {
    const keep = this.settings;
    this.reset();
    this.settings = keep;
    this.emitStatus();
    this.opts.onFacts?.();
    this.need(needs);
    const idle = this.whenIdle();
    if (signal)
      await Promise.race([
        idle,
        new Promise<void>((_, reject) =>
          signal.addEventListener('abort', () => reject(abortError()), { once: true }),
        ),
      ]).catch(() => undefined);
    else await idle;
    return this.status();
  }

  // ---- synchronous lookups for the core ----

  private regionFor(region: string | undefined): string | undefined {
    if (region !== undefined) return isRegion(region) ? region : undefined;
    return this.session?.defaultRegion;
  }

  private resolve(kind: ObjectKind, name: string, where: ObjectWhere): ResolvedRef | undefined {
    let region: string | undefined;
    if (isArn(name)) region = parseArn(name)?.region;
    region = this.regionFor(region || where.region);
    if (!region || name === '') return undefined;
    const r: ResolvedRef = { kind, name, region };
    if (where.version) r.version = where.version;
    if (where.label) r.label = where.label;
    return r;
  }

  /** What AnalyzeOptions gets: the catalog when AWS is on, values when value checks are on too. */
  lookups(): { catalog?: CatalogLookup; secrets?: SecretLookup } {
    if (!this.settings.enabled) return {};
    const catalog: CatalogLookup = {
      listing: (kind, region) => {
        const r = this.regionFor(region);
        if (!r || !this.session) return undefined;
        return this.catalogs.peek(kind, r)?.listing(this.session.account);
      },
    };
    if (!this.settings.checkValues) return { catalog };
    const secrets: SecretLookup = {
      get: (objectName, objectType, where) => {
        const kind = kindOf(objectName, objectType);
        if (!kind) return undefined;
        const r = this.resolve(kind, objectName, where ?? {});
        return r ? this.values.peek(r) : undefined;
      },
    };
    return { catalog, secrets };
  }

  // ---- NameProvider ----

  async complete(q: CatalogQuery, signal?: AbortSignal): Promise<CatalogAnswer> {
    if (!this.settings.enabled) return { items: [], complete: false };
    const session = this.session ?? (await this.withBudget(this.openSession(), signal));
    if (!session) return { items: [], complete: false };
    const region = this.regionFor(q.region);
    if (!region) return { items: [], complete: false };
    const kinds = q.kind ? [q.kind] : KINDS;
    const hierarchical = q.hierarchical ?? false;
    let complete = true;
    const items: CatalogItem[] = [];
    const waits: Promise<unknown>[] = [];
    for (const kind of kinds) {
      this.track(this.catalogs.ensure(kind, region));
      const c = this.catalogs.get(kind, region);
      if (c.knows(q.prefix, this.now(), this.opts.catalogTtlMs ?? 5 * 60_000)) continue;
      complete = false;
      const query = this.track(this.catalogs.query(kind, region, q.prefix));
      // Answer from the cache first: wait for AWS only when the cache has nothing to offer.
      if (c.search(q.prefix, 1, hierarchical).length === 0) waits.push(query);
    }
    if (waits.length > 0) await this.withBudget(Promise.allSettled(waits), signal);
    if (signal?.aborted) return { items: [], complete: false };
    const per = Math.max(1, Math.ceil(q.limit / kinds.length));
    for (const kind of kinds)
      items.push(...this.catalogs.get(kind, region).search(q.prefix, per, hierarchical));
    return { items: items.slice(0, q.limit), complete };
  }

  private async withBudget<T>(p: Promise<T>, signal?: AbortSignal): Promise<T | undefined> {
    const budget = this.opts.completionBudgetMs ?? 250;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    try {
      return await Promise.race([
        p,
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), budget);
          onAbort = () => resolve(undefined);
          signal?.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
    } finally {
      if (timer) clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  async exists(kind: ObjectKind, name: string, region: string | undefined): Promise<boolean | undefined> {
    const listing = this.lookups().catalog?.listing(kind, region);
    if (!listing) return undefined;
    return listing.has(name) || (isArn(name) && listing.hasArn(name)) ? true : false;
  }

  // ---- ValueProvider ----

  enabled(): boolean {
    return this.settings.enabled && this.settings.checkValues;
  }

  async value(ref: ObjectRef, signal?: AbortSignal): Promise<string | undefined> {
    if (!this.enabled()) return undefined;
    const session = this.session ?? (await this.openSession());
    if (!session || signal?.aborted) return undefined;
    const r = this.resolve(ref.kind, ref.name, ref);
    if (!r) return undefined;
    if (!this.values.known(r)) {
      const epoch = this.epoch;
      const changed = await this.track(this.values.fetch([r], signal)).catch((e) => {
        if (!isAbort(e, signal)) throw e;
        return false;
      });
      if (changed && epoch === this.epoch) this.opts.onFacts?.();
    }
    return this.values.peek(r);
  }

  async paths(ref: ObjectRef, signal?: AbortSignal): Promise<string[] | undefined> {
    const v = await this.value(ref, signal);
    if (v === undefined) return undefined;
    const decoded = decodeJsonLikeGo(v);
    if (!decoded.ok) return undefined;
    return jmesPathsToStrings(shapeOf(decoded.value));
  }

  /** For status and tests: how many values are held in memory now. */
  get valuesHeld(): number {
    return this.values.size;
  }

  /** The operation named in problems about a kind's listing. */
  static listingOperation(kind: ObjectKind): string {
    return operationOf(kind);
  }
}

/** The kind ASCP fetches `objectName` as: objectType when valid, else an ARN's service. */
export function kindOf(objectName: string, objectType: string | undefined): ObjectKind | undefined {
  const t = objectType ?? '';
  if (t !== '') return VALID_TYPES.includes(t) ? (t as ObjectKind) : undefined;
  return isArn(objectName) ? inferType(objectName) : undefined;
}
