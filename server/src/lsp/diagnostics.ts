// Core diagnostics -> LSP diagnostics.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { docsUrl } from '../core/rules/rule';
import type { Diagnostic } from '../core/types';
import type { ServerContext } from './context';

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface DiagnosticData {
  /** quick fixes with LSP ranges, carried so code actions need no re-analysis */
  fixes?: {
    title: string;
    safeForFixAll: boolean;
    edits: { range: LspDiagnostic['range']; newText: string }[];
  }[];
}

export function toLspDiagnostic(ctx: ServerContext, uri: string, d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: ctx.toRange(uri, d.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: docsUrl(d.code) },
    source: 'ascp',
    message: d.message,
  };
  if (d.related && d.related.length > 0 && ctx.client.relatedInformation) {
    out.relatedInformation = d.related.map((r) => {
      const ruri = r.fileId ?? uri;
      return { location: { uri: ruri, range: ctx.toRange(ruri, r.span) }, message: r.message };
    });
  }
  if (d.fixes && d.fixes.length > 0) {
    const data: DiagnosticData = {
      fixes: d.fixes.map((f) => ({
        title: f.title,
        safeForFixAll: f.safeForFixAll === true,
        edits: f.edits.map((e) => ({ range: ctx.toRange(uri, e.span), newText: e.newText })),
      })),
    };
    out.data = data;
  }
  return out;
}
