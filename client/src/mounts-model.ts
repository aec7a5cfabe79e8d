// What the ASCP Mounts view, the rendered preview and the language status show, computed from the
// server's ascp/mountsTree answer. Pure (no vscode import) so unit tests can check every string.
import type {
  MountsTreeFile,
  MountsTreeMount,
  MountsTreeResult,
  SourceLocation,
} from '../../server/src/shared/protocol';

export type NodeKind = 'workload' | 'container' | 'mount' | 'file' | 'info';

export interface ViewNode {
  kind: NodeKind;
  label: string;
  description: string;
  /** plain text */
  tooltip: string;
  /** where a click takes the editor */
  location?: SourceLocation;
  children: ViewNode[];
}

/** The last path segment of a URI, decoded, for "in pod.yaml". */
export function baseName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1) || path;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Where a file's content comes from: the objectName, or the jmesPath of it. */
export function sourceOf(f: MountsTreeFile): string {
  return f.kind === 'jmesPath' && f.jmesPath !== null
    ? `jmesPath ${f.jmesPath} of ${f.objectName}`
    : `objectName ${f.objectName}`;
}

function fileNode(f: MountsTreeFile, m: MountsTreeMount): ViewNode {
  const type = f.objectType ? ` (${f.objectType})` : '';
  return {
    kind: 'file',
    label: f.name,
    description: `${f.permission} · ${m.className} · ${sourceOf(f)}`,
    tooltip: [
      f.path,
      `mode ${f.permission}, class ${m.className}`,
      f.kind === 'jmesPath'
        ? `the value at jmesPath ${f.jmesPath ?? ''} of ${f.objectName}${type}, named by objectAlias ${f.objectAlias ?? ''}`
        : `the value of ${f.objectName}${type}${f.objectAlias ? `, named by objectAlias ${f.objectAlias}` : ''}`,
      `Click to go to its entry in ${baseName(f.location.uri)}.`,
    ].join('\n'),
    location: f.location,
    children: [],
  };
}

function mountNode(m: MountsTreeMount): ViewNode {
  const n = m.files.length;
  return {
    kind: 'mount',
    label: m.mountPath,
    description: `${n} file${n === 1 ? '' : 's'} · class ${m.className}${m.subPath ? ` · subPath ${m.subPath}` : ''}`,
    tooltip: `volume ${m.volume} (class ${m.className}) mounted at ${m.mountPath}${m.subPath ? `, subPath ${m.subPath}` : ''}`,
    location: m.location,
    children:
      n > 0
        ? m.files.map((f) => fileNode(f, m))
        : [info(m.subPath ? `the class writes no file named ${m.subPath}` : 'the class writes no file')],
  };
}

function info(label: string): ViewNode {
  return { kind: 'info', label, description: '', tooltip: label, children: [] };
}

/** The view's roots: one node per workload. */
export function viewNodes(t: MountsTreeResult): ViewNode[] {
  return t.workloads.map((w) => ({
    kind: 'workload',
    label: w.label,
    description: [
      w.namespace ? `namespace ${w.namespace}` : '',
      w.inFile ? '' : `in ${baseName(w.location.uri)}`,
    ]
      .filter(Boolean)
      .join(' · '),
    tooltip: `${w.label}${w.inFile ? '' : ` (${baseName(w.location.uri)})`}`,
    location: w.location,
    children:
      w.containers.length > 0
        ? w.containers.map((c) => ({
            kind: 'container' as const,
            label: c.name,
            description: c.init ? 'init container' : 'container',
            tooltip: `${c.init ? 'init container' : 'container'} ${c.name} of ${w.label}`,
            location: c.location,
            children: c.mounts.map(mountNode),
          }))
        : [info('no container mounts a SecretProviderClass found in the workspace')],
  }));
}

