// `npm run bench`: our language server and the anchor (yaml-language-server 2.0.0 with a
// SecretProviderClass JSON schema) side by side, on generated manifests of three sizes, driven over
// stdio by this directory's own LSP client. Prints a markdown table and writes JSON under
// .test-output/bench/.
//
//   npm run bench -- [--sizes small,medium,large] [--runs N] [--edits N] [--requests N]
//                    [--servers ours,anchor] [--core-runs N] [--no-core]
//                    [--ours-server dist/server.js] [--ours-node-args "--cpu-prof ..."]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { generate, PRESETS, type Preset } from './generate';
import { Session } from './lsp';
import { maxOf, median, medianOf, percentile, round } from './stats';

interface Options {
  sizes: string[];
  runs: number;
  edits: number;
  requests: number;
  servers: string[];
  coreRuns: number;
  core: boolean;
  /** extra node flags for our server, e.g. `--cpu-prof --cpu-prof-dir=.scratch/prof` to profile it */
  oursNodeArgs: string[];
  /** our server's bundle (another build, e.g. a baseline to compare with) */
  oursServer: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    sizes: PRESETS.map((p) => p.name),
    runs: 3,
    edits: 24,
    requests: 10,
    servers: ['ours', 'anchor'],
    coreRuns: 7,
    core: true,
    oursNodeArgs: [],
    oursServer: 'dist/server.js',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--sizes') o.sizes = next().split(',');
    else if (a === '--runs') o.runs = Number(next());
    else if (a === '--edits') o.edits = Number(next());
    else if (a === '--requests') o.requests = Number(next());
    else if (a === '--servers') o.servers = next().split(',');
    else if (a === '--core-runs') o.coreRuns = Number(next());
    else if (a === '--no-core') o.core = false;
    else if (a === '--ours-node-args')
      o.oursNodeArgs = next()
        .split(' ')
        .filter((x) => x !== '');
    else if (a === '--ours-server') o.oursServer = next();
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

const OUT = resolve('.test-output/bench');
const FILES = join(OUT, 'files');
// An empty workspace folder: a server that indexes its workspace must not see the file before didOpen.
const ROOT = join(OUT, 'empty-root');
const SCHEMA = resolve('scripts/bench/anchor/secretproviderclass.schema.json');
const ANCHOR_BIN = resolve('node_modules/yaml-language-server/bin/yaml-language-server');

interface ServerSpec {
  key: 'ours' | 'anchor';
  command: string[];
  settings: Record<string, unknown>;
}

const SERVERS: ServerSpec[] = [
  {
    key: 'ours',
    command: [process.execPath, resolve('dist/server.js'), '--stdio'],
    settings: { ascp: { indexWorkspace: false } },
  },
  {
    key: 'anchor',
    command: [process.execPath, ANCHOR_BIN, '--stdio'],
    settings: {
      yaml: {
        schemas: { [pathToFileURL(SCHEMA).href]: ['*.yaml', '*.yml'] },
        validate: true,
        hover: true,
        completion: true,
        format: { enable: false },
        schemaStore: { enable: false },
        kubernetesCRDStore: { enable: false },
        maxItemsComputed: 5000,
      },
      http: { proxy: '', proxyStrictSSL: false },
      editor: { tabSize: 2, detectIndentation: false },
    },
  },
];

interface Pos {
  line: number;
  character: number;
}

/** Where the bench types: a plain scalar `key: value` line at or after the middle of the file. */
function editPosition(lines: string[]): Pos {
  const re = /^(\s*(?:-\s+)?[A-Za-z_][\w./-]*:\s+)([A-Za-z0-9][\w./-]*)\s*$/;
  const mid = lines.length >> 1;
  for (let k = 0; k < lines.length; k++) {
    const line = (mid + k) % lines.length;
    const m = re.exec(lines[line] as string);
    if (m && (m[2] as string).length >= 2)
      return { line, character: (m[1] as string).length + ((m[2] as string).length >> 1) };
  }
  throw new Error('no plain scalar to type into');
}

/** The `provider: aws` line of the class nearest the middle (completion at column 2, hover at 4). */
function providerLine(lines: string[]): number {
  const hits: number[] = [];
  lines.forEach((l, i) => {
    if (l === '  provider: aws') hits.push(i);
  });
  const mid = lines.length >> 1;
  let best = hits[0];
  for (const h of hits) if (best === undefined || Math.abs(h - mid) < Math.abs(best - mid)) best = h;
  if (best === undefined) throw new Error('no provider line');
  return best;
}

interface RunResult {
  openMs: number;
  openCpuMs: number | null;
  openDiagnostics: number;
  keystrokeMs: number[];
  cpuPerKeystrokeMs: number | null;
  completionMs: number[] | null;
  hoverMs: number[] | null;
  requestErrors: string[];
  peakRssKiB: number | null;
}

const TIMEOUT = 300_000;

async function oneRun(spec: ServerSpec, file: string, text: string, o: Options): Promise<RunResult> {
  const lines = text.split('\n');
  const at = editPosition(lines);
  const prov = providerLine(lines);
  const uri = pathToFileURL(file).href;
  const s = new Session(spec.command, ROOT, spec.settings);
  try {
    await s.initialize();
    await s.settle(300, 10_000);
    // didOpen -> first publishDiagnostics
    let version = 1;
    const u0 = s.usage();
    const t0 = performance.now();
    await s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    const first = await s.waitPublish(uri, 0, undefined, TIMEOUT);
    const openMs = first.at - t0;
    const u1 = s.usage();
    // a server may publish again (schema loaded, a second pass) or keep working in the background
    // (loading a library for what the document needs): let it finish before typing
    await s.settle(1000, 60_000);
    await s.settleCpu(500, 30_000);

    // unmeasured warm-up keystrokes (a letter typed and deleted, twice): the JIT's first compilations
    for (let i = 0; i < 4; i++) {
      version++;
      const p = { ...at };
      const change =
        i % 2 === 1
          ? { range: { start: p, end: { ...p, character: p.character + 1 } }, rangeLength: 1, text: '' }
          : { range: { start: p, end: p }, rangeLength: 0, text: 'w' };
      const seq = s.lastSeq(uri);
      await s.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      await s.waitPublish(uri, seq, version, TIMEOUT);
    }

    // keystrokes: type letters into the value, then delete them; each waits for its publish
    const keystrokeMs: number[] = [];
    const typed: string[] = [];
    const inserts = Math.ceil(o.edits / 2);
    const k0 = s.usage();
    for (let i = 0; i < o.edits; i++) {
      version++;
      let change;
      if (i < inserts) {
        const p = { line: at.line, character: at.character + typed.length };
        const ch = 'abcdefghijklmnopqrstuvwxyz'[i % 26] as string;
        typed.push(ch);
        change = { range: { start: p, end: p }, rangeLength: 0, text: ch };
      } else {
        typed.pop();
        const p = { line: at.line, character: at.character + typed.length };
        change = { range: { start: p, end: { ...p, character: p.character + 1 } }, rangeLength: 1, text: '' };
      }
      const seq = s.lastSeq(uri);
      const t = performance.now();
      await s.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const ev = await s.waitPublish(uri, seq, version, TIMEOUT);
      keystrokeMs.push(ev.at - t);
      if (process.env.BENCH_DEBUG)
        process.stderr.write(`${i}:${Math.round(ev.at - t)}ms cpu=${s.usage()?.cpuMs} `);
    }
    const k1 = s.usage();

    // completion / hover right after an edit: a keystroke, the request at once, then its publish
    const requestErrors: string[] = [];
    let toggled = false;
    const afterEdit = async (method: string, params: unknown): Promise<number[]> => {
      const out: number[] = [];
      const warmup = 2;
      for (let i = 0; i < o.requests + warmup; i++) {
        version++;
        const p = { ...at };
        const change = toggled
          ? { range: { start: p, end: { ...p, character: p.character + 1 } }, rangeLength: 1, text: '' }
          : { range: { start: p, end: p }, rangeLength: 0, text: 'z' };
        toggled = !toggled;
        const seq = s.lastSeq(uri);
        await s.notify('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [change],
        });
        const t = performance.now();
        try {
          await s.request(method, params);
          if (i >= warmup) out.push(performance.now() - t);
        } catch (e) {
          requestErrors.push(`${method}: ${e instanceof Error ? e.message : String(e)}`);
        }
        await s.waitPublish(uri, seq, version, TIMEOUT);
      }
      return out;
    };
    const textDocument = { uri };
    const completionMs = s.capabilities.completionProvider
      ? await afterEdit('textDocument/completion', {
          textDocument,
          position: { line: prov, character: 2 },
          context: { triggerKind: 1 },
        })
      : null;
    const hoverMs = s.capabilities.hoverProvider
      ? await afterEdit('textDocument/hover', { textDocument, position: { line: prov, character: 4 } })
      : null;
    const end = s.usage();
    return {
      openMs,
      openCpuMs: u0 && u1 ? u1.cpuMs - u0.cpuMs : null,
      openDiagnostics: first.count,
      keystrokeMs,
      cpuPerKeystrokeMs: k0 && k1 ? (k1.cpuMs - k0.cpuMs) / o.edits : null,
      completionMs,
      hoverMs,
      requestErrors,
      peakRssKiB: end ? end.peakRssKiB : null,
    };
  } finally {
    await s.stop();
  }
}

