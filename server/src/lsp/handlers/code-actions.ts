// textDocument/codeAction: quick fixes from the diagnostics' `data.fixes` (LSP ranges carried with
// each published diagnostic), "fix all <code>" as a quick fix, `source.fixAll.ascp` when asked for,
// and the refactor that rewrites `objects` as a literal block. Edits come from service/actions.ts.
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic as LspDiagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { Diagnostic } from '../../core/types';
import { editsAllowed, fixAll, objectsToLiteral, safeFixCount, type ActionEdit } from '../../service/actions';
import type { Feature, ServerContext } from '../context';
import type { DiagnosticData } from '../diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.ascp`;

type LspFix = NonNullable<DiagnosticData['fixes']>[number];

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function isRange(r: unknown): r is Range {
  const o = r as Range | null;
  const pos = (p: unknown): boolean => {
    const q = p as { line?: unknown; character?: unknown } | null;
    return !!q && Number.isInteger(q.line) && Number.isInteger(q.character);
  };
  return !!o && typeof o === 'object' && pos(o.start) && pos(o.end);
}

function validFix(f: unknown): f is LspFix {
  const o = f as LspFix | null;
  return (
    !!o &&
    typeof o.title === 'string' &&
    Array.isArray(o.edits) &&
    o.edits.every((e) => isRange(e?.range) && typeof e.newText === 'string')
  );
}

/** What an editor's kind filter (`context.only`) lets through. */
export function kindWanted(only: string[] | undefined, kind: string, explicitOnly = false): boolean {
  if (!only || only.length === 0) return !explicitOnly;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function toEdits(ctx: ServerContext, uri: string, edits: ActionEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: ctx.toRange(uri, e.span), newText: e.newText }));
}

/** The fixes of a client diagnostic: its data, else those of the same diagnostic in the analysis. */
function fixesOf(ctx: ServerContext, uri: string, d: LspDiagnostic, analysed: Diagnostic[]): LspFix[] {
  const data = d.data as DiagnosticData | undefined;
  if (data && Array.isArray(data.fixes)) return data.fixes.filter(validFix);
  const match = analysed.find((a) => a.code === d.code && sameRange(ctx.toRange(uri, a.span), d.range));
  return (match?.fixes ?? []).map((f) => ({
    title: f.title,
    safeForFixAll: f.safeForFixAll === true,
    edits: f.edits.map((e) => ({ range: ctx.toRange(uri, e.span), newText: e.newText })),
  }));
}

function actions(ctx: ServerContext, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const parsed = ctx.project.parsed(uri);
  if (!parsed) return [];
  const only = Array.isArray(params.context?.only) ? params.context.only : undefined;
  const clientDiags = (Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : []).filter(
    (d) => d && d.source === 'ascp' && isRange(d.range),
  );
  const analysed = ctx.analysis(uri)?.diagnostics ?? [];
  const lines = ctx.lines(uri);
  const out: CodeAction[] = [];

  if (kindWanted(only, CodeActionKind.QuickFix)) {
    const codes = new Map<string, LspDiagnostic[]>();
    for (const d of clientDiags) {
      const fixes = fixesOf(ctx, uri, d, analysed);
      for (const f of fixes) {
        const edits = f.edits.map((e) => ({ range: e.range, newText: e.newText }));
        const spans = lines
          ? edits.map((e) => ({
              span: { start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) },
            }))
          : [];
        if (!editsAllowed(parsed, spans)) continue;
        out.push({
          title: f.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: fixes.length === 1,
          edit: { changes: { [uri]: edits } },
        });
      }
      if (typeof d.code === 'string') codes.set(d.code, [...(codes.get(d.code) ?? []), d]);
    }
    for (const [code, diags] of codes) {
      if (safeFixCount(analysed, code) < 2) continue;
      const all = fixAll(analysed, code, parsed);
      if (all.fixed.length < 2) continue;
      out.push({
        title: `Fix all ${code} problems in this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: diags,
        edit: { changes: { [uri]: toEdits(ctx, uri, all.edits) } },
      });
    }
  }

  if (kindWanted(only, CodeActionKind.RefactorRewrite) && lines && isRange(params.range)) {
    const start = lines.offsetAt(params.range.start);
    const end = lines.offsetAt(params.range.end);
    for (const r of objectsToLiteral(ctx.project, uri, Math.min(start, end), Math.max(start, end))) {
      out.push({
        title: r.title,
        kind: CodeActionKind.RefactorRewrite,
        edit: { changes: { [uri]: toEdits(ctx, uri, r.edits) } },
      });
    }
  }

  if (kindWanted(only, FIX_ALL_KIND, true)) {
    const all = fixAll(analysed, undefined, parsed);
    if (all.edits.length > 0) {
      out.push({
        title: 'Fix all ASCP problems in this file',
        kind: FIX_ALL_KIND,
        edit: { changes: { [uri]: toEdits(ctx, uri, all.edits) } },
      });
    }
  }
  return out;
}

export const codeActions: Feature = {
  capabilities: {
    codeActionProvider: {
      codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND],
      resolveProvider: false,
    },
  },
  register(ctx) {
    ctx.connection.onCodeAction((params: CodeActionParams, token) => {
      if (typeof params?.textDocument?.uri !== 'string') return [];
      return ctx.safe('codeAction', [] as CodeAction[], token, () => actions(ctx, params));
    });
  },
};
