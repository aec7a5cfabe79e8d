// textDocument/hover: a thin adapter over service/hover.ts (markdown when the client renders it).
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { Feature, ServerContext } from '../context';
import { hoverAt } from '../../service/hover';

/** The offset of a position that lies inside the file's text, else undefined (never clamped). */
export function exactOffset(ctx: ServerContext, uri: string, pos: Position | undefined): number | undefined {
  const lines = ctx.lines(uri);
  if (!lines || !pos) return undefined;
  const { line, character } = pos;
  if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0) return undefined;
  if (line >= lines.lineCount) return undefined;
  const start = lines.lineStarts[line] as number;
  if (start + character > lines.lineEnd(line)) return undefined;
  return start + character;
}

export const hover: Feature = {
  capabilities: { hoverProvider: true },
  register(ctx) {
    ctx.connection.onHover((params, token): Hover | null => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string') return null;
      return ctx.safe('hover', null, token, () => {
        const offset = exactOffset(ctx, uri, params.position);
        if (offset === undefined) return null;
        const h = hoverAt({
          placed: ctx.placed(uri),
          view: ctx.project.view(),
          fileId: uri,
          offset,
          markdown: ctx.client.markdown,
        });
        if (!h) return null;
        return {
          contents: { kind: h.markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: h.contents },
          range: ctx.toRange(uri, h.span),
        };
      });
    });
  },
};
