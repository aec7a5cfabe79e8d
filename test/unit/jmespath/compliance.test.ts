// Every case of the JMESPath compliance suite, checked against what go-jmespath v0.4.0 (ASCP's engine)
// really returned (go-reference.json). A disagreement is anything ASCP users could notice: whether the
// path compiles, ASCP's outcome, the mounted string, and whether the outcome depends on map order.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileJmes, decodeJsonLikeGo, evaluateJmes } from '../../../server/src/core/jmespath/index.js';
import { canonical, loadReference } from './reference.js';
import type { RefCase } from './reference.js';

/**
 * Cases allowed to disagree, each with the proof that it cannot matter. Keep it empty unless a case is
 * shown to be unobservable for ASCP; the last test fails when an entry no longer disagrees.
 */
const ALLOW_LIST: Readonly<Record<string, string>> = {};

const ref = loadReference();

function disagreement(c: RefCase): string | undefined {
  const decoded = decodeJsonLikeGo(JSON.stringify(ref.givenOf(c)));
  if (!decoded.ok) return `given does not decode: ${decoded.reason}`;
  const compiled = compileJmes(c.expression);
  const ev = evaluateJmes(c.expression, decoded.value);
  const problems: string[] = [];
  if (compiled.ok !== c.compiles) problems.push(`compiles: go=${c.compiles} ours=${compiled.ok}`);
  if (c.deterministic) {
    if (ev.outcome !== c.ascp) problems.push(`outcome: go=${c.ascp} ours=${ev.outcome}`);
    if (ev.orderDependent) problems.push('orderDependent: ours=true but Go was deterministic');
  } else {
    if (!(c.ascpVariants ?? []).includes(ev.outcome)) {
      problems.push(`outcome: go variants=${(c.ascpVariants ?? []).join('|')} ours=${ev.outcome}`);
    }
    if (!ev.orderDependent) problems.push('orderDependent: Go varied between runs, ours=false');
  }
  if (c.ascp === 'string' && c.deterministic && ev.result !== c.result)
    problems.push('mounted string differs');
  return problems.length > 0 ? problems.join('; ') : undefined;
}

describe('go-jmespath v0.4.0 compliance (go-reference.json)', () => {
  it('has the 908 cases the suite is built on', () => {
    assert.equal(ref.cases.length, 908);
  });

  it('agrees with go-jmespath on every case in ASCP terms', () => {
    const failures: string[] = [];
    let agree = 0;
    let allowListed = 0;
    for (const c of ref.cases) {
      const d = disagreement(c);
      if (d === undefined) agree++;
      else if (ALLOW_LIST[c.id] !== undefined) allowListed++;
      else failures.push(`${c.id} ${JSON.stringify(c.expression)}: ${d}`);
    }
    console.log(
      `jmespath compliance: ${agree}/${ref.cases.length} agree with go-jmespath v0.4.0 (${allowListed} allow-listed)`,
    );
    assert.deepEqual(failures, []);
  });

  it('also reproduces the full Go results and Go types (not only ASCP outcomes)', () => {
    const failures: string[] = [];
    for (const c of ref.cases) {
      if (c.outcome !== 'result' && c.outcome !== 'result-nonjson') continue;
      const decoded = decodeJsonLikeGo(JSON.stringify(ref.givenOf(c)));
      if (!decoded.ok) continue;
      const ev = evaluateJmes(c.expression, decoded.value);
      if (canonical(ev.result) !== canonical(c.result) || ev.goType !== c.goType) {
        failures.push(
          `${c.id} ${JSON.stringify(c.expression)}: go=${canonical(c.result)} (${c.goType}) ours=${canonical(ev.result)} (${ev.goType})`,
        );
      }
    }
    assert.deepEqual(failures, []);
  });

  it('reproduces the crash and the cases where Go deliberately disagrees with the suite', () => {
    const byId = new Map(ref.cases.map((c) => [c.id, c]));
    const crash = byId.get('syntax/4/0');
    assert.equal(crash?.expression, '@(foo)');
    assert.equal(evaluateJmes('@(foo)', {}).outcome, 'crash');
    for (const c of ref.cases.filter((x) => x.agreesWithCompliance === false)) {
      assert.equal(disagreement(c), undefined, c.id);
    }
  });

  it('allow-listed cases still disagree (so the list cannot hide fixed cases)', () => {
    for (const id of Object.keys(ALLOW_LIST)) {
      const c = ref.cases.find((x) => x.id === id);
      assert.ok(c !== undefined, `allow-listed case ${id} does not exist`);
      assert.notEqual(
        disagreement(c),
        undefined,
        `allow-listed case ${id} agrees now: remove it from ALLOW_LIST`,
      );
    }
  });
});
