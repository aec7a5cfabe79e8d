// What every LSP handler gets: the project, positions for any file, settings, and a safe wrapper
// that turns a throwing handler into a logged error and an empty answer (the server never dies).
import type { CancellationToken, Connection, Range, ServerCapabilities } from 'vscode-languageserver/node';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAnalysis, PlacedDoc } from '../core/analyze';
import { LineIndex } from '../core/text';
import type { Span } from '../core/types';
import type { Project } from '../service/project';
import type { NameProvider, ValueProvider } from '../service/providers';
import type { AscpSettings } from '../shared/protocol';

export interface ServerContext {
  connection: Connection;
  project: Project;
  documents: TextDocuments<TextDocument>;
  settings(): AscpSettings;
  /** the client's capabilities we care about */
  client: {
    snippets: boolean;
    markdown: boolean;
    relatedInformation: boolean;
    hierarchicalSymbols: boolean;
    /** WorkspaceEdit.documentChanges (versioned edits) */
    documentChanges: boolean;
    /** definition answers may be LocationLinks */
    definitionLinks: boolean;
  };
  lines(uri: string): LineIndex | undefined;
  toRange(uri: string, span: Span): Range;
  toOffset(uri: string, pos: { line: number; character: number }): number | undefined;
  analysis(uri: string): FileAnalysis | undefined;
  placed(uri: string): PlacedDoc[];
  log(message: string): void;
  /** Runs a handler; on an exception logs it and returns `fallback`; on cancellation returns `fallback`. */
  safe<T>(name: string, fallback: T, token: CancellationToken | undefined, fn: () => T): T;
  /** Re-publishes diagnostics (and refreshes lenses/hints) of every open document. */
  refreshAll(): void;
  /** Names in the AWS account for objectName completion; undefined: no such items. */
  names?: NameProvider;
  /** Values of secrets (only with ascp.aws.checkValues) for jmesPath path completion. */
  values?: ValueProvider;
}

export interface Feature {
  capabilities: Partial<ServerCapabilities>;
  register(ctx: ServerContext): void;
}

export function linesOf(text: string): LineIndex {
  return new LineIndex(text);
}