/** The view's message when it has no workload, or undefined. */
export function emptyMessage(
  t: MountsTreeResult | undefined,
  fileLabel: string | undefined,
): string | undefined {
  if (!fileLabel)
    return 'Open a manifest with a SecretProviderClass or a CSI volume to see the files its pods get.';
  if (!t || t.workloads.length > 0) return undefined;
  if (t.classes.length > 0)
    return `No workload in the workspace mounts the ${t.classes.length === 1 ? 'class' : 'classes'} of ${fileLabel}.`;
  return `${fileLabel} holds no SecretProviderClass and no workload with a CSI volume.`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The language status of one file: short text, and a detail saying through which workloads the files
 * are mounted (the classes of a file mount files through workloads in other files).
 */
export function mountsStatus(t: MountsTreeResult): { text: string; detail: string } {
  const parts: string[] = [];
  if (t.classes.length > 0) parts.push(plural(t.classes.length, 'class', 'classes'));
  const own = t.workloads.filter((w) => w.inFile).length;
  if (own > 0) parts.push(plural(own, 'workload'));
  parts.push(plural(t.mountedFiles, 'mounted file'));
  const others = t.workloads.filter((w) => !w.inFile);
  let detail: string;
  if (others.length > 0) {
    const first = others[0];
    const where = first ? `${first.label} in ${baseName(first.location.uri)}` : '';
    detail = `through ${where}${others.length > 1 ? ` and ${plural(others.length - 1, 'other workload')}` : ''}`;
  } else if (own > 0) detail = 'in this file';
  else if (t.classes.length > 0) detail = 'no workload mounts them yet';
  else detail = 'no class or CSI volume here';
  return { text: parts.join(', '), detail };
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The rendered preview: a page per file with, per workload and container, a table of the paths the
 * container sees (mode, class, where the content comes from); each path links to its entry. `nonce`
 * allows the page's one script, which posts {reveal: index} to the extension.
 */
export function previewHtml(
  t: MountsTreeResult,
  fileLabel: string,
  opts: { nonce: string; cspSource: string },
): { html: string; targets: SourceLocation[] } {
  const targets: SourceLocation[] = [];
  const e = escapeHtml;
  const body: string[] = [`<h1>Mounted files: ${e(fileLabel)}</h1>`];
  const summary = mountsStatus(t);
  body.push(`<p class="summary">${e(summary.text)}, ${e(summary.detail)}.</p>`);
  if (t.workloads.length === 0) {
    body.push(`<p>${e(emptyMessage(t, fileLabel) ?? '')}</p>`);
  }
  for (const w of t.workloads) {
    const where = w.inFile ? '' : ` <span class="where">in ${e(baseName(w.location.uri))}</span>`;
    const ns = w.namespace ? ` <span class="where">namespace ${e(w.namespace)}</span>` : '';
    body.push(`<h2>${e(w.label)}${ns}${where}</h2>`);
    if (w.containers.length === 0) body.push('<p>No container mounts a class found in the workspace.</p>');
    for (const c of w.containers) {
      body.push(`<h3>${c.init ? 'Init container' : 'Container'} <code>${e(c.name)}</code></h3>`);
      body.push(
        '<table><thead><tr><th>Path</th><th>Mode</th><th>Class</th><th>From</th></tr></thead><tbody>',
      );
      for (const m of c.mounts) {
        if (m.files.length === 0)
          body.push(
            `<tr><td><code>${e(m.mountPath)}</code></td><td></td><td>${e(m.className)}</td><td>no file</td></tr>`,
          );
        for (const f of m.files) {
          const i = targets.push(f.location) - 1;
          body.push(
            `<tr><td><a href="#" data-reveal="${i}"><code>${e(f.path)}</code></a></td><td>${e(f.permission)}</td>` +
              `<td>${e(m.className)}</td><td>${e(sourceOf(f))}</td></tr>`,
          );
        }
      }
      body.push('</tbody></table>');
    }
  }
  const csp = `default-src 'none'; style-src ${opts.cspSource} 'unsafe-inline'; script-src 'nonce-${opts.nonce}';`;
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mounted files: ${e(fileLabel)}</title>
<style>
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px 16px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.2em; margin-top: 1.4em; } h3 { font-size: 1em; }
.where, .summary { color: var(--vscode-descriptionForeground); font-weight: normal; font-size: 0.9em; }
table { border-collapse: collapse; margin-bottom: 1em; }
th, td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid var(--vscode-editorWidget-border, #8884); }
code { font-family: var(--vscode-editor-font-family); }
a { color: var(--vscode-textLink-foreground); text-decoration: none; } a:hover { text-decoration: underline; }
</style></head><body>
${body.join('\n')}
<script nonce="${opts.nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (ev) => {
  const a = ev.target instanceof Element ? ev.target.closest('[data-reveal]') : null;
  if (!a) return;
  ev.preventDefault();
  vscode.postMessage({ reveal: Number(a.getAttribute('data-reveal')) });
});
</script>
</body></html>
`;
  return { html, targets };
}
