// Tokens and AST of go-jmespath v0.4.0, named as in its Go source so messages match its error texts.
// Positions are UTF-16 offsets into the expression (go-jmespath itself counts bytes).

import type { GoValue } from './values.js';

export type TokType =
  | 'tUnknown'
  | 'tStar'
  | 'tDot'
  | 'tFilter'
  | 'tFlatten'
  | 'tLparen'
  | 'tRparen'
  | 'tLbracket'
  | 'tRbracket'
  | 'tLbrace'
  | 'tRbrace'
  | 'tOr'
  | 'tPipe'
  | 'tNumber'
  | 'tUnquotedIdentifier'
  | 'tQuotedIdentifier'
  | 'tComma'
  | 'tColon'
  | 'tLT'
  | 'tLTE'
  | 'tGT'
  | 'tGTE'
  | 'tEQ'
  | 'tNE'
  | 'tJSONLiteral'
  | 'tStringLiteral'
  | 'tCurrent'
  | 'tExpref'
  | 'tAnd'
  | 'tNot'
  | 'tEOF';

export interface Token {
  type: TokType;
  /** Decoded value (identifier name, literal text, operator). */
  value: string;
  /** UTF-16 offset of the token's first character (for quoted forms: the opening delimiter). */
  start: number;
  /** UTF-16 offset just after the token (including a closing delimiter). */
  end: number;
}

export type NodeType =
  | 'ASTEmpty'
  | 'ASTComparator'
  | 'ASTCurrentNode'
  | 'ASTExpRef'
  | 'ASTFunctionExpression'
  | 'ASTField'
  | 'ASTFilterProjection'
  | 'ASTFlatten'
  | 'ASTIdentity'
  | 'ASTIndex'
  | 'ASTIndexExpression'
  | 'ASTKeyValPair'
  | 'ASTLiteral'
  | 'ASTMultiSelectHash'
  | 'ASTMultiSelectList'
  | 'ASTOrExpression'
  | 'ASTAndExpression'
  | 'ASTNotExpression'
  | 'ASTPipe'
  | 'ASTProjection'
  | 'ASTSubexpression'
  | 'ASTSlice'
  | 'ASTValueProjection';

/**
 * go-jmespath's `ASTNode.value interface{}`. It matters beyond the obvious: a function call takes its
 * name from the value of the node before `(`, and panics when that value is not a Go string.
 */
export type NodeValue =
  | { go: 'nil' }
  | { go: 'string'; s: string }
  | { go: 'literal'; v: GoValue }
  | { go: 'tokType'; tok: TokType }
  | { go: 'int'; n: number }
  | { go: 'slice'; parts: (number | null)[] };

export interface AstNode {
  type: NodeType;
  value: NodeValue;
  children: AstNode[];
  start: number;
  end: number;
}

export const NIL: NodeValue = { go: 'nil' };
