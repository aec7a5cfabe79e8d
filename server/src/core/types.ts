// Shared types of the pure analysis core. Positions are UTF-16 code-unit offsets into the outer file
// (the same unit as JavaScript strings and LSP's default position encoding).

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A half-open range [start, end) of UTF-16 offsets into the outer file. */
export interface Span {
  start: number;
  end: number;
}

export interface RelatedInfo {
  /** relative to the diagnostic's document, or absolute in `fileId` when that is set */
  span: Span;
  message: string;
  /** another file (the span is then a file offset in it) */
  fileId?: string;
}

/** What a quick fix needs; the LSP layer turns it into a code action. */
export interface FixData {
  title: string;
  edits: { span: Span; newText: string }[];
  /** Safe to apply in "fix all of this rule". */
  safeForFixAll?: boolean;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  related?: RelatedInfo[];
  fixes?: FixData[];
}

export interface LineCol {
  /** 0-based line */
  line: number;
  /** 0-based UTF-16 column */
  character: number;
}
