// Renders the server's ascp/previewMounts answer as a Markdown document: per workload and container,
// every path the container sees and its mode; then the files of each class in the file. Pure.
import type { PreviewMountsResult } from '../../server/src/shared/protocol';

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, '\\`').replace(/\r?\n/g, ' ');
}

function code(s: string): string {
  // inside a table a `|` ends the cell even in a code span (GFM): escape it there too
  const flat = s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  if (flat === '') return '';
  return flat.includes('`') ? '`` ' + flat + ' ``' : '`' + flat + '`';
}

export function renderPreview(result: PreviewMountsResult, fileLabel: string): string {
  const out: string[] = [`# Mounted files: ${cell(fileLabel)}`, ''];
  if (result.mounts.length === 0 && result.classes.length === 0) {
    out.push(
      'No workload in this file mounts a SecretProviderClass with provider `aws`, and it defines no such class.',
      '',
    );
    return out.join('\n');
  }
  const byWorkload = new Map<string, typeof result.mounts>();
  for (const m of result.mounts) {
    const key = `${m.namespace ?? ''}\u0000${m.workload}`;
    const list = byWorkload.get(key) ?? [];
    list.push(m);
    byWorkload.set(key, list);
  }
  if (byWorkload.size === 0) out.push('No workload in this file mounts these classes.', '');
  for (const rows of byWorkload.values()) {
    const first = rows[0];
    if (!first) continue;
    out.push(
      `## ${cell(first.workload)}${first.namespace ? ` (namespace ${cell(first.namespace)})` : ''}`,
      '',
    );
    const byContainer = new Map<string, typeof rows>();
    for (const r of rows) byContainer.set(r.container, [...(byContainer.get(r.container) ?? []), r]);
    for (const [container, list] of byContainer) {
      out.push(`### Container ${code(container)}`, '');
      out.push('| Path | Mode | Class | Volume |', '| --- | --- | --- | --- |');
      for (const r of list)
        out.push(`| ${code(r.path)} | ${cell(r.permission)} | ${cell(r.className)} | ${cell(r.volume)} |`);
      out.push('');
    }
  }
  if (result.classes.length > 0) {
    out.push('## Classes in this file', '');
    for (const c of result.classes) {
      const ns = c.namespace ? ` (namespace ${cell(c.namespace)})` : '';
      const by = c.mountedBy.length
        ? `mounted by ${c.mountedBy.map(cell).join(', ')}`
        : 'mounted by no workload here';
      out.push(`### ${cell(c.name)}${ns}: ${by}`, '');
      if (c.files.length === 0) {
        out.push('No files (the class lists no objects).', '');
        continue;
      }
      out.push('| File | Mode | From |', '| --- | --- | --- |');
      for (const f of c.files) out.push(`| ${code(f.name)} | ${cell(f.permission)} | ${code(f.from)} |`);
      out.push('');
    }
  }
  return out.join('\n');
}

/** Summary for the language status item. */
export function countSummary(result: PreviewMountsResult): string {
  const n = result.classes.length;
  const files = result.mounts.length;
  return `${n} ${n === 1 ? 'class' : 'classes'}, ${files} mounted ${files === 1 ? 'file' : 'files'} in this file`;
}
