// Loads the vendored compliance data (test/fixtures/jmespath-compliance: the JMESPath compliance suite
// and what go-jmespath v0.4.0 returned for each case). Nothing outside the repository is read.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
export const COMPLIANCE_DIR = path.resolve(PROJECT_ROOT, 'test', 'fixtures', 'jmespath-compliance');

export type RefAscp = 'string' | 'null' | 'non-string' | 'error' | 'crash';

export interface RefCase {
  id: string;
  file: string;
  suite: number;
  case: number;
  expression: string;
  compiles: boolean;
  outcome: 'result' | 'result-nonjson' | 'error' | 'panic';
  result?: unknown;
  goType?: string;
  errorKind?: string;
  message?: string;
  ascp: RefAscp;
  deterministic: boolean;
  variants?: unknown[];
  ascpVariants?: RefAscp[];
  agreesWithCompliance: boolean | null;
}

interface Suite {
  given: unknown;
  cases: { expression: string }[];
}

export interface Reference {
  cases: RefCase[];
  /** `given` of each case, keyed by id. */
  givenOf(c: RefCase): unknown;
}

/** SHA-256 of the vendored go-reference.json (test/fixtures/jmespath-compliance/README.md). */
const REFERENCE_SHA256 = '7d6ca2aaf6efcac6ef3ce30c1ddda7afdc81988a59b3bfc501d456f84bf2e8f7';

export function loadReference(): Reference {
  const raw = readFileSync(path.join(COMPLIANCE_DIR, 'go-reference.json'));
  const sha = createHash('sha256').update(raw).digest('hex');
  if (sha !== REFERENCE_SHA256) throw new Error(`go-reference.json changed (sha256 ${sha})`);
  const ref = JSON.parse(raw.toString('utf8')) as { cases: RefCase[] };
  const files = new Map<string, Suite[]>();
  for (const f of readdirSync(path.join(COMPLIANCE_DIR, 'tests'))) {
    if (f.endsWith('.json')) {
      files.set(f, JSON.parse(readFileSync(path.join(COMPLIANCE_DIR, 'tests', f), 'utf8')) as Suite[]);
    }
  }
  return {
    cases: ref.cases,
    givenOf(c: RefCase): unknown {
      const suite = files.get(c.file)?.[c.suite];
      if (suite === undefined) throw new Error(`no suite for ${c.id}`);
      const expr = suite.cases[c.case]?.expression;
      if (expr !== c.expression) throw new Error(`expression mismatch for ${c.id}`);
      return suite.given;
    },
  };
}

/** Deep equality that ignores object key order (Go map order is not significant). */
export function canonical(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) {
    return JSON.stringify({ $nonjson: Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf' });
  }
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v === undefined ? null : v);
}
