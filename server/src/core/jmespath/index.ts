// jmesPath analysis as ASCP runs it: go-jmespath v0.4.0 on a secret decoded by Go's encoding/json.
// Pure core module: no I/O, no editor or AWS imports.

export type {
  AscpOutcome,
  JmesCompileCause,
  JmesCompileError,
  JmesCompileResult,
  JmesEvaluation,
  JmesIssue,
  IssueSeverity,
  JsonShape,
} from './types.js';
export { compileJmes } from './compile.js';
export { evaluateJmes } from './evaluate.js';
export { decodeJsonLikeGo } from './gojson.js';
export { checkJmesStatic } from './static.js';
export { checkJmesContent } from './content.js';
export { shapeOf, jmesPathsToStrings } from './shape.js';
export { explainJmes } from './explain.js';
export { quoteIdentifierIfNeeded } from './quote.js';
