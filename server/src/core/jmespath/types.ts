// Public types of the jmesPath analysis (pure core: no I/O, no editor, no AWS).

/** What ASCP does with a jmesPath entry at mount time. */
export type AscpOutcome = 'string' | 'null' | 'non-string' | 'error' | 'crash';

export type JmesCompileCause =
  'hyphen' | 'jsonpath-dollar' | 'leading-dot' | 'trailing-dot' | 'unclosed' | 'other';

export interface JmesCompileError {
  message: string;
  /** 0-based UTF-16 offset inside the expression of the offending token or character. */
  offset: number;
  length: number;
  cause: JmesCompileCause;
  /** A corrected expression, only when it is obvious and go-jmespath compiles it. */
  suggestion?: string;
  /** go-jmespath's own error text (or panic text). */
  goMessage: string;
  /** True when go-jmespath panics while compiling (ASCP crashes instead of reporting an error). */
  crash?: boolean;
  /** True when the path is beyond what this checker follows (over 1000 levels of nesting): no verdict. */
  unchecked?: boolean;
}

export type JmesCompileResult = { ok: true } | { ok: false; error: JmesCompileError };

export interface JmesEvaluation {
  outcome: AscpOutcome;
  /** Go's `%T` of the result as in go-reference.json ('' when Search returned an error or panicked). */
  goType: string;
  /** The ASCP-visible outcome (or mounted string) can differ between mounts because of Go's map order. */
  orderDependent: boolean;
  /** Every ASCP outcome seen across the map orders tried (always contains `outcome`). */
  outcomes: AscpOutcome[];
  /** What ASCP does and why; never contains any part of the value. */
  message?: string;
  /** Internal use only (e.g. to describe types): never put it in messages. */
  result?: unknown;
}

export type IssueSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface JmesIssue {
  code: string;
  severity: IssueSeverity;
  message: string;
  /** 0-based UTF-16 offset/length inside the expression. */
  offset: number;
  length: number;
  suggestion?: string;
}

export interface JsonShape {
  type: 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';
  keys?: { name: string; shape: JsonShape }[];
  items?: JsonShape;
  length?: number;
}
