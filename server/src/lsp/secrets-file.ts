// `ascp.secretsFile`: sample secrets (the format of `ascp-lint --secrets`) for the content rules, one
// file per workspace folder. The path must resolve inside its folder, symbolic links included; anything
// else is refused with one message. The values stay in memory: no message, log line or answer holds any
// part of one.
import { realpath, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  type ClientCapabilities,
  type Connection,
  type Disposable,
} from 'vscode-languageserver/node';
import type { SecretLookup } from '../core/rules/rule';
import { parseSecretStore, type SecretStore } from '../service/secret-store';

/** Larger files are refused (like the workspace index's limit). */
export const MAX_SECRETS_FILE = 5 * 1024 * 1024;

export interface FolderSetting {
  /** the workspace folder's URI */
  folder: string;
  /** its `ascp.secretsFile` ('' = none) */
  setting: string;
}

/** Where a setting points, once checked: inside the folder, or why not. */
export type Resolved =
  | { ok: true; path: string; real: string; realFolder: string }
  | { ok: false; problem: string; missing?: boolean };

interface FolderState extends FolderSetting {
  folderPath: string;
  name: string;
  /** the resolved file (lexical path, and the real one) */
  path?: string;
  real?: string;
  store?: SecretStore;
  /** size and mtime of what was read: a re-read is skipped when they did not change */
  stamp?: string;
  problem?: string;
}

export interface SecretsFilesDeps {
  /** said once per new problem (window/showMessage) */
  warn(message: string): void;
  log(message: string): void;
}

const within = (root: string, p: string): boolean => {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r) && r.split(sep)[0] !== '..');
};

/**
 * Checks a setting against its folder: the lexical path and its real path (symbolic links resolved;
 * for a file that does not exist yet, the real path of its nearest existing directory) must both lie
 * inside the folder's real path.
 */