interface Summary {
  runs: number;
  firstDiagnosticsMs: number | null;
  firstDiagnosticsMaxMs: number | null;
  firstDiagnosticsCpuMs: number | null;
  diagnosticsAtOpen: number | null;
  keystrokes: number;
  keystrokeMedianMs: number | null;
  keystrokeP95Ms: number | null;
  cpuPerKeystrokeMs: number | null;
  completionAfterEditP95Ms: number | null;
  completionAfterEditMedianMs: number | null;
  hoverAfterEditP95Ms: number | null;
  hoverAfterEditMedianMs: number | null;
  peakRssMiB: number | null;
  peakRssMaxMiB: number | null;
  errors: string[];
}

function summarize(rs: RunResult[]): Summary {
  const keys = rs.flatMap((r) => r.keystrokeMs);
  const pooled = (xs: (number[] | null)[]): number[] | null =>
    xs.every((x) => x === null) ? null : xs.flatMap((x) => x ?? []);
  const comp = pooled(rs.map((r) => r.completionMs));
  const hov = pooled(rs.map((r) => r.hoverMs));
  const mib = (k: number | null): number | null => (k === null ? null : k / 1024);
  return {
    runs: rs.length,
    firstDiagnosticsMs: round(medianOf(rs.map((r) => r.openMs))),
    firstDiagnosticsMaxMs: round(maxOf(rs.map((r) => r.openMs))),
    firstDiagnosticsCpuMs: round(medianOf(rs.map((r) => r.openCpuMs))),
    diagnosticsAtOpen: medianOf(rs.map((r) => r.openDiagnostics)),
    keystrokes: keys.length,
    keystrokeMedianMs: round(median(keys)),
    keystrokeP95Ms: round(percentile(keys, 95)),
    cpuPerKeystrokeMs: round(medianOf(rs.map((r) => r.cpuPerKeystrokeMs))),
    completionAfterEditP95Ms: comp ? round(percentile(comp, 95)) : null,
    completionAfterEditMedianMs: comp ? round(median(comp)) : null,
    hoverAfterEditP95Ms: hov ? round(percentile(hov, 95)) : null,
    hoverAfterEditMedianMs: hov ? round(median(hov)) : null,
    peakRssMiB: round(mib(medianOf(rs.map((r) => r.peakRssKiB)))),
    peakRssMaxMiB: round(mib(maxOf(rs.map((r) => r.peakRssKiB)))),
    errors: [...new Set(rs.flatMap((r) => r.requestErrors))],
  };
}

