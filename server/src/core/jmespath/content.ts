// checkJmesContent: what ASCP does with a jmesPath given the secret (or parameter) value.
// Messages name keys, types and counts only - never any part of a value.

import { closest, distance } from 'fastest-levenshtein';
import type { AstNode } from './ast.js';
import { ASCP_CRASH_MOUNT_FAILS, ASCP_MOUNT_FAILS, compileError, tryParse } from './compile.js';
import { evaluateAst, outcomeOf } from './evaluate.js';
import { decodeJsonLikeGo } from './gojson.js';
import { code, quoteIdentifierIfNeeded, yamlSingleQuoted } from './quote.js';
import type { JmesIssue } from './types.js';
import { getKey, hasKey, isMap, jmesTypeName, toGoValue } from './values.js';
import type { GoMap, GoValue } from './values.js';

const MAX_KEYS_SHOWN = 15;

function listKeys(m: GoMap): string {
  const keys = Object.keys(m);
  if (keys.length === 0) return '(none: the object is empty)';
  const shown = keys.slice(0, MAX_KEYS_SHOWN).map((k) => code(quoteIdentifierIfNeeded(k)));
  return (
    shown.join(', ') + (keys.length > MAX_KEYS_SHOWN ? `, … (${keys.length - MAX_KEYS_SHOWN} more)` : '')
  );
}

function typePhrase(v: GoValue): string {
  switch (jmesTypeName(v)) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'null':
      return 'null';
    case 'object':
      return 'an object';
    case 'array':
      return `an array of ${Array.isArray(v) ? v.length : 0} element${Array.isArray(v) && v.length === 1 ? '' : 's'}`;
    case 'expref':
      return 'an expression reference';
  }
}

