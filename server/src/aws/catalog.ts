// The catalog of names per kind and region: a full listing (DescribeParameters / ListSecrets with
// every page) kept for a TTL and refreshed in the background, plus the names that prefix queries
// found while no full listing was there. Existence is judged only from a complete listing.
import type { ListSecretsCommandInput } from '@aws-sdk/client-secrets-manager';
import type { DescribeParametersCommandInput } from '@aws-sdk/client-ssm';
import type { CatalogListing } from '../core/rules/rule';
import type { CatalogItem, ObjectKind } from '../service/providers';
import type { CatalogStatus } from '../shared/protocol';
import { abortError, failureOf, isAbort, withRetry, type Classified, type RetryOptions } from './errors';
import type { Limiter } from './limiter';
import type { AwsSession } from './session';

/** Priorities in the limiter: what a user waits for first. */
export const PRIORITY = { completion: 10, value: 5, listing: 0 } as const;

const PREFIX_QUERY_PAGES = 4;

function lowerBound(sorted: readonly string[], s: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as string) < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** For a hierarchical name under `prefix`: the folder (ending in `/`) one level below the prefix's last `/`. */
export function folderOf(prefix: string, name: string): string | undefined {
  if (!name.startsWith('/')) return undefined;
  let base = prefix.slice(0, prefix.lastIndexOf('/') + 1);
  if (base === '') base = '/';
  if (!name.startsWith(base)) return undefined;
  const slash = name.indexOf('/', base.length);
  return slash < 0 ? undefined : name.slice(0, slash + 1);
}

export class KindCatalog {
  private readonly items = new Map<string, CatalogItem>();
  private sorted: string[] | undefined;
  private lowered: string[] | undefined;
  private listingCache: { account: string | undefined; listing: CatalogListing } | undefined;
  /** the last full listing read every page */
  complete = false;
  listedAt: number | undefined;
  loading: Promise<void> | undefined;
  abort: AbortController | undefined;
  /** bumps whenever the names change */
  generation = 0;
  problem: Classified | undefined;
  /** prefix -> when a query for it read every page */
  private readonly prefixDone = new Map<string, number>();
  readonly prefixInFlight = new Map<string, Promise<void>>();

  constructor(
    readonly kind: ObjectKind,
    readonly region: string,
  ) {}

  get size(): number {
    return this.items.size;
  }

  names(): readonly string[] {
    return (this.sorted ??= [...this.items.keys()].sort());
  }

  item(name: string): CatalogItem | undefined {
    return this.items.get(name);
  }

  private changed(): void {
    this.sorted = undefined;
    this.lowered = undefined;
    this.listingCache = undefined;
    this.generation++;
  }

  /** A complete listing replaces everything; true when the names changed. */
  replaceAll(items: CatalogItem[], at: number): boolean {
    const before = this.names();
    const next = new Map(items.map((i) => [i.name, i]));
    const same = before.length === next.size && before.every((n) => next.has(n));
    this.items.clear();
    for (const [k, v] of next) this.items.set(k, v);
    this.complete = true;
    this.listedAt = at;
    this.prefixDone.clear();
    this.changed();
    return !same || before.length === 0;
  }

  /** Names a prefix query found; true when any was new. */
  merge(items: CatalogItem[]): boolean {
    let added = false;
    for (const i of items) {
      if (!this.items.has(i.name)) added = true;
      this.items.set(i.name, i);
    }
    if (added) this.changed();
    return added;
  }

  markPrefixDone(prefix: string, at: number): void {
    this.prefixDone.set(prefix, at);
  }

  /** Everything under `prefix` is known (a complete listing, or a finished query for a shorter prefix). */
  knows(prefix: string, now: number, ttlMs: number): boolean {
    if (this.complete) return true;
    for (const [p, at] of this.prefixDone) if (prefix.startsWith(p) && now - at < ttlMs) return true;
    return false;
  }

  /**
   * Names starting with `prefix` in order (one representative per folder for hierarchical SSM names),
   * then, when there is room, names containing it anywhere (case-insensitively).
   */
  search(prefix: string, limit: number, hierarchical: boolean): CatalogItem[] {
    const names = this.names();
    const out: CatalogItem[] = [];
    const taken = new Set<string>();
    let i = lowerBound(names, prefix);
    while (i < names.length && out.length < limit) {
      const name = names[i] as string;
      if (!name.startsWith(prefix)) break;
      out.push(this.items.get(name) as CatalogItem);
      taken.add(name);
      const folder = hierarchical && this.kind === 'ssmparameter' ? folderOf(prefix, name) : undefined;
      // "a/" .. "a/\uffff" sort before "a0": skip the rest of the folder in one step.
      i = folder ? lowerBound(names, folder.slice(0, -1) + '0') : i + 1;
    }
    if (out.length < limit && prefix !== '') {
      const lower = prefix.toLowerCase();
      const lowered = (this.lowered ??= names.map((n) => n.toLowerCase()));
      const folders = new Set<string>();
      for (let k = 0; k < names.length && out.length < limit; k++) {
        if (!(lowered[k] as string).includes(lower)) continue;
        const name = names[k] as string;
        // names under the prefix were offered above (or stand behind their folder's representative)
        if (taken.has(name) || name.startsWith(prefix)) continue;
        if (hierarchical && this.kind === 'ssmparameter' && name.startsWith('/')) {
          // group deeper matches by their folder one level below the root, like the prefix matches
          const f = folderOf('/', name);
          if (f && !name.slice(f.length).toLowerCase().includes(lower) && folders.has(f)) continue;
          if (f) folders.add(f);
        }
        out.push(this.items.get(name) as CatalogItem);
      }
    }
    return out;
  }