interface SizeResult {
  preset: Preset;
  bytes: number;
  lines: number;
  documents: number;
  editAt: Pos & { text: string };
  ours?: Summary;
  anchor?: Summary;
}

const fmt = (x: number | null | undefined, unit = ''): string =>
  x === null || x === undefined ? 'n/a' : `${x >= 100 ? Math.round(x) : x}${unit}`;
const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a === null || a === undefined || b === null || b === undefined || b === 0 ? null : a / b;
const fmtRatio = (r: number | null): string => (r === null ? 'n/a' : r >= 10 ? r.toFixed(0) : r.toFixed(2));

interface Row {
  metric: string;
  get: (s: Summary) => number | null;
  unit: string;
  /** pass/fail for this size given ours and the anchor; undefined: no target */
  target?: (
    size: string,
    ours: Summary,
    anchor: Summary | undefined,
  ) => { text: string; met: boolean | null };
}

const ROWS: Row[] = [
  {
    metric: 'didOpen → first diagnostics, median',
    get: (s) => s.firstDiagnosticsMs,
    unit: ' ms',
    target: (_size, o, a) => ({
      text: '≤ anchor',
      met: a ? (o.firstDiagnosticsMs ?? Infinity) <= (a.firstDiagnosticsMs ?? -Infinity) : null,
    }),
  },
  { metric: 'server CPU, didOpen → first diagnostics', get: (s) => s.firstDiagnosticsCpuMs, unit: ' ms' },
  { metric: 'keystroke → diagnostics, median', get: (s) => s.keystrokeMedianMs, unit: ' ms' },
  {
    metric: 'keystroke → diagnostics, p95',
    get: (s) => s.keystrokeP95Ms,
    unit: ' ms',
    target: (size, o) => {
      const limit = size === 'medium' ? 20 : size === 'large' ? 60 : undefined;
      if (limit === undefined) return { text: '', met: null };
      return { text: `≤ ${limit} ms`, met: o.keystrokeP95Ms !== null && o.keystrokeP95Ms <= limit };
    },
  },
  {
    metric: 'server CPU per keystroke',
    get: (s) => s.cpuPerKeystrokeMs,
    unit: ' ms',
    target: (_size, o, a) => ({
      text: '≤ anchor / 10',
      met:
        a && o.cpuPerKeystrokeMs !== null && a.cpuPerKeystrokeMs !== null
          ? o.cpuPerKeystrokeMs <= a.cpuPerKeystrokeMs / 10
          : null,
    }),
  },
  {
    metric: 'completion after an edit, p95',
    get: (s) => s.completionAfterEditP95Ms,
    unit: ' ms',
    target: (_size, o) => ({
      text: '< 20 ms',
      met: o.completionAfterEditP95Ms === null ? null : o.completionAfterEditP95Ms < 20,
    }),
  },
  {
    metric: 'hover after an edit, p95',
    get: (s) => s.hoverAfterEditP95Ms,
    unit: ' ms',
    target: (_size, o) => ({
      text: '< 20 ms',
      met: o.hoverAfterEditP95Ms === null ? null : o.hoverAfterEditP95Ms < 20,
    }),
  },
  {
    metric: 'peak RSS (VmHWM), max of runs',
    get: (s) => s.peakRssMaxMiB,
    unit: ' MiB',
    target: (_size, o) => ({
      text: '< 230 MiB',
      met: o.peakRssMaxMiB === null ? null : o.peakRssMaxMiB < 230,
    }),
  },
];

