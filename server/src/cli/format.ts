// Output formats of ascp-lint. Lines and columns are 1-based; columns count UTF-16 code units (as LSP
// and SARIF do).
import type { FileAnalysis } from '../core/analyze';

export interface JsonDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

export function jsonReport(results: FileAnalysis[]) {
  return {
    files: results.map((r) => ({
      path: r.id,
      ...(r.skipped ? { skipped: r.skipped } : {}),
      diagnostics: r.diagnostics.map((d): JsonDiagnostic => {
        const s = r.lines.positionAt(d.span.start);
        const e = r.lines.positionAt(d.span.end);
        return {
          line: s.line + 1,
          column: s.character + 1,
          endLine: e.line + 1,
          endColumn: e.character + 1,
          severity: d.severity,
          code: d.code,
          message: d.message,
        };
      }),
      classes: r.classes.map((c) => ({ name: c.name, namespace: c.namespace ?? null, files: c.files })),
      mounts: r.mounts.map((m) => ({ workload: m.workload, container: m.container, path: m.path })),
    })),
  };
}

export function formatJson(results: FileAnalysis[]): string {
  return JSON.stringify(jsonReport(results), null, 2) + '\n';
}

const COLORS: Record<string, string> = { error: '31', warning: '33', information: '36', hint: '90' };

export function formatText(results: FileAnalysis[], color: boolean): string {
  const paint = (c: string, s: string) => (color ? `\u001b[${c}m${s}\u001b[0m` : s);
  const out: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    for (const d of r.diagnostics) {
      const p = r.lines.positionAt(d.span.start);
      counts[d.severity]++;
      out.push(
        `${r.id}:${p.line + 1}:${p.character + 1}: ${paint(COLORS[d.severity] ?? '0', d.severity)} ascp/${d.code}: ${d.message}`,
      );
    }
  }
  if (out.length > 0) out.push('');
  const rows = results.flatMap((r) => r.mounts.map((m) => ({ sourceFile: r.id, ...m })));
  if (rows.length > 0) {
    out.push('Files every pod will see:');
    const table = [
      ['WORKLOAD', 'CONTAINER', 'PATH', 'MODE', 'CLASS'],
      ...rows.map((m) => [
        (m.namespace ? m.namespace + '/' : '') + m.workload,
        m.container,
        m.path,
        m.permission,
        m.className,
      ]),
    ];
    const widths = table[0]?.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length))) ?? [];
    for (const row of table)
      out.push('  ' + row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  '));
    out.push('');
  }
  const classes = results.flatMap((r) => r.classes);
  const unmounted = classes.filter((c) => !rows.some((m) => m.className === c.name));
  if (unmounted.length > 0) {
    out.push('Classes no workload here mounts (their files):');
    for (const c of unmounted)
      out.push(`  ${c.name || '<unnamed>'}: ${c.files.length > 0 ? c.files.join(', ') : '(no files)'}`);
    out.push('');
  }
  out.push(
    `${results.length} file${results.length === 1 ? '' : 's'} checked: ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information + counts.hint} note${counts.information + counts.hint === 1 ? '' : 's'}.`,
  );
  return out.join('\n') + '\n';
}

export { formatSarif, sarifLog } from './sarif';