  /** The listing the core reads (only when complete). */
  listing(account: string | undefined): CatalogListing | undefined {
    if (!this.complete) return undefined;
    if (this.listingCache && this.listingCache.account === account) return this.listingCache.listing;
    const arns = new Set<string>();
    for (const i of this.items.values()) if (i.arn) arns.add(i.arn);
    const listing: CatalogListing = {
      region: this.region,
      account,
      has: (n) => this.items.has(n),
      hasArn: (a) => arns.has(a),
      arnOf: (n) => this.items.get(n)?.arn,
      names: () => this.names(),
    };
    this.listingCache = { account, listing };
    return listing;
  }

  status(now: number): CatalogStatus {
    const s: CatalogStatus = {
      region: this.region,
      kind: this.kind,
      count: this.items.size,
      complete: this.complete,
      loading: this.loading !== undefined,
    };
    if (this.listedAt !== undefined) s.ageSeconds = Math.round((now - this.listedAt) / 1000);
    return s;
  }
}

export interface CatalogDeps {
  session(): AwsSession | undefined;
  limiter: Limiter;
  retry: Pick<RetryOptions, 'attempts' | 'baseMs' | 'capMs'>;
  now(): number;
  ttlMs: number;
  /** names changed (re-analyse) */
  onChange(): void;
  /** a listing started or ended (status) */
  onState(): void;
  onProblem(c: Classified): void;
}

type Filter = { kind: ObjectKind; prefix: string | undefined };

export class Catalogs {
  private readonly map = new Map<string, KindCatalog>();

  constructor(private readonly deps: CatalogDeps) {}

  peek(kind: ObjectKind, region: string): KindCatalog | undefined {
    return this.map.get(`${kind}:${region}`);
  }

  get(kind: ObjectKind, region: string): KindCatalog {
    const key = `${kind}:${region}`;
    let c = this.map.get(key);
    if (!c) {
      c = new KindCatalog(kind, region);
      this.map.set(key, c);
    }
    return c;
  }

  all(): KindCatalog[] {
    return [...this.map.values()];
  }

  private readonly failedAt = new WeakMap<KindCatalog, number>();

  /** Starts a full listing when there is none or it is older than the TTL; resolves when it ends. */
  ensure(kind: ObjectKind, region: string): Promise<void> {
    const c = this.get(kind, region);
    if (c.loading) return c.loading;
    const now = this.deps.now();
    if (c.listedAt !== undefined && now - c.listedAt < this.deps.ttlMs) return Promise.resolve();
    const failed = this.failedAt.get(c);
    if (failed !== undefined) {
      // Do not hammer: a denial waits for the TTL (or a manual refresh), a transient failure 30 s.
      const transient = ['throttled', 'offline', 'error'].includes(c.problem?.code ?? '');
      if (now - failed < (transient ? Math.min(30000, this.deps.ttlMs) : this.deps.ttlMs))
        return Promise.resolve();
    }
    return this.list(c);
  }

  private list(c: KindCatalog): Promise<void> {
    const session = this.deps.session();
    if (!session) return Promise.resolve();
    const abort = new AbortController();
    c.abort = abort;
    const run = async () => {
      const items: CatalogItem[] = [];
      try {
        await pages(
          session,
          { kind: c.kind, prefix: undefined },
          c.region,
          abort.signal,
          this.deps,
          PRIORITY.listing,
          (batch) => {
            items.push(...batch);
            return true;
          },
        );
        c.problem = undefined;
        this.failedAt.delete(c);
        if (c.replaceAll(items, this.deps.now())) this.deps.onChange();
      } catch (e) {
        if (isAbort(e, abort.signal)) return;
        const f = failureOf(e, operationOf(c.kind), c.region);
        c.problem = f;
        this.failedAt.set(c, this.deps.now());
        // Denied now: what we knew is no longer authoritative. Offline or throttled: it still is.
        if (f.code === 'access-denied' || f.code === 'no-credentials' || f.code === 'expired-credentials') {
          if (c.complete) {
            c.complete = false;
            this.deps.onChange();
          }
        }
        this.deps.onProblem(f);
      } finally {
        if (c.abort === abort) c.abort = undefined;
        c.loading = undefined;
        this.deps.onState();
      }
    };
    c.loading = run();
    this.deps.onState();
    return c.loading;
  }

