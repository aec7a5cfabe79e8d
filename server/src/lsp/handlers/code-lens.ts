// textDocument/codeLens: the files each AWS class mounts and who mounts it, and the files each
// workload's containers get (see service/lens.ts).
import type { CodeLens } from 'vscode-languageserver/node';
import type { Feature } from '../context';
import { codeLenses } from '../../service/lens';

/** The client command a lens runs: shows the mounts preview of the file. */
export const PREVIEW_COMMAND = 'ascp.previewMounts';

export const codeLens: Feature = {
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register(ctx) {
    ctx.connection.onCodeLens((params, token): CodeLens[] => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || !ctx.settings().codeLens) return [];
      return ctx.safe('codeLens', [], token, () =>
        codeLenses(ctx.placed(uri), ctx.project.view(), uri).map((l) => ({
          range: ctx.toRange(uri, l.span),
          command: { title: l.title, command: PREVIEW_COMMAND, arguments: [uri] },
        })),
      );
    });
  },
};
