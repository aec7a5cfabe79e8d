// compileJmes: go-jmespath's verdict on an expression, with the offending column, a classified cause
// and, when obvious, a corrected expression (always re-checked with the Go-faithful parser).

import type { AstNode, Token } from './ast.js';
import { JmesSyntaxError } from './lexer.js';
import { parseJmes } from './parser.js';
import { code, quoteIdentifierIfNeeded, yamlSingleQuoted } from './quote.js';
import type { JmesCompileCause, JmesCompileError, JmesCompileResult } from './types.js';
import { GoPanic, TooComplex } from './values.js';

export type ParseOutcome =
  | { ok: true; ast: AstNode; tokens: Token[] }
  | { ok: false; kind: 'syntax'; error: JmesSyntaxError }
  | { ok: false; kind: 'panic'; message: string }
  | { ok: false; kind: 'too-complex' };

/** Parses like jmespath.Compile; never throws. */
export function tryParse(expr: string): ParseOutcome {
  try {
    const { ast, tokens } = parseJmes(expr);
    return { ok: true, ast, tokens };
  } catch (e) {
    if (e instanceof JmesSyntaxError) return { ok: false, kind: 'syntax', error: e };
    if (e instanceof GoPanic) return { ok: false, kind: 'panic', message: e.message };
    if (e instanceof TooComplex || e instanceof RangeError) return { ok: false, kind: 'too-complex' };
    throw e;
  }
}

export function compilesInGo(expr: string): boolean {
  return tryParse(expr).ok;
}

export const ASCP_MOUNT_FAILS =
  'The volume mount fails (the pod reports "Failed to fetch secret from all regions") and the pod does not start.';

/** When go-jmespath panics, the provider process dies mid-call: the driver reports the broken gRPC call. */
export const ASCP_CRASH_MOUNT_FAILS =
  'The mount fails with "failed to mount secrets store objects for pod <namespace>/<pod>, err: rpc error: ' +
  'code = Unavailable desc = ..." and the pod does not start.';

export function invalidJmesPathMessage(expr: string): string {
  return `Invalid JMES Path: ${expr}.`;
}

// ---------------------------------------------------------------------------------------------------
// Scanning outside quoted regions

interface Segment {
  text: string;
  start: number;
  quoted: boolean;
}

/** Splits an expression into quoted ('...', "...", `...`) and unquoted segments. */
function segments(expr: string): { segs: Segment[]; unclosed?: string } {
  const segs: Segment[] = [];
  let i = 0;
  let plainStart = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '"' || c === "'" || c === '`') {
      if (i > plainStart) segs.push({ text: expr.slice(plainStart, i), start: plainStart, quoted: false });
      let j = i + 1;
      while (j < expr.length && expr[j] !== c) j += expr[j] === '\\' ? 2 : 1;
      if (j >= expr.length) {
        segs.push({ text: expr.slice(i), start: i, quoted: true });
        return { segs, unclosed: c };
      }
      segs.push({ text: expr.slice(i, j + 1), start: i, quoted: true });
      i = j + 1;
      plainStart = i;
      continue;
    }
    i++;
  }
  if (plainStart < expr.length) segs.push({ text: expr.slice(plainStart), start: plainStart, quoted: false });
  return { segs };
}

function mapUnquoted(expr: string, f: (text: string, prevChar: string) => string): string {
  let out = '';
  for (const s of segments(expr).segs) {
    out += s.quoted ? s.text : f(s.text, out.trimEnd().slice(-1));
  }
  return out;
}

