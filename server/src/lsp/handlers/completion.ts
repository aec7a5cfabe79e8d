// textDocument/completion: a thin adapter over service/completion.ts (file offsets in, entries out).
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
} from 'vscode-languageserver/node';
import { jmesPathCompletionItems, nameCompletionItems } from '../../aws/completion-items';
import { complete, type CompletionEntry, type CompletionResult } from '../../service/completion';
import type { EntryKind } from '../../service/completion-types';
import type { Feature, ServerContext } from '../context';

/** `:` and ` ` start values, `-` list items, `"` quoted values, `/` SSM parameter paths. */
export const TRIGGER_CHARACTERS = [':', ' ', '-', '"', '/'];

const KIND: Record<EntryKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
  class: CompletionItemKind.Class,
  file: CompletionItemKind.File,
  reference: CompletionItemKind.Reference,
};

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

function validPosition(p: unknown): p is { line: number; character: number } {
  const o = p as { line?: unknown; character?: unknown } | null;
  return (
    !!o &&
    typeof o === 'object' &&
    Number.isInteger(o.line) &&
    Number.isInteger(o.character) &&
    (o.line as number) >= 0 &&
    (o.character as number) >= 0
  );
}

function toItem(ctx: ServerContext, uri: string, e: CompletionEntry): CompletionItem {
  const item: CompletionItem = {
    label: e.label,
    kind: KIND[e.kind],
    sortText: e.sortText,
    textEdit: { range: ctx.toRange(uri, e.edit.span), newText: e.edit.newText },
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  const detail = [e.description, e.detail].filter((x) => x).join(' · ');
  if (detail) item.detail = detail;
  if (e.documentation)
    item.documentation = ctx.client.markdown
      ? { kind: MarkupKind.Markdown, value: e.documentation }
      : { kind: MarkupKind.PlainText, value: e.documentation.replace(/`/g, '') };
  if (e.filterText !== undefined) item.filterText = e.filterText;
  if (e.preselect) item.preselect = true;
  if (e.additionalEdits?.length)
    item.additionalTextEdits = e.additionalEdits.map((a) => ({
      range: ctx.toRange(uri, a.span),
      newText: a.newText,
    }));
  if (e.retrigger) item.command = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };
  return item;
}

export const completion: Feature = {
  capabilities: {
    completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
  },
  register(ctx) {
    ctx.connection.onCompletion(async (params: CompletionParams, token): Promise<CompletionList> => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || !validPosition(params?.position)) return EMPTY;
      const result = ctx.safe<CompletionResult | undefined>('completion', undefined, token, () => {
        const offset = ctx.toOffset(uri, params.position);
        if (offset === undefined) return undefined;
        return complete(ctx.project, uri, offset, { snippets: ctx.client.snippets });
      });
      if (!result) return EMPTY;
      const extra: CompletionItem[] = [];
      let incomplete = result.incomplete === true;
      const p = result.pending;
      if (p && (ctx.names || ctx.values)) {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          if (p.names && ctx.names) {
            const answer = await ctx.names.complete(p.names.query, abort.signal);
            const found = Array.isArray(answer?.items) ? answer.items : [];
            if (!answer?.complete) incomplete = true;
            const v = p.names.verbatim;
            if (v) {
              const lines = ctx.lines(uri);
              extra.push(
                ...nameCompletionItems(found, {
                  typed: p.names.query.prefix,
                  range: ctx.toRange(uri, v.content),
                  quote: v.quote,
                  markdown: ctx.client.markdown,
                  hierarchical: p.names.query.hierarchical === true,
                  ...(v.objectType ? { objectType: v.objectType } : {}),
                  ...(v.objectTypeInsert && lines
                    ? {
                        objectTypeInsert: {
                          position: lines.positionAt(v.objectTypeInsert.offset),
                          indent: v.objectTypeInsert.indent,
                          eol: v.objectTypeInsert.eol,
                        },
                      }
                    : {}),
                }),
              );
            } else extra.push(...p.names.build(found).map((e) => toItem(ctx, uri, e)));
          }
          if (p.paths && ctx.values?.enabled()) {
            const paths = (await ctx.values.paths(p.paths.ref, abort.signal)) ?? [];
            const v = p.paths.verbatim;
            if (v)
              extra.push(
                ...jmesPathCompletionItems(paths, { range: ctx.toRange(uri, v.content), quote: v.quote }),
              );
            else extra.push(...p.paths.build(paths).map((e) => toItem(ctx, uri, e)));
          }
        } catch (e) {
          ctx.log(
            `completion: AWS names or paths unavailable (${e instanceof Error ? e.message : String(e)})`,
          );
        } finally {
          sub.dispose();
        }
      }
      return ctx.safe('completion', EMPTY, token, () => ({
        isIncomplete: incomplete,
        items: [...result.items.map((e) => toItem(ctx, uri, e)), ...extra],
      }));
    });
  },
};