/** Describes the format of a non-JSON value without quoting it. */
function formatHint(text: string): string {
  const t = text.trim();
  if (text.length === 0) return 'the value is empty';
  if (t.length === 0) return 'the value is only whitespace';
  if (t.startsWith('{') || t.startsWith('[')) return 'it starts like JSON but is not valid JSON';
  const lines = t.split(/\r?\n/).filter((l) => l.trim().length > 0);
  if (
    lines.length > 0 &&
    lines.every((l) => /^\s*(-\s+)?[^\s:#][^:]*:(\s|$)/.test(l) || /^\s*(#|-\s)/.test(l))
  ) {
    return 'it looks like YAML (`key: value` lines), which ASCP does not parse';
  }
  if (
    lines.length > 0 &&
    lines.every((l) => /^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=/.test(l) || /^\s*#/.test(l))
  ) {
    return 'it looks like `KEY=value` lines, which ASCP does not parse';
  }
  return 'it is plain text';
}

interface Step {
  kind: 'field' | 'index';
  name: string;
  index: number;
  node: AstNode;
}

/** `a.b[0]."c-d"` as steps; undefined for anything that is not a plain chain of keys and indexes. */
function chainOf(node: AstNode): Step[] | undefined {
  switch (node.type) {
    case 'ASTField':
      return [{ kind: 'field', name: node.value.go === 'string' ? node.value.s : '', index: 0, node }];
    case 'ASTIdentity':
    case 'ASTCurrentNode':
      return [];
    case 'ASTSubexpression': {
      const l = chainOf(node.children[0] ?? node);
      const r = node.children[1];
      if (l === undefined || r === undefined || r.type === 'ASTCurrentNode') return undefined;
      const rc = chainOf(r);
      return rc === undefined ? undefined : l.concat(rc);
    }
    case 'ASTIndexExpression': {
      const l = chainOf(node.children[0] ?? node);
      const r = node.children[1];
      if (l === undefined || r === undefined || r.type !== 'ASTIndex') return undefined;
      return l.concat([{ kind: 'index', name: '', index: r.value.go === 'int' ? r.value.n : 0, node: r }]);
    }
    default:
      return undefined;
  }
}

function replaceSpan(expr: string, start: number, end: number, text: string): string {
  return expr.slice(0, start) + text + expr.slice(end);
}

/** The best replacement for a missing key: same name in another case, a near miss, or a `-`/`_` variant. */
function closestKey(keys: string[], name: string): string | undefined {
  if (keys.length === 0) return undefined;
  const lower = name.toLowerCase();
  const ci = keys.find((k) => k.toLowerCase() === lower);
  if (ci !== undefined) return ci;
  const norm = (s: string): string => s.toLowerCase().replace(/[-_.\s]/g, '');
  const nv = keys.find((k) => norm(k) === norm(name) && norm(k).length > 0);
  if (nv !== undefined) return nv;
  const prefixed = keys.filter((k) => {
    const kl = k.toLowerCase();
    return Math.min(kl.length, lower.length) >= 3 && (kl.startsWith(lower) || lower.startsWith(kl));
  });
  if (prefixed.length === 1) return prefixed[0];
  const best = closest(
    lower,
    keys.map((k) => k.toLowerCase()),
  );
  const idx = keys.map((k) => k.toLowerCase()).indexOf(best);
  const d = distance(lower, best);
  const limit = Math.max(1, Math.floor(Math.max(name.length, best.length) / 3));
  return d <= limit ? keys[idx] : undefined;
}

interface Diagnosis {
  message: string;
  offset: number;
  length: number;
  suggestion?: string;
}

function firstStringKey(m: GoMap): string | undefined {
  const keys = Object.keys(m);
  return keys.find((k) => typeof m[k] === 'string') ?? keys[0];
}

/** Explains where a plain key/index chain stops matching the secret. */
function diagnoseChain(expr: string, steps: Step[], data: GoValue): Diagnosis | undefined {
  let cur: GoValue = data;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as Step;
    const prefixEnd = i === 0 ? 0 : (steps[i - 1] as Step).node.end;
    const prefix = expr.slice(0, prefixEnd).trim();
    const where = prefix.length === 0 ? 'at the top level of the secret' : `in ${code(prefix)}`;
    const span = { offset: step.node.start, length: Math.max(1, step.node.end - step.node.start) };
    const upTo = expr.slice(0, step.node.end).trim();
    if (step.kind === 'field') {
      if (isMap(cur)) {
        if (hasKey(cur, step.name)) {
          const next = getKey(cur, step.name);
          if (next === null) {
            return { message: `${code(upTo)} exists but is null in this secret.`, ...span };
          }
          cur = next;
          continue;
        }
        const keys = Object.keys(cur);
        // `a.b` where the secret has a key literally named "a.b"
        const names: string[] = [];
        let j = i;
        while (j < steps.length && (steps[j] as Step).kind === 'field') {
          names.push((steps[j] as Step).name);
          j++;
        }
        for (let n = names.length; n >= 2; n--) {
          const dotted = names.slice(0, n).join('.');
          if (hasKey(cur, dotted)) {
            const last = steps[i + n - 1] as Step;
            const suggestion = replaceSpan(
              expr,
              step.node.start,
              last.node.end,
              quoteIdentifierIfNeeded(dotted),
            );
            return {
              message:
                `${code(step.name)} not found ${where}, but the key ${code(dotted)} exists: a \`.\` in a path ` +
                `separates keys, so a key containing dots must be quoted: ${code(suggestion)} ` +
                `(in YAML: path: ${yamlSingleQuoted(suggestion)}).`,
              offset: step.node.start,
              length: last.node.end - step.node.start,
              suggestion,
            };
          }
        }
        const best = closestKey(keys, step.name);
        const suggestion =
          best !== undefined
            ? replaceSpan(expr, step.node.start, step.node.end, quoteIdentifierIfNeeded(best))
            : undefined;
        return {
          message:
            `${code(quoteIdentifierIfNeeded(step.name))} not found ${where}; keys at this level: ${listKeys(cur)}` +
            (best !== undefined ? `; did you mean ${code(quoteIdentifierIfNeeded(best))}?` : '.') +
            ' Keys are case-sensitive.',
          ...span,
          ...(suggestion !== undefined ? { suggestion } : {}),
        };
      }
      if (prefix.length === 0) {
        return {
          message:
            `The secret's JSON value is ${typePhrase(cur)}, not an object, so ${code(quoteIdentifierIfNeeded(step.name))} selects nothing` +
            (typeof cur === 'string' ? '; `@` selects the whole string.' : '.'),
          ...span,
          ...(typeof cur === 'string' ? { suggestion: '@' } : {}),
        };
      }
      if (Array.isArray(cur)) {
        const first = cur[0];
        const suggestion =
          cur.length > 0 && isMap(first) && hasKey(first, step.name)
            ? `${expr.slice(0, prefixEnd)}[0].${expr.slice(step.node.start)}`
            : undefined;
        return {
          message:
            `${code(prefix)} is ${typePhrase(cur)}, not an object, so ${code(quoteIdentifierIfNeeded(step.name))} selects nothing. ` +
            `Pick an element first, e.g. ${code(`${prefix}[0].${quoteIdentifierIfNeeded(step.name)}`)}.`,
          ...span,
          ...(suggestion !== undefined && compilesLike(suggestion) ? { suggestion } : {}),
        };
      }
      return {
        message:
          `${code(prefix)} is ${typePhrase(cur)}, so it has no key ${code(quoteIdentifierIfNeeded(step.name))}` +
          (typeof cur === 'string' ? `; ${code(prefix)} alone selects the string.` : '.'),
        ...span,
        ...(typeof cur === 'string' && prefix.length > 0 ? { suggestion: prefix } : {}),
      };
    }
    // index step
    if (Array.isArray(cur)) {
      const n = step.index < 0 ? step.index + cur.length : step.index;
      if (n < 0 || n >= cur.length) {
        const suggestion =
          cur.length > 0 ? replaceSpan(expr, step.node.start, step.node.end, '0') : undefined;
        return {
          message: `${code(prefix || '@')} has ${cur.length} element${cur.length === 1 ? '' : 's'}, so index ${step.index} is out of range.`,
          ...span,
          ...(suggestion !== undefined ? { suggestion } : {}),
        };
      }
      const next = cur[n] ?? null;
      if (next === null)
        return {
          message: `Element ${step.index} of ${code(prefix || '@')} is null in this secret.`,
          ...span,
        };
      cur = next;
      continue;
    }
    if (isMap(cur)) {
      const k = firstStringKey(cur);
      const open = expr.lastIndexOf('[', step.node.start);
      const close = expr.indexOf(']', step.node.end);
      const suggestion =
        k !== undefined && open >= 0 && close >= 0
          ? replaceSpan(expr, open, close + 1, (prefix ? '.' : '') + quoteIdentifierIfNeeded(k))
          : undefined;
      return {
        message: `${code(prefix || '@')} is an object, not an array, so ${code(`[${step.index}]`)} selects nothing; its keys: ${listKeys(cur)}.`,
        ...span,
        ...(suggestion !== undefined && compilesLike(suggestion) ? { suggestion } : {}),
      };
    }
    return {
      message: `${code(prefix || '@')} is ${typePhrase(cur)}, not an array, so ${code(`[${step.index}]`)} selects nothing.`,
      ...span,
    };
  }
  return undefined;
}

function compilesLike(expr: string): boolean {
  return tryParse(expr).ok;
}

function isChain(ast: AstNode): boolean {
  const c = chainOf(ast);
  return c !== undefined && c.length > 0;
}

function notStringAdvice(expr: string, ast: AstNode, v: GoValue): { message: string; suggestion?: string } {
  const simple = isChain(ast);
  const then = (suffix: string): string => (simple ? `${expr}${suffix}` : `${expr} | @${suffix}`);
  if (typeof v === 'number' || typeof v === 'boolean') {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      return { message: 'It is not a finite number, which even to_string() cannot encode.' };
    }
    const s = `to_string(${expr})`;
    return {
      message: `To mount its JSON text use ${code(s)} (in YAML: path: ${yamlSingleQuoted(s)}).`,
      suggestion: s,
    };
  }
  if (isMap(v)) {
    const k = firstStringKey(v);
    if (k === undefined) return { message: 'The object is empty.' };
    const s = simple ? `${expr}.${quoteIdentifierIfNeeded(k)}` : `${expr} | ${quoteIdentifierIfNeeded(k)}`;
    return { message: `Its keys: ${listKeys(v)}; select one, e.g. ${code(s)}.`, suggestion: s };
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return { message: 'The array is empty.' };
    const allStrings = v.every((e) => typeof e === 'string');
    const first = v[0] ?? null;
    if (allStrings) {
      const j = `join(',', ${expr})`;
      return {
        message: `Select one element, e.g. ${code(then('[0]'))}, or join them into one string: ${code(j)}.`,
        suggestion: j,
      };
    }
    if (isMap(first)) {
      const k = firstStringKey(first);
      const s = k !== undefined ? then(`[0].${quoteIdentifierIfNeeded(k)}`) : then('[0]');
      return {
        message: `Its elements are objects; select an element and a key, e.g. ${code(s)}.`,
        suggestion: s,
      };
    }
    return { message: `Select one element, e.g. ${code(then('[0]'))}.`, suggestion: then('[0]') };
  }
  return { message: '' };
}

/** Checks a jmesPath against the value ASCP would fetch (secret string or parameter value). */
export function checkJmesContent(
  expr: string,
  valueText: string,
  alias: string,
  objectName: string,
): JmesIssue[] {
  const issues: JmesIssue[] = [];
  const whole = { offset: 0, length: expr.length };
  const decoded = decodeJsonLikeGo(valueText);
  if (!decoded.ok) {
    issues.push({
      code: 'secret-not-json',
      severity: 'error',
      message:
        `ASCP decodes the value of ${code(objectName)} as JSON before applying jmesPath, and it is not JSON ` +
        `(${formatHint(valueText)}; ${decoded.reason}), so the mount fails with ` +
        `"Invalid JSON used with jmesPath in secret: ${objectName}." ${ASCP_MOUNT_FAILS} Store the value as a ` +
        'JSON object, or remove jmesPath to mount the whole value as one file.',
      ...whole,
    });
  }
  const ce = compileError(expr);
  if (ce !== undefined) {
    issues.push({
      code:
        ce.crash === true
          ? 'jmespath-crash'
          : ce.unchecked === true
            ? 'jmespath-unchecked'
            : 'jmespath-syntax',
      severity: ce.unchecked === true ? 'information' : 'error',
      message: ce.message,
      offset: ce.offset,
      length: ce.length,
      ...(ce.suggestion !== undefined ? { suggestion: ce.suggestion } : {}),
    });
  }
  if (!decoded.ok || ce !== undefined) return issues;
  const parsed = tryParse(expr);
  if (!parsed.ok) return issues;
  const data = toGoValue(decoded.value);
  const ev = evaluateAst(expr, parsed.ast, data);
  const r = ev.first;
  const outcome = outcomeOf(r);
  if (outcome === 'null') {
    const steps = chainOf(parsed.ast);
    const d = steps !== undefined && steps.length > 0 ? diagnoseChain(expr, steps, data) : undefined;
    const generic = isMap(data)
      ? `The path selects nothing (null) in this secret; its top-level keys: ${listKeys(data)}.`
      : `The path selects nothing (null) in this secret, whose JSON value is ${typePhrase(data)}.`;
    issues.push({
      code: 'jmespath-no-value',
      severity: 'error',
      message:
        `${d?.message ?? generic} ASCP fails the mount with "JMES Path - ${expr} for object alias - ${alias} ` +
        `does not point to a valid object." ${ASCP_MOUNT_FAILS}`,
      offset: d?.offset ?? 0,
      length: d?.length ?? expr.length,
      ...(d?.suggestion !== undefined ? { suggestion: d.suggestion } : {}),
    });
  } else if (outcome === 'non-string' && r.kind === 'value') {
    const advice = notStringAdvice(expr, parsed.ast, r.value);
    issues.push({
      code: 'jmespath-not-string',
      severity: 'error',
      message:
        `In this secret the path selects ${typePhrase(r.value)}, not a string, so ASCP fails the mount with ` +
        `"Invalid JMES search result type for path:${expr}. Only string is allowed." ${ASCP_MOUNT_FAILS} ${advice.message}`.trim(),
      ...whole,
      ...(advice.suggestion !== undefined ? { suggestion: advice.suggestion } : {}),
    });
  } else if (outcome === 'error' && r.kind === 'error') {
    issues.push({
      code: 'jmespath-eval-error',
      severity: 'error',
      message:
        `With this secret go-jmespath fails while evaluating the path (${r.error.message}), so ASCP fails the ` +
        `mount with "Invalid JMES Path: ${expr}." ${ASCP_MOUNT_FAILS}`,
      ...whole,
    });
  } else if (r.kind === 'too-complex') {
    issues.push({
      code: 'jmespath-unchecked',
      severity: 'information',
      message:
        "The path or the value is nested too deeply for this checker to evaluate; ASCP's outcome is unknown here.",
      ...whole,
    });
  } else if (outcome === 'crash' && r.kind === 'panic') {
    issues.push({
      code: 'jmespath-crash',
      severity: 'error',
      message:
        `With this secret go-jmespath panics while evaluating the path (${r.message}). ASCP has no recover(), so ` +
        `the provider process crashes. ${ASCP_CRASH_MOUNT_FAILS}`,
      ...whole,
    });
  }
  if (ev.orderDependent) {
    issues.push({
      code: 'jmespath-order-dependent',
      severity: 'warning',
      message:
        "With this secret the result depends on Go's random map iteration order (`*`, `keys()` or `values()` on " +
        `an object with several keys): ASCP can mount different values on different mounts` +
        (ev.outcomes.length > 1 ? ' or fail on some of them' : '') +
        '. Select keys by name, or sort first (e.g. `sort(keys(@))`).',
      ...whole,
    });
  }
  return issues;
}