  /**
   * A prefix query (DescribeParameters Name BeginsWith / ListSecrets name filter), a few pages at
   * most; what it finds joins the catalog. Shared by every caller asking the same prefix.
   */
  query(kind: ObjectKind, region: string, prefix: string): Promise<void> {
    const c = this.get(kind, region);
    const inflight = c.prefixInFlight.get(prefix);
    if (inflight) return inflight;
    const session = this.deps.session();
    if (!session) return Promise.resolve();
    const run = async () => {
      let pagesRead = 0;
      let more = false;
      try {
        await pages(
          session,
          { kind, prefix },
          region,
          undefined,
          this.deps,
          PRIORITY.completion,
          (batch, hasMore) => {
            pagesRead++;
            more = hasMore;
            if (c.merge(batch.filter((i) => i.name.startsWith(prefix)))) this.deps.onChange();
            return pagesRead < PREFIX_QUERY_PAGES;
          },
        );
        if (!more) c.markPrefixDone(prefix, this.deps.now());
      } catch (e) {
        this.deps.onProblem(failureOf(e, operationOf(kind), region));
      } finally {
        c.prefixInFlight.delete(prefix);
      }
    };
    const p = run();
    c.prefixInFlight.set(prefix, p);
    return p;
  }

  /** Forgets everything and cancels listings in flight. */
  clear(): void {
    for (const c of this.map.values()) c.abort?.abort();
    this.map.clear();
  }

  statuses(): CatalogStatus[] {
    const now = this.deps.now();
    return this.all()
      .map((c) => c.status(now))
      .sort((a, b) => a.region.localeCompare(b.region) || a.kind.localeCompare(b.kind));
  }
}

export function operationOf(kind: ObjectKind): string {
  return kind === 'ssmparameter' ? 'ssm:DescribeParameters' : 'secretsmanager:ListSecrets';
}

/**
 * Reads pages of a listing (every page, or until `onPage` returns false), each under the limiter and
 * with retries. Secrets scheduled for deletion are left out (ASCP cannot read them either).
 */
async function pages(
  session: AwsSession,
  f: Filter,
  region: string,
  signal: AbortSignal | undefined,
  deps: Pick<CatalogDeps, 'limiter' | 'retry' | 'onProblem'>,
  priority: number,
  onPage: (items: CatalogItem[], hasMore: boolean) => boolean,
): Promise<void> {
  const sdk = session.modules;
  let token: string | undefined;
  const operation = operationOf(f.kind);
  const retry = {
    ...deps.retry,
    signal,
    operation,
    region,
    onRetry: (c: Classified) => {
      if (c.code === 'throttled') deps.onProblem(c);
    },
  };
  do {
    if (signal?.aborted) throw abortError();
    let batch: CatalogItem[];
    if (f.kind === 'ssmparameter') {
      const input: DescribeParametersCommandInput = { MaxResults: 50 };
      if (token) input.NextToken = token;
      if (f.prefix) input.ParameterFilters = [{ Key: 'Name', Option: 'BeginsWith', Values: [f.prefix] }];
      const out = await deps.limiter.run(
        () =>
          withRetry(
            () =>
              session.ssm(region).send(new sdk.ssm.DescribeParametersCommand(input), { abortSignal: signal }),
            retry,
          ),
        priority,
        signal,
      );
      token = out.NextToken || undefined;
      batch = (out.Parameters ?? []).flatMap((p) => {
        if (!p.Name) return [];
        const item: CatalogItem = { kind: 'ssmparameter', name: p.Name };
        if (p.ARN) item.arn = p.ARN;
        if (p.Type) item.type = p.Type;
        if (p.Description) item.description = p.Description;
        if (p.LastModifiedDate) item.lastChanged = p.LastModifiedDate.toISOString();
        if (p.KeyId) item.kmsKeyId = p.KeyId;
        return [item];
      });
    } else {
      const input: ListSecretsCommandInput = { MaxResults: 100 };
      if (token) input.NextToken = token;
      // A leading "!" negates a ListSecrets filter: such prefixes are filtered here instead.
      if (f.prefix && !f.prefix.startsWith('!')) input.Filters = [{ Key: 'name', Values: [f.prefix] }];
      const out = await deps.limiter.run(
        () =>
          withRetry(
            () =>
              session
                .secretsManager(region)
                .send(new sdk.sm.ListSecretsCommand(input), { abortSignal: signal }),
            retry,
          ),
        priority,
        signal,
      );
      token = out.NextToken || undefined;
      batch = (out.SecretList ?? []).flatMap((s) => {
        if (!s.Name || s.DeletedDate) return [];
        const item: CatalogItem = { kind: 'secretsmanager', name: s.Name };
        if (s.ARN) item.arn = s.ARN;
        if (s.Description) item.description = s.Description;
        const changed = s.LastChangedDate ?? s.CreatedDate;
        if (changed) item.lastChanged = changed.toISOString();
        if (s.KmsKeyId) item.kmsKeyId = s.KmsKeyId;
        return [item];
      });
    }
    if (!onPage(batch, token !== undefined)) return;
  } while (token);
}