function table(results: SizeResult[]): string {
  const out: string[] = [];
  out.push('| size | metric | ours | anchor | ours / anchor | target | met |');
  out.push('| --- | --- | ---: | ---: | ---: | --- | :---: |');
  for (const r of results) {
    const label = `${r.preset.name} (${r.preset.classes}×${r.preset.objects}, ${(r.bytes / 1024).toFixed(0)} KiB)`;
    for (const row of ROWS) {
      const o = r.ours ? row.get(r.ours) : null;
      const a = r.anchor ? row.get(r.anchor) : null;
      const t = row.target && r.ours ? row.target(r.preset.name, r.ours, r.anchor) : undefined;
      const met = !t || t.text === '' ? '' : t.met === null ? 'n/a' : t.met ? 'yes' : '**no**';
      out.push(
        `| ${label} | ${row.metric} | ${fmt(o, row.unit)} | ${fmt(a, row.unit)} | ${fmtRatio(ratio(o, a))} | ${t?.text ?? ''} | ${met} |`,
      );
    }
  }
  return out.join('\n');
}

/**
 * The core alone (`analyzeWorkspace` of a ~1 MB file, in process), bundled the way `npm run build`
 * bundles the CLI and the server: esbuild, with the `yaml` package's platform-neutral build.
 */
interface CoreResult {
  bytes: number;
  classes: number;
  documents: number;
  runs: number;
  coldFirstMs: number;
  coldMedianMs: number;
  coldMinMs: number;
  coldMaxMs: number;
  oneDocumentChangedMedianMs: number;
}