const BARE_RUN = /[^\s.[\]{}(),:|&!=<>*@`'"?$]+/g;
const VALID_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface BareRun {
  text: string;
  start: number;
  end: number;
}

/** Runs of characters that look like a key but are not a valid unquoted identifier. */
function invalidBareRuns(expr: string): BareRun[] {
  const runs: BareRun[] = [];
  for (const s of segments(expr).segs) {
    if (s.quoted) continue;
    for (const m of s.text.matchAll(BARE_RUN)) {
      const text = m[0];
      const start = s.start + (m.index ?? 0);
      if (VALID_IDENTIFIER.test(text)) continue;
      const before = expr.slice(0, start).trimEnd().slice(-1);
      const after = expr
        .slice(start + text.length)
        .trimStart()
        .slice(0, 1);
      if (after === '(') continue; // a function name
      if (/^-?\d+$/.test(text) && !(before === '' || before === '.')) continue; // index, slice, stray number
      runs.push({ text, start, end: start + text.length });
    }
  }
  return runs;
}

function quoteBareRuns(expr: string): string {
  const runs = invalidBareRuns(expr);
  let out = '';
  let last = 0;
  for (const r of runs) {
    out += expr.slice(last, r.start) + quoteIdentifierIfNeeded(r.text);
    last = r.end;
  }
  return out + expr.slice(last);
}

/** `$.a.b`, `$['a-b'][0]`, `$.a[*].b` -> the JMESPath equivalent; undefined when not that simple. */
export function jsonPathToJmes(expr: string): string | undefined {
  const s = expr.trim();
  if (!s.startsWith('$')) return undefined;
  let i = 1;
  const parts: string[] = [];
  while (i < s.length) {
    const rest = s.slice(i);
    let m: RegExpMatchArray | null;
    if ((m = /^\.\*/.exec(rest))) {
      parts.push(parts.length === 0 ? '*' : '.*');
    } else if ((m = /^\.([^.[\]\s]+)/.exec(rest))) {
      const key = m[1] ?? '';
      parts.push((parts.length === 0 ? '' : '.') + quoteIdentifierIfNeeded(key));
    } else if (
      (m = /^\[\s*'((?:[^'\\]|\\.)*)'\s*\]/.exec(rest)) ||
      (m = /^\[\s*"((?:[^"\\]|\\.)*)"\s*\]/.exec(rest))
    ) {
      const key = (m[1] ?? '').replace(/\\(.)/g, '$1');
      parts.push((parts.length === 0 ? '' : '.') + quoteIdentifierIfNeeded(key));
    } else if ((m = /^\[\s*(-?\d+|\*)\s*\]/.exec(rest))) {
      parts.push(`[${m[1] ?? ''}]`);
    } else {
      return undefined;
    }
    i += m[0].length;
  }
  return parts.length === 0 ? '@' : parts.join('');
}

/** `a['b-c']` / `a["b"]` (JSONPath bracket notation without `$`) -> `a."b-c"` / `a.b`. */
function bracketKeysToDots(expr: string): string {
  return expr.replace(
    /(^|.)\[\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]/g,
    (_m, before: string, sq?: string, dq?: string) => {
      const key = (sq ?? dq ?? '').replace(/\\(.)/g, '$1');
      const q = quoteIdentifierIfNeeded(key);
      if (before === '' || /[\s(,|[{:]/.test(before)) return `${before}${q}`;
      return `${before}${before === '.' ? '' : '.'}${q}`;
    },
  );
}

function closeUnclosed(expr: string): string {
  const { segs, unclosed } = segments(expr);
  let out = expr;
  if (unclosed !== undefined) out += unclosed;
  const stack: string[] = [];
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  for (const s of segs) {
    if (s.quoted) continue;
    for (const c of s.text) {
      const close = pairs[c];
      if (close !== undefined) stack.push(close);
      else if (c === ')' || c === ']' || c === '}') {
        if (stack[stack.length - 1] === c) stack.pop();
      }
    }
  }
  return out + stack.reverse().join('');
}

/** The last opener without a matching closer (outside quotes), if any. */
function unmatchedOpener(expr: string): number | undefined {
  const stack: { c: string; at: number }[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const s of segments(expr).segs) {
    if (s.quoted) continue;
    for (let k = 0; k < s.text.length; k++) {
      const c = s.text[k] ?? '';
      if (c === '(' || c === '[' || c === '{') stack.push({ c, at: s.start + k });
      else if (pairs[c] !== undefined && stack[stack.length - 1]?.c === pairs[c]) stack.pop();
    }
  }
  return stack[stack.length - 1]?.at;
}

/** Applies every obvious fix; returns the result only if go-jmespath compiles it. */
export function suggestFix(expr: string): string | undefined {
  let s = expr;
  const fromJsonPath = jsonPathToJmes(s);
  if (fromJsonPath !== undefined) s = fromJsonPath;
  s = s.replace(/^(\s*)\.+/, '$1');
  s = mapUnquoted(s, (t) => t.replace(/\.{2,}/g, '.'));
  s = s.replace(/\.+(\s*)$/, '$1');
  s = bracketKeysToDots(s);
  s = mapUnquoted(s, (t) => t.replace(/(^|[^=!<>])=(?!=)/g, '$1=='));
  s = quoteBareRuns(s);
  s = closeUnclosed(s);
  s = s.trim();
  if (s === expr.trim() || s.length === 0) return undefined;
  return compilesInGo(s) ? s : undefined;
}

// ---------------------------------------------------------------------------------------------------

function classify(
  expr: string,
  err: JmesSyntaxError,
): { cause: JmesCompileCause; offset: number; length: number } {
  const lead = expr.length - expr.trimStart().length;
  const first = expr[lead];
  if (first === '$') return { cause: 'jsonpath-dollar', offset: lead, length: 1 };
  if (first === '.') return { cause: 'leading-dot', offset: lead, length: 1 };
  if (err.origin === 'unclosed') return { cause: 'unclosed', offset: err.offset, length: 1 };
  if (err.origin === 'parser-eof') {
    const trimmed = expr.trimEnd();
    if (trimmed.endsWith('.')) return { cause: 'trailing-dot', offset: trimmed.length - 1, length: 1 };
  }
  // A hyphen: go-jmespath stops at the number token that `-` starts inside a key-like run.
  const hyphenRun = invalidBareRuns(expr).find(
    (r) => r.text.includes('-') && err.offset >= r.start && err.offset < r.end,
  );
  if (hyphenRun !== undefined) {
    const tokenIsHyphen = err.token?.type === 'tNumber' && err.token.value.startsWith('-');
    const offset = tokenIsHyphen ? err.offset : hyphenRun.start + hyphenRun.text.indexOf('-');
    const length = tokenIsHyphen ? err.length : 1;
    return { cause: 'hyphen', offset, length };
  }
  if (err.origin === 'parser-eof') {
    const opener = unmatchedOpener(expr);
    if (opener !== undefined) return { cause: 'unclosed', offset: opener, length: 1 };
  }
  return { cause: 'other', offset: err.offset, length: err.length };
}

/** For errors at the end of the expression, point at the last token instead of past the end. */
function visibleSpan(expr: string, offset: number, length: number): { offset: number; length: number } {
  if (length > 0 || offset < expr.length)
    return { offset, length: Math.max(length, offset < expr.length ? 1 : 0) };
  const trimmed = expr.trimEnd();
  if (trimmed.length === 0) return { offset: 0, length: 0 };
  // the last token: a run of identifier characters or a single other character
  const m = /[A-Za-z0-9_]+$/.exec(trimmed);
  const start = m ? trimmed.length - m[0].length : trimmed.length - 1;
  return { offset: start, length: trimmed.length - start };
}

function causeHint(
  expr: string,
  cause: JmesCompileCause,
  err: JmesSyntaxError,
  suggestion: string | undefined,
): string {
  const fix =
    suggestion !== undefined
      ? ` Use ${code(suggestion)} (in YAML: path: ${yamlSingleQuoted(suggestion)}).`
      : '';
  switch (cause) {
    case 'hyphen': {
      const run = invalidBareRuns(expr).find((r) => r.text.includes('-'));
      const key = run?.text ?? 'api-key';
      return (
        `In go-jmespath an unquoted \`-\` starts a number, so ${code(key)} is not read as one key. ` +
        `Write keys that contain \`-\` as JMESPath quoted identifiers: ${code(quoteIdentifierIfNeeded(key))} ` +
        `(in YAML: path: ${yamlSingleQuoted(suggestion ?? quoteIdentifierIfNeeded(key))}).`
      );
    }
    case 'jsonpath-dollar':
      return `jmesPath takes a JMESPath expression, not JSONPath: there is no \`$\` root.${fix}`;
    case 'leading-dot':
      return `A JMESPath expression starts with the key itself, without a leading \`.\`.${fix}`;
    case 'trailing-dot':
      return `A \`.\` must be followed by a key (jmespath.js tolerates a trailing dot, go-jmespath does not).${fix}`;
    case 'unclosed':
      return `A quote or bracket opened here is never closed.${fix}`;
    case 'other': {
      if (err.origin === 'json-literal') {
        return (
          'go-jmespath decodes backtick literals as strict JSON (jmespath.js also accepts bare words): ' +
          'write a string as `"text"` in backticks, or as a raw string \'text\'.' +
          fix
        );
      }
      if (err.origin === 'quoted-identifier')
        return `The quoted identifier is not a valid JSON string.${fix}`;
      if (err.token?.type === 'tDot' && /\.\s*\./.test(expr)) {
        return `\`..\` is not JMESPath (there is no recursive descent): use a single \`.\`.${fix}`;
      }
      if (err.token?.type === 'tUnknown') return `Use \`==\` to compare values.${fix}`;
      if (err.origin === 'unknown-char') {
        return `Keys containing characters other than ASCII letters, digits and \`_\` must be quoted, e.g. ${code('"key/name"')}.${fix}`;
      }
      return fix.trim();
    }
  }
}