export async function resolveSecretsFile(folderPath: string, setting: string): Promise<Resolved> {
  const path = resolve(folderPath, setting);
  if (!within(folderPath, path))
    return { ok: false, problem: 'is outside the workspace folder, so it is not used' };
  const escapes = {
    ok: false as const,
    problem: 'leads outside the workspace folder through a symbolic link, so it is not used',
  };
  let realFolder: string;
  try {
    realFolder = await realpath(folderPath);
  } catch (e) {
    return { ok: false, problem: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  // the path, else its nearest existing ancestor (bounded by the path's depth)
  for (let p = path, missing = false; ; p = dirname(p), missing = true) {
    let real: string;
    try {
      real = await realpath(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(p) !== p) continue;
      return { ok: false, problem: `cannot be read (${code ?? 'error'})` };
    }
    if (!within(realFolder, real)) return escapes;
    if (missing) return { ok: false, problem: 'does not exist', missing: true };
    return { ok: true, path, real, realFolder };
  }
}

export class SecretsFiles {
  private states: FolderState[] = [];

  constructor(private readonly deps: SecretsFilesDeps) {}

  /** Applies the settings of every folder and reads the files. True when any lookup changed. */
  async configure(settings: FolderSetting[]): Promise<boolean> {
    const before = this.states.map((st) => `${st.folder}\n${st.setting}`);
    const lookups = this.states.map((st) => st.store);
    this.states = settings
      .filter((s) => s.folder.startsWith('file:'))
      .map((s) => {
        const setting = s.setting.trim();
        const old = this.states.find((b) => b.folder === s.folder && b.setting === setting);
        if (old) return old;
        const folderPath = fileURLToPath(s.folder);
        return {
          folder: s.folder,
          setting,
          folderPath,
          name: folderPath.split(sep).filter(Boolean).pop() ?? folderPath,
        };
      });
    await this.reload();
    const after = this.states.map((st) => `${st.folder}\n${st.setting}`);
    return before.join('\0') !== after.join('\0') || this.states.some((st, i) => st.store !== lookups[i]);
  }

  /** The sample secrets for a document: its folder's, else (untitled, outside) the first folder's. */
  lookupFor(uri: string): SecretLookup | undefined {
    return this.stateFor(uri)?.store;
  }

  /** The folder whose settings apply to a document or folder URI. */
  folderFor(uri: string | undefined): string | undefined {
    return (uri !== undefined ? this.stateFor(uri) : this.states[0])?.folder;
  }

  private stateFor(uri: string): FolderState | undefined {
    let path: string | undefined;
    try {
      path = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    } catch {
      path = undefined;
    }
    let best: FolderState | undefined;
    if (path !== undefined)
      for (const st of this.states)
        if (within(st.folderPath, path) && (!best || st.folderPath.length > best.folderPath.length))
          best = st;
    return best ?? this.states[0];
  }

  /** Is this URI one of the configured files (as written, or its real path)? */
  matches(uri: string): boolean {
    let path: string;
    try {
      if (!uri.startsWith('file:')) return false;
      path = fileURLToPath(uri);
    } catch {
      return false;
    }
    return this.states.some((st) => st.setting !== '' && (st.path === path || st.real === path));
  }

  /** Re-reads every configured file whose size or time changed (or that appeared). True when a lookup changed. */
  async reload(): Promise<boolean> {
    let changed = false;
    for (const st of this.states) if (await this.load(st)) changed = true;
    return changed;
  }

  /** What the client should watch: each folder's configured path. */
  watchers(): { folder: string; folderPath: string; relative: string; path: string }[] {
    return this.states
      .filter((st) => st.setting !== '' && st.path !== undefined && within(st.folderPath, st.path))
      .map((st) => ({
        folder: st.folder,
        folderPath: st.folderPath,
        relative: relative(st.folderPath, st.path as string)
          .split(sep)
          .join('/'),
        path: st.path as string,
      }));
  }

  /** Where the sample file of a folder goes, or why it cannot: for Create Sample Secrets File. */
  async target(folder: string): Promise<{ target?: string; refused?: string }> {
    const st = this.states.find((s) => s.folder === folder);
    if (!st || st.setting === '') return {};
    const r = await resolveSecretsFile(st.folderPath, st.setting);
    if (r.ok || r.missing) return { target: pathToFileURL(resolve(st.folderPath, st.setting)).toString() };
    return { refused: this.describe(st, r.problem) };
  }

  private describe(st: FolderState, problem: string): string {
    const where = this.states.length > 1 ? ` of workspace folder ${st.name}` : '';
    return `ascp.secretsFile "${st.setting}"${where} ${problem}.`;
  }

  /** (Re-)reads one folder's file when it changed. True when its lookup changed. */
  private async load(st: FolderState): Promise<boolean> {
    const had = st.store;
    if (st.setting === '') {
      st.store = undefined;
      st.problem = undefined;
      st.path = st.real = st.stamp = undefined;
      return had !== undefined;
    }
    const r = await resolveSecretsFile(st.folderPath, st.setting);
    if (!r.ok) return this.fail(st, r.problem, resolve(st.folderPath, st.setting));
    st.path = r.path;
    st.real = r.real;
    let text: string;
    try {
      const s = await stat(r.real);
      if (!s.isFile()) return this.fail(st, 'is not a file', r.path);
      if (s.size > MAX_SECRETS_FILE) return this.fail(st, 'is larger than 5 MB, so it is not used', r.path);
      const stamp = `${s.size}:${s.mtimeMs}:${r.real}`;
      if (stamp === st.stamp && st.store) return false;
      st.stamp = stamp;
      text = await readFile(r.real, 'utf8');
    } catch (e) {
      return this.fail(st, `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, r.path);
    }
    const parsed = parseSecretStore(text);
    if (!parsed.ok)
      return this.fail(
        st,
        `is ${parsed.reason === 'not valid JSON' ? parsed.reason : `not usable: it ${parsed.reason}`}`,
        r.path,
      );
    st.store = parsed.store;
    if (st.problem !== undefined || !had)
      this.deps.log(
        `ascp.secretsFile: checking jmesPath paths against the sample secrets of ${st.setting} (${parsed.store.size} object${parsed.store.size === 1 ? '' : 's'})`,
      );
    st.problem = undefined;
    return true;
  }

  private fail(st: FolderState, problem: string, path: string): boolean {
    const had = st.store !== undefined;
    st.store = undefined;
    st.stamp = undefined;
    st.path = path;
    if (st.problem !== problem) {
      st.problem = problem;
      const message = this.describe(st, problem);
      this.deps.warn(message);
      this.deps.log(message);
    }
    return had;
  }
}

/**
 * The server's side of the setting: asks the client for `ascp.secretsFile` per workspace folder
 * (resource scope), reads the files one step at a time, has the client watch them, and tells the server
 * when the lookups changed so it re-publishes the open documents.
 */
export class SecretsFileWiring {
  readonly files: SecretsFiles;
  private folders: string[] = [];
  private configuration = false;
  private watchDynamic = false;
  private relativePatterns = false;
  private queue: Promise<void> = Promise.resolve();
  private watch: Promise<Disposable | undefined> | undefined;
  private watchKey = '';

  constructor(
    private readonly connection: Connection,
    private readonly deps: { changed(lookup: (uri: string) => SecretLookup | undefined): void },
  ) {
    this.files = new SecretsFiles({
      // a notification: one message, nothing to answer
      warn: (message) =>
        void connection
          .sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message })
          .catch(() => undefined),
      log: (m) => connection.console.info(m),
    });
  }

  initialize(caps: ClientCapabilities, folders: string[]): void {
    this.configuration = caps.workspace?.configuration === true;
    this.watchDynamic = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.relativePatterns = caps.workspace?.didChangeWatchedFiles?.relativePatternSupport === true;
    this.folders = folders;
  }

  /** Settings changed: read each folder's value (else `fallback`, the window's) and the files. */
  configure(fallback: string): Promise<void> {
    return this.enqueue(async () => {
      let settings: FolderSetting[] = this.folders.map((folder) => ({ folder, setting: fallback }));
      if (this.configuration && this.folders.length > 0) {
        try {
          const answers = (await this.connection.workspace.getConfiguration(
            this.folders.map((scopeUri) => ({ scopeUri, section: 'ascp' })),
          )) as unknown[];
          settings = this.folders.map((folder, i) => {
            const v = (answers?.[i] as { secretsFile?: unknown } | null | undefined)?.secretsFile;
            return { folder, setting: typeof v === 'string' ? v : fallback };
          });
        } catch (e) {
          this.connection.console.error(`could not read ascp.secretsFile: ${String(e)}`);
        }
      }
      return this.files.configure(settings);
    });
  }

  /** A watched secrets file changed: read it again. */
  reload(): void {
    void this.enqueue(() => this.files.reload());
  }

  /**
   * A document was saved. A client that cannot watch files gets the secrets file re-read on every save
   * (only a stat when nothing changed); one that can still sends the save of the file itself.
   */
  saved(uri: string): void {
    if (!this.watchDynamic || this.files.matches(uri)) this.reload();
  }

  private enqueue(step: () => Promise<boolean>): Promise<void> {
    this.queue = this.queue
      .then(step)
      .then((changed) => {
        this.register();
        if (changed) this.deps.changed((uri) => this.files.lookupFor(uri));
      })
      .catch((e: unknown) => this.connection.console.error(`ascp.secretsFile failed: ${String(e)}`));
    return this.queue;
  }

  /** Asks the client to watch each folder's file, replacing the previous registration. */
  private register(): void {
    if (!this.watchDynamic) return;
    const watchers = this.files.watchers().map((w) => ({
      globPattern: this.relativePatterns
        ? { baseUri: w.folder, pattern: w.relative }
        : /[*?[\]{}]/.test(w.path)
          ? `**/${w.relative.split('/').pop() ?? ''}`
          : w.path.split(sep).join('/'),
    }));
    const key = JSON.stringify(watchers);
    if (key === this.watchKey) return;
    this.watchKey = key;
    const previous = this.watch;
    this.watch =
      watchers.length === 0
        ? undefined
        : this.connection.client
            .register(DidChangeWatchedFilesNotification.type, { watchers })
            .catch(() => undefined);
    void previous?.then((d) => d?.dispose());
  }
}
