// Go to definition, references, prepareRename and rename: positions in, the pure navigation service,
// LSP locations and WorkspaceEdits out. A position with nothing linkable answers null (or []); a
// rename that cannot be done exactly answers a RequestFailed error whose message says why (editors show
// it), which is not logged as a server error.
import {
  LSPErrorCodes,
  ResponseError,
  type Location,
  type LocationLink,
  type Position,
  type PrepareRenameResult,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Feature, ServerContext } from '../context';
import { definition, prepareRename, references, rename, type NavEdit } from '../../service/navigation';
import { refused } from '../../service/navigation-edit';

interface PositionParams {
  textDocument?: { uri?: unknown };
  position?: Position;
}

/** The request's file and absolute offset, when both are meaningful. */
function at(
  ctx: ServerContext,
  params: PositionParams | null | undefined,
): { uri: string; offset: number } | undefined {
  const uri = params?.textDocument?.uri;
  const pos = params?.position;
  if (typeof uri !== 'string' || !pos || !Number.isInteger(pos.line) || !Number.isInteger(pos.character))
    return undefined;
  if (pos.line < 0 || pos.character < 0 || !ctx.project.has(uri)) return undefined;
  const lines = ctx.lines(uri);
  if (!lines || pos.line >= lines.lineCount) return undefined;
  const offset = ctx.toOffset(uri, pos);
  return offset === undefined ? undefined : { uri, offset };
}

function workspaceEdit(ctx: ServerContext, edits: NavEdit[]): WorkspaceEdit {
  const byUri = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const list = byUri.get(e.uri) ?? [];
    list.push({ range: ctx.toRange(e.uri, e.span), newText: e.newText });
    byUri.set(e.uri, list);
  }
  if (ctx.client.documentChanges) {
    const documentChanges: TextDocumentEdit[] = [...byUri].map(([uri, list]) => ({
      textDocument: { uri, version: ctx.documents.get(uri)?.version ?? null },
      edits: list,
    }));
    return { documentChanges };
  }
  return { changes: Object.fromEntries(byUri) };
}

const failed = (reason: string): ResponseError<void> =>
  new ResponseError(LSPErrorCodes.RequestFailed, `Cannot rename: ${reason}.`);

export const navigation: Feature = {
  capabilities: {
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
  },
  register(ctx) {
    const c = ctx.connection;

    c.onDefinition((params, token) =>
      ctx.safe<Location[] | LocationLink[] | null>('definition', null, token, () => {
        const p = at(ctx, params);
        const d = p && definition(ctx.project, p.uri, p.offset);
        if (!p || !d) return null;
        if (ctx.client.definitionLinks) {
          const origin = ctx.toRange(p.uri, d.origin);
          return d.targets.map((t) => {
            const range = ctx.toRange(t.uri, t.span);
            return {
              originSelectionRange: origin,
              targetUri: t.uri,
              targetRange: range,
              targetSelectionRange: range,
            };
          });
        }
        return d.targets.map((t) => ({ uri: t.uri, range: ctx.toRange(t.uri, t.span) }));
      }),
    );

    c.onReferences((params, token) =>
      ctx.safe<Location[]>('references', [], token, () => {
        const p = at(ctx, params);
        if (!p) return [];
        const include = params?.context?.includeDeclaration === true;
        return references(ctx.project, p.uri, p.offset, include).map((l) => ({
          uri: l.uri,
          range: ctx.toRange(l.uri, l.span),
        }));
      }),
    );

    c.onPrepareRename((params, token) => {
      const r = ctx.safe('prepareRename', undefined, token, () => {
        const p = at(ctx, params);
        return p && { uri: p.uri, result: prepareRename(ctx.project, p.uri, p.offset) };
      });
      if (!r?.result) return null;
      if (refused(r.result)) return failed(r.result.reason);
      const answer: PrepareRenameResult = {
        range: ctx.toRange(r.uri, r.result.span),
        placeholder: r.result.placeholder,
      };
      return answer;
    });

    c.onRenameRequest((params, token) => {
      const newName = params?.newName;
      const r = ctx.safe('rename', undefined, token, () => {
        const p = at(ctx, params);
        if (!p || typeof newName !== 'string') return undefined;
        return rename(ctx.project, p.uri, p.offset, newName);
      });
      if (!r) return null;
      if (refused(r)) return failed(r.reason);
      return ctx.safe<WorkspaceEdit | null>('rename', null, token, () => workspaceEdit(ctx, r.edits));
    });
  },
};