async function coreBench(o: Options): Promise<CoreResult> {
  const out = join(OUT, 'core.cjs');
  await esbuild.build({
    entryPoints: [resolve('scripts/bench/core.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    // the same alias as scripts/build.mjs
    alias: { yaml: resolve('node_modules/yaml/browser/index.js') },
  });
  const r = spawnSync(process.execPath, [out, '--runs', String(o.coreRuns)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`core bench failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as CoreResult;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(o.oursServer)) throw new Error(`${o.oursServer} is missing: run \`npm run build\` first`);
  if (o.servers.includes('anchor') && !existsSync(ANCHOR_BIN))
    throw new Error('yaml-language-server is not installed: run `npm ci`');
  mkdirSync(FILES, { recursive: true });
  mkdirSync(ROOT, { recursive: true });
  const started = performance.now();
  const log = (m: string): void =>
    void process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${m}\n`);
  const servers = SERVERS.filter((s) => o.servers.includes(s.key)).map((s) =>
    s.key === 'ours'
      ? { ...s, command: [process.execPath, ...o.oursNodeArgs, resolve(o.oursServer), '--stdio'] }
      : s,
  );
  const results: SizeResult[] = [];
  const raw: Record<string, Record<string, RunResult[]>> = {};
  for (const preset of PRESETS.filter((p) => o.sizes.includes(p.name))) {
    const text = generate(preset.classes, preset.objects);
    const file = join(FILES, `${preset.name}.yaml`);
    writeFileSync(file, text);
    const lines = text.split('\n');
    const at = editPosition(lines);
    const res: SizeResult = {
      preset,
      bytes: Buffer.byteLength(text),
      lines: lines.length,
      documents: preset.classes * 2,
      editAt: { ...at, text: lines[at.line] as string },
    };
    const runs: Record<string, RunResult[]> = Object.fromEntries(servers.map((s) => [s.key, []]));
    // servers alternate run by run, so that drift in the machine's load hits both alike
    for (let i = 0; i < o.runs; i++) {
      for (const spec of servers) {
        log(`${preset.name}: ${spec.key} run ${i + 1}/${o.runs}`);
        (runs[spec.key] as RunResult[]).push(await oneRun(spec, file, text, o));
      }
    }
    for (const spec of servers) res[spec.key] = summarize(runs[spec.key] as RunResult[]);
    raw[preset.name] = runs;
    results.push(res);
  }
  let core: CoreResult | null = null;
  if (o.core) {
    log('core: analyzeWorkspace of a 1 MB file');
    core = await coreBench(o);
  }
  const elapsedS = round((performance.now() - started) / 1000, 0);
  const machine = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '?',
    platform: `${process.platform} ${process.arch}`,
    anchor: `yaml-language-server ${readAnchorVersion()}`,
  };
  const settings = { runs: o.runs, edits: o.edits, requests: o.requests, sizes: o.sizes, servers: o.servers };
  const summary = { date: new Date().toISOString(), machine, settings, elapsedS, sizes: results, core };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'results.json'), JSON.stringify(summary, null, 2));
  writeFileSync(join(OUT, 'raw.json'), JSON.stringify(raw));
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  const md = [
    `## ascp-manifests bench (${summary.date})`,
    '',
    `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), node ${machine.node}, load average at the end ` +
      `${load}. Anchor: ${machine.anchor} with the SecretProviderClass schema ` +
      `(scripts/bench/anchor/); it validates 200 ms after each change. ${elapsedS} s in all.`,
    '',
    `Method: ${o.runs} fresh-server runs per size and server, the two servers alternating run by run. ` +
      `Each run: didOpen, wait for the first publishDiagnostics, let the server go idle, 4 unmeasured ` +
      `warm-up keystrokes, then ${o.edits} keystrokes (${Math.ceil(o.edits / 2)} letters typed into a ` +
      `plain scalar near the middle of the file, then deleted; each incremental didChange waits for its ` +
      `publishDiagnostics before the next), then ${o.requests} completion and ${o.requests} hover ` +
      `requests, each sent right after a keystroke (2 warm-ups each). First diagnostics and CPU are ` +
      `medians over runs; keystroke, completion and hover percentiles pool every sample of every run ` +
      `(${o.runs * o.edits} keystrokes, ${o.runs * o.requests} requests of each kind per size); CPU is ` +
      `utime + stime of the server and its children from /proc (10 ms ticks); peak RSS is VmHWM, the ` +
      `largest over runs. The machine is shared: figures move by 10-30 % between runs; ratios of ` +
      `alternating runs are the steadier figure.`,
    '',
    table(results),
    '',
    ...results.map(
      (r) =>
        `- ${r.preset.name}: ${r.documents} documents, ${r.lines} lines; typing at ` +
        `${r.editAt.line + 1}:${r.editAt.character + 1} \`${r.editAt.text.trim()}\``,
    ),
  ];
  if (core) {
    const c = core;
    md.push(
      '',
      `Core alone (analyzeWorkspace in process, bundled as the CLI is): a ${(c.bytes / 1e6).toFixed(2)} MB ` +
        `file (${c.classes} classes x 20 objects, ${c.documents} documents): first run ${c.coldFirstMs} ms, ` +
        `then cold (no document cache) median ${c.coldMedianMs} ms over ${c.runs} runs ` +
        `(min ${c.coldMinMs}, max ${c.coldMaxMs}); one document changed, with the cache: median ` +
        `${c.oneDocumentChangedMedianMs} ms.`,
    );
  }
  const errs = results.flatMap((r) => [...(r.ours?.errors ?? []), ...(r.anchor?.errors ?? [])]);
  if (errs.length) md.push('', `Request errors: ${errs.join('; ')}`);
  writeFileSync(join(OUT, 'results.md'), md.join('\n') + '\n');
  process.stdout.write(md.join('\n') + '\n');
}

function readAnchorVersion(): string {
  try {
    return (
      JSON.parse(readFileSync(resolve('node_modules/yaml-language-server/package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return '?';
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
