// The bench's own LSP client: spawns a server over stdio, initialises it as an editor would, answers
// the server's requests (configuration, registrations, refreshes), timestamps every
// publishDiagnostics on arrival, and reads the server's CPU time and peak memory from /proc.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

export interface Published {
  seq: number;
  at: number;
  version: number | undefined;
  count: number;
}

const CAPABILITIES = {
  workspace: {
    applyEdit: true,
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    codeLens: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
    completion: {
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
      contextSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'source'] } } },
    codeLens: {},
    inlayHint: {},
  },
  window: { workDoneProgress: true },
};

export interface Usage {
  /** user + system CPU of the server and its descendants (live and reaped), in ms */
  cpuMs: number;
  /** peak resident set of the server process (VmHWM), KiB; descendants' peaks are added */
  peakRssKiB: number;
}

/** USER_HZ, the unit of utime/stime in /proc/<pid>/stat (100 on every mainstream Linux). */
function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
const ticksPerSecond = clockTicks();

function statOf(pid: number): { ppid: number; ticks: number; childTicks: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): ppid 4, utime 14, stime 15, cutime 16, cstime 17
    return {
      ppid: Number(f[1]),
      ticks: Number(f[11]) + Number(f[12]),
      childTicks: Number(f[13]) + Number(f[14]),
    };
  } catch {
    return undefined;
  }
}

function peakOf(pid: number): number {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The process and every live descendant. */
function tree(root: number): number[] {
  const kids = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const st = statOf(Number(d));
    if (!st) continue;
    const list = kids.get(st.ppid) ?? [];
    list.push(Number(d));
    kids.set(st.ppid, list);
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(kids.get(out[i] as number) ?? []));
  return out;
}

export function usageOf(pid: number): Usage | undefined {
  const root = statOf(pid);
  if (!root) return undefined;
  let ticks = root.childTicks;
  let peak = 0;
  for (const p of tree(pid)) {
    const st = statOf(p);
    if (st) ticks += st.ticks;
    peak += peakOf(p);
  }
  return { cpuMs: (ticks * 1000) / ticksPerSecond, peakRssKiB: peak };
}

/** Settings lookup by dotted section, as VS Code answers workspace/configuration. */
function section(settings: Record<string, unknown>, name: string | undefined): unknown {
  if (!name) return settings;
  let cur: unknown = settings;
  for (const part of name.split('.')) {
    if (cur === null || typeof cur !== 'object') return null;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur ?? null;
}

export class Session {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly conn: MessageConnection;
  private readonly published = new Map<string, Published[]>();
  private waiters: { uri: string; after: number; version: number | undefined; resolve: () => void }[] = [];
  private lastMessage = performance.now();
  capabilities: Record<string, unknown> = {};
  serverName = '';
  stderr = '';
  exited = false;

  constructor(
    command: string[],
    private readonly root: string,
    private readonly settings: Record<string, unknown>,
  ) {
    const [cmd, ...args] = command;
    this.proc = spawn(cmd as string, args, { stdio: 'pipe' });
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-8000)));
    this.proc.on('exit', () => {
      this.exited = true;
      for (const w of this.waiters) w.resolve();
    });
    this.proc.stdin.on('error', () => undefined);
    this.conn = createMessageConnection(
      new StreamMessageReader(this.proc.stdout),
      new StreamMessageWriter(this.proc.stdin),
    );
    this.conn.onNotification((method: string, params: unknown) => {
      const at = performance.now();
      this.lastMessage = at;
      if (method !== 'textDocument/publishDiagnostics') return;
      const p = params as { uri: string; version?: number; diagnostics: unknown[] };
      const list = this.published.get(p.uri) ?? [];
      const seq = (list[list.length - 1]?.seq ?? 0) + 1;
      list.push({ seq, at, version: p.version, count: p.diagnostics.length });
      if (list.length > 8) list.shift();
      this.published.set(p.uri, list);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || seq <= w.after) return true;
        if (w.version !== undefined && p.version !== undefined && p.version < w.version) return true;
        w.resolve();
        return false;
      });
    });
    this.conn.onRequest((method: string, params: unknown) => {
      this.lastMessage = performance.now();
      if (method === 'workspace/configuration') {
        const items = (params as { items: { section?: string }[] }).items;
        return items.map((i) => section(this.settings, i.section));
      }
      if (method === 'workspace/workspaceFolders')
        return [{ uri: pathToFileURL(this.root).href, name: 'bench' }];
      if (method === 'workspace/applyEdit') return { applied: false };
      return null;
    });
    this.conn.listen();
  }

  get pid(): number {
    return this.proc.pid as number;
  }

  async initialize(): Promise<void> {
    const rootUri = pathToFileURL(this.root).href;
    const r = (await this.conn.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'ascp-bench', version: '1' },
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: CAPABILITIES,
    })) as { capabilities?: Record<string, unknown>; serverInfo?: { name: string; version?: string } };
    this.capabilities = r.capabilities ?? {};
    this.serverName = `${r.serverInfo?.name ?? '?'} ${r.serverInfo?.version ?? ''}`.trim();
    await this.conn.sendNotification('initialized', {});
    await this.conn.sendNotification('workspace/didChangeConfiguration', { settings: this.settings });
  }

  /** Waits until the server has been silent for `quietMs` (configuration round trips are over). */
  async settle(quietMs: number, maxMs: number): Promise<void> {
    const start = performance.now();
    while (performance.now() - this.lastMessage < quietMs && performance.now() - start < maxMs)
      await new Promise((r) => setTimeout(r, 10));
  }

  /**
   * Waits until the server is idle: no message for `quietMs` and at most one clock tick of CPU over
   * the last `quietMs` (work an open started in the background, such as loading a library, is not
   * billed to the keystrokes that follow).
   */
  async settleCpu(quietMs: number, maxMs: number): Promise<void> {
    const start = performance.now();
    let last = this.usage()?.cpuMs ?? 0;
    let quietSince = performance.now();
    while (performance.now() - start < maxMs) {
      await new Promise((r) => setTimeout(r, 50));
      const cpu = this.usage()?.cpuMs ?? 0;
      const now = performance.now();
      if (cpu - last > 10 || now - this.lastMessage < quietMs) {
        last = cpu;
        quietSince = now;
      } else if (now - quietSince >= quietMs) return;
    }
  }

  lastSeq(uri: string): number {
    const list = this.published.get(uri);
    return list?.[list.length - 1]?.seq ?? 0;
  }

  /** The first publish for `uri` after `after` (at `version` or later when the server sends versions). */
  waitPublish(
    uri: string,
    after: number,
    version: number | undefined,
    timeoutMs: number,
  ): Promise<Published> {
    const find = (): Published | undefined =>
      this.published
        .get(uri)
        ?.find(
          (p) => p.seq > after && (version === undefined || p.version === undefined || p.version >= version),
        );
    const hit = find();
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        uri,
        after,
        version,
        resolve: () => {
          clearTimeout(timer);
          const p = find();
          if (p) resolve(p);
          else reject(new Error(`server exited: ${this.stderr.slice(-2000)}`));
        },
      });
    });
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  request(method: string, params: unknown): Promise<unknown> {
    return this.conn.sendRequest(method, params);
  }

  usage(): Usage | undefined {
    return usageOf(this.pid);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    const kill = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification('exit');
    } catch {
      this.proc.kill();
    }
    await exited;
    clearTimeout(kill);
    this.conn.dispose();
  }
}
