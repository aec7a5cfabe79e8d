// The core alone, in process: `analyzeWorkspace` of a generated ~1 MB file, cold (no document cache),
// median of N runs after one untimed run, plus the very first run (JIT cold) and a re-analysis with a
// warm cache after a one-character edit. Prints JSON.
//
//   node --import tsx scripts/bench/core.ts [--runs N] [--bytes N]
import { analyzeWorkspace, DocumentCache } from '../../server/src/core/analyze';
import { generate } from './generate';
import { median, round } from './stats';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

const runs = arg('--runs', 7);
const target = arg('--bytes', 1_000_000);
// classes of 20 objects (each with its workload) until the file reaches the target size
const perClass = generate(10, 20).length / 10;
const classes = Math.ceil(target / perClass);
const text = generate(classes, 20);

const time = (f: () => void): number => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

const firstMs = time(() => analyzeWorkspace([{ id: 'bench.yaml', text }]));
const cold: number[] = [];
for (let i = 0; i < runs; i++) cold.push(time(() => analyzeWorkspace([{ id: 'bench.yaml', text }])));

// a keystroke in the middle document, with the cache of the previous version
const cache = new DocumentCache();
analyzeWorkspace([{ id: 'bench.yaml', text }], {}, cache);
const mid = text.indexOf('  provider: aws', text.length >> 1);
const edited: number[] = [];
for (let i = 0; i < runs; i++) {
  const t = text.slice(0, mid) + `# ${i}\n` + text.slice(mid);
  edited.push(time(() => analyzeWorkspace([{ id: 'bench.yaml', text: t }], {}, cache)));
}

process.stdout.write(
  JSON.stringify({
    bytes: text.length,
    classes,
    documents: classes * 2,
    runs,
    coldFirstMs: round(firstMs),
    coldMedianMs: round(median(cold)),
    coldMinMs: round(Math.min(...cold)),
    coldMaxMs: round(Math.max(...cold)),
    oneDocumentChangedMedianMs: round(median(edited)),
  }) + '\n',
);
