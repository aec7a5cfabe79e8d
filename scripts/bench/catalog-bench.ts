// Completion from a warm AWS catalog: 10,000 names (half hierarchical SSM parameters, half secrets),
// each query doing what AwsService.complete does once the listing is in memory (is the prefix known,
// search, one representative per folder) plus turning the answer into LSP items
// (aws/completion-items.ts). Prints JSON with p50/p95/max in milliseconds.
//
//   node --import tsx scripts/bench/catalog-bench.ts [--names N] [--queries N]
import { KindCatalog } from '../../server/src/aws/catalog';
import { nameCompletionItems } from '../../server/src/aws/completion-items';
import type { CatalogItem } from '../../server/src/service/providers';

export interface CatalogBenchResult {
  names: number;
  queries: number;
  p50: number;
  p95: number;
  max: number;
  /** items returned per query, on average */
  meanItems: number;
}

/** Deterministic pseudo-random numbers (same run, same figures). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function catalogBench(names = 10_000, queries = 2_000): CatalogBenchResult {
  const ssm = new KindCatalog('ssmparameter', 'us-east-1');
  const sm = new KindCatalog('secretsmanager', 'us-east-1');
  const ssmItems: CatalogItem[] = [];
  const smItems: CatalogItem[] = [];
  for (let i = 0; i < names; i++) {
    const team = `team${i % 20}`;
    const svc = `svc${Math.floor(i / 20) % 25}`;
    if (i % 2 === 0)
      ssmItems.push({
        kind: 'ssmparameter',
        name: `/${team}/${svc}/key${i}`,
        type: i % 3 ? 'String' : 'SecureString',
        lastChanged: '2026-01-02T03:04:05.000Z',
        kmsKeyId: 'alias/aws/ssm',
      });
    else
      smItems.push({
        kind: 'secretsmanager',
        name: `${team}/${svc}/secret${i}`,
        arn: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${team}/${svc}/secret${i}-AbCdEf`,
        description: 'a secret',
        lastChanged: '2026-01-02T03:04:05.000Z',
      });
  }
  ssm.replaceAll(ssmItems, Date.now());
  sm.replaceAll(smItems, Date.now());
  const all = [...ssmItems, ...smItems].map((i) => i.name);
  const random = rng(42);
  const range = { start: { line: 10, character: 20 }, end: { line: 10, character: 30 } };
  const times: number[] = [];
  let items = 0;
  for (let q = 0; q < queries + 50; q++) {
    const name = all[Math.floor(random() * all.length)] as string;
    const prefix = name.slice(0, Math.floor(random() * (name.length + 1)));
    const t = performance.now();
    const found: CatalogItem[] = [];
    for (const c of [ssm, sm]) {
      c.knows(prefix, Date.now(), 300_000);
      found.push(...c.search(prefix, 50, true));
    }
    const out = nameCompletionItems(found, {
      typed: prefix,
      range,
      objectTypeInsert: { position: range.end, indent: '  ' },
    });
    const ms = performance.now() - t;
    if (q >= 50) {
      times.push(ms); // the first 50 warm the JIT
      items += out.length;
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number) =>
    Math.round((times[Math.min(times.length - 1, Math.floor(times.length * p))] as number) * 1000) / 1000;
  return {
    names,
    queries,
    p50: at(0.5),
    p95: at(0.95),
    max: at(1),
    meanItems: Math.round((items / queries) * 10) / 10,
  };
}

if (process.argv[1]?.endsWith('catalog-bench.ts')) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? fallback : Number(process.argv[i + 1]);
  };
  console.log(JSON.stringify(catalogBench(arg('--names', 10_000), arg('--queries', 2_000)), null, 2));
}
