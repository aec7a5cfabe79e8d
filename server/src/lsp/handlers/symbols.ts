// textDocument/documentSymbol: classes with their entries, workloads with their CSI volumes and
// containers; DocumentSymbol trees when the client supports them, else flat SymbolInformation.
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver/node';
import type { Feature } from '../context';
import { documentSymbols, flattenSymbols, type SymbolNode, type SymbolNodeKind } from '../../service/symbols';

const KINDS: Record<SymbolNodeKind, SymbolKind> = {
  class: SymbolKind.Class,
  entry: SymbolKind.Field,
  jmesPath: SymbolKind.Property,
  workload: SymbolKind.Module,
  volume: SymbolKind.Package,
  container: SymbolKind.Object,
};

export const symbols: Feature = {
  capabilities: { documentSymbolProvider: { label: 'ASCP' } },
  register(ctx) {
    ctx.connection.onDocumentSymbol((params, token): DocumentSymbol[] | SymbolInformation[] => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string') return [];
      return ctx.safe('documentSymbol', [], token, () => {
        const tree = documentSymbols(ctx.placed(uri));
        if (ctx.client.hierarchicalSymbols) {
          const toSymbol = (n: SymbolNode): DocumentSymbol => {
            const s: DocumentSymbol = {
              name: n.name,
              kind: KINDS[n.kind],
              range: ctx.toRange(uri, n.span),
              selectionRange: ctx.toRange(uri, n.selection),
              children: n.children.map(toSymbol),
            };
            if (n.detail !== undefined) s.detail = n.detail;
            return s;
          };
          return tree.map(toSymbol);
        }
        return flattenSymbols(tree).map(({ node, container }) => {
          const s: SymbolInformation = {
            name: node.name,
            kind: KINDS[node.kind],
            location: { uri, range: ctx.toRange(uri, node.span) },
          };
          if (container !== undefined) s.containerName = container;
          return s;
        });
      });
    });
  },
};
