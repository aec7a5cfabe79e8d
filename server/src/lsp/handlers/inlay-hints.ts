// textDocument/inlayHint: the mounted file name after a name or alias, the full paths after a
// volumeMount's mountPath (see service/inlay.ts for which ones get a hint).
import type { InlayHint } from 'vscode-languageserver/node';
import type { Feature } from '../context';
import { inlayHints as hintsIn } from '../../service/inlay';

export const inlayHints: Feature = {
  capabilities: { inlayHintProvider: { resolveProvider: false } },
  register(ctx) {
    ctx.connection.languages.inlayHint.on((params, token): InlayHint[] => {
      const uri = params?.textDocument?.uri;
      const range = params?.range;
      if (typeof uri !== 'string' || !range || !ctx.settings().inlayHints) return [];
      return ctx.safe('inlayHints', [], token, () => {
        const lines = ctx.lines(uri);
        if (!lines) return [];
        const start = ctx.toOffset(uri, range.start);
        const end = ctx.toOffset(uri, range.end);
        if (start === undefined || end === undefined || start > end) return [];
        return hintsIn(ctx.placed(uri), { start, end }, ctx.project.view(), uri).map((h) => ({
          position: lines.positionAt(h.offset),
          label: h.label,
          paddingLeft: true,
          tooltip: h.tooltip,
        }));
      });
    });
  },
};
