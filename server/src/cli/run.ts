// ascp-lint: the core as a command for CI. `ascp-lint [--format text|json] [--secrets FILE] PATH...`
// Exit 0: no error-severity diagnostic; 1: at least one; 2: usage error or unreadable input.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeWorkspace, type FileAnalysis, type SourceFile } from '../core/analyze';
import type { SecretLookup } from '../core/rules/rule';
import { formatJson, formatText } from './format';

export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
  color: boolean;
}

const USAGE = `Usage: ascp-lint [--format text|json] [--secrets FILE] PATH...

Checks AWS Secrets Store CSI (ASCP) SecretProviderClass manifests and the workloads that mount them.
PATH may be a file or a directory (searched for *.yaml and *.yml).

  --format text|json   output format (default: text)
  --secrets FILE       offline secret store: a JSON object mapping each objectName as written in the
                       manifests to the secret's or parameter's value (a string; an object or array is
                       taken as its JSON text), used to check jmesPath paths against real values
  -h, --help           show this help

Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable input.
`;

class UsageError extends Error {}

interface Args {
  format: 'text' | 'json';
  secrets?: string;
  paths: string[];
}

function parseArgs(argv: string[]): Args | 'help' {
  const args: Args = { format: 'text', paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (name: string): string => {
      const eq = a.indexOf('=');
      if (eq !== -1) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--format' || a.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'text' && f !== 'json') throw new UsageError(`unknown format '${f}' (use text or json)`);
      args.format = f;
    } else if (a === '--secrets' || a.startsWith('--secrets=')) args.secrets = value('--secrets');
    else if (a === '--') {
      args.paths.push(...argv.slice(i + 1).filter(Boolean));
      break;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
    else args.paths.push(a);
  }
  if (args.paths.length === 0) throw new UsageError('no PATH given');
  return args;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

function collect(path: string, out: string[], explicit: boolean): void {
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
      const p = join(path, name);
      const s = statSync(p);
      if (s.isDirectory()) collect(p, out, false);
      else if (/\.ya?ml$/i.test(name)) out.push(p);
    }
  } else if (explicit || /\.ya?ml$/i.test(path)) out.push(path);
}

/** Reads the offline secret store. Values never leave memory and never appear in output. */
export function loadSecrets(file: string): SecretLookup {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(
      `cannot read the secret store ${file}: ${e instanceof SyntaxError ? 'not valid JSON' : ((e as NodeJS.ErrnoException).code ?? 'unreadable')}`,
    );
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UsageError(`the secret store ${file} must be a JSON object mapping objectName to value`);
  }
  const map = new Map<string, string>();
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    map.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  return { get: (name) => map.get(name) };
}

export function runCli(argv: string[], io: CliIO): number {
  let args: Args | 'help';
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(`ascp-lint: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  let secrets: SecretLookup | undefined;
  const files: string[] = [];
  try {
    if (args.secrets) secrets = loadSecrets(args.secrets);
    for (const p of args.paths) {
      try {
        collect(p, files, true);
      } catch (e) {
        throw new UsageError(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
      }
    }
  } catch (e) {
    io.stderr(`ascp-lint: ${(e as Error).message}\n`);
    return 2;
  }
  const sources: SourceFile[] = [];
  let unreadable = false;
  for (const f of files) {
    try {
      const text = readFileSync(f, 'utf8');
      sources.push({ id: relative(io.cwd, f) || f, text });
    } catch (e) {
      io.stderr(`ascp-lint: cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}\n`);
      unreadable = true;
    }
  }
  const opts = secrets ? { secrets } : {};
  const results: FileAnalysis[] = analyzeWorkspace(sources, opts);
  for (const r of results) if (r.skipped) io.stderr(`ascp-lint: skipped ${r.id}: ${r.skipped}\n`);
  io.stdout(args.format === 'json' ? formatJson(results) : formatText(results, io.color));
  if (unreadable) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}
