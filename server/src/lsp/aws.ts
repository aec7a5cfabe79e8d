// AWS in the language server: the AwsService behind ServerContext.names / .values, the
// `ascp/refreshCatalog` request, the `ascp/status` notification, and re-publishing open documents
// when names or values arrive. Offline diagnostics are always published first; this only adds.
import type { Connection } from 'vscode-languageserver/node';
import type { DocModel } from '../core/model';
import { AwsService, type AwsServiceOptions } from '../aws/service';
import { needsOf } from '../aws/needs';
import {
  DEFAULT_SETTINGS,
  RefreshCatalogRequest,
  StatusNotification,
  type AscpStatus,
  type AwsSettings,
  type RefreshCatalogResult,
} from '../shared/protocol';

export interface AwsWiringDeps {
  /** the document models of every open document */
  openModels(): DocModel[];
  /** names or values changed: analyse the open documents again and publish */
  reanalyse(): void;
  log(message: string): void;
}

/** Reads `ascp.aws` from what the client sent; anything malformed falls back to the defaults. */
export function awsSettingsFrom(...layers: unknown[]): AwsSettings {
  const out: AwsSettings = { ...DEFAULT_SETTINGS.aws };
  for (const l of layers) {
    if (!l || typeof l !== 'object') continue;
    const s = l as Record<string, unknown>;
    if (typeof s.enabled === 'boolean') out.enabled = s.enabled;
    if (typeof s.checkValues === 'boolean') out.checkValues = s.checkValues;
    if (typeof s.profile === 'string' && /^[\w.@+=,/-]{0,128}$/.test(s.profile.trim()))
      out.profile = s.profile.trim();
    if (typeof s.region === 'string' && /^[a-z0-9-]{0,32}$/.test(s.region.trim()))
      out.region = s.region.trim();
  }
  return out;
}

export class AwsWiring {
  readonly service: AwsService;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Nothing AWS happens before the client's settings are known (after `initialized` and the first
   * workspace/configuration answer): a client that turns AWS off there must never see a call.
   * Statuses wait too (LSP allows no notification before the initialize response).
   */
  private live = false;
  private queued: AscpStatus[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly deps: AwsWiringDeps,
    options: AwsServiceOptions = {},
  ) {
    this.service = new AwsService({
      ...options,
      log: (m) => deps.log(m),
      trace: (m) => deps.log(m),
      onStatus: (s) => {
        if (this.live) this.send(s);
        else this.queued.push(s);
      },
      onFacts: () => this.scheduleReanalysis(),
    });
  }

  register(): void {
    this.connection.onRequest(
      RefreshCatalogRequest,
      async (_params, token): Promise<RefreshCatalogResult> => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        const status = await this.service.refresh(needsOf(this.deps.openModels()), abort.signal);
        return { status };
      },
    );
  }

  /** The client is initialized: statuses may go out now. */
  start(): void {
    this.live = true;
    const queued = this.queued;
    this.queued = [];
    // Only the latest state matters, and every problem said for the first time.
    queued.forEach((s, i) => {
      if (s.newProblem || i === queued.length - 1) this.send(s);
    });
    this.documentsChanged();
  }

  private send(s: AscpStatus): void {
    void this.connection.sendNotification(StatusNotification, s).catch(() => undefined);
  }

  configure(settings: AwsSettings): void {
    this.service.configure(settings);
    // Settings that turn AWS on (a workspace just trusted) or name another profile or region: fetch
    // what the open documents need now, not at their next edit.
    this.documentsChanged();
  }

  /** After the offline publish: start fetching what the open documents need (never waits). */
  documentsChanged(): void {
    if (!this.live) return;
    this.service.need(needsOf(this.deps.openModels()));
  }

  private scheduleReanalysis(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.deps.reanalyse();
    }, 25);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.service.dispose();
  }
}