export function compileError(expr: string): JmesCompileError | undefined {
  const parsed = tryParse(expr);
  if (parsed.ok) return undefined;
  if (parsed.kind === 'panic') {
    const offset = Math.max(0, expr.indexOf('\u0080'));
    return {
      message:
        `go-jmespath panics while parsing this path (${parsed.message}): an unquoted key followed by U+0080 ` +
        `makes its lexer index past a table. ASCP has no recover(), so the provider process crashes. ` +
        `${ASCP_CRASH_MOUNT_FAILS} Quote the key.`,
      offset,
      length: 1,
      cause: 'other',
      goMessage: parsed.message,
      crash: true,
      ...(suggestFixForPanic(expr) ?? {}),
    };
  }
  if (parsed.kind === 'too-complex') {
    return {
      message:
        'This path is nested more than 1000 levels deep, beyond what this checker follows: ' +
        "go-jmespath's verdict on it is unknown here.",
      offset: 0,
      length: expr.length,
      cause: 'other',
      goMessage: '',
      unchecked: true,
    };
  }
  const err = parsed.error;
  const { cause, offset, length } = classify(expr, err);
  const span = visibleSpan(expr, offset, length);
  const suggestion = suggestFix(expr);
  const hint = causeHint(expr, cause, err, suggestion);
  const message =
    `go-jmespath cannot compile this path (${err.goMessage}), so ASCP fails the mount with ` +
    `"${invalidJmesPathMessage(expr)}" ${ASCP_MOUNT_FAILS}${hint ? ' ' + hint : ''}`;
  return {
    message,
    offset: span.offset,
    length: span.length,
    cause,
    goMessage: err.goMessage,
    ...(suggestion !== undefined ? { suggestion } : {}),
  };
}

function suggestFixForPanic(expr: string): { suggestion: string } | undefined {
  const s = expr.replace(/([A-Za-z_][A-Za-z0-9_]*\u0080[^\s.[\]{}(),:|&!=<>*@`'"]*)/g, (m) =>
    JSON.stringify(m),
  );
  return s !== expr && compilesInGo(s) ? { suggestion: s } : undefined;
}

/** go-jmespath's verdict on compiling `expr` (what jmespath.Compile / the first half of Search does). */
export function compileJmes(expr: string): JmesCompileResult {
  const error = compileError(expr);
  return error === undefined ? { ok: true } : { ok: false, error };
}
