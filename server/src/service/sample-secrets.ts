// The skeleton of a sample secrets file (`ascp.secretsFile`, `ascp-lint --secrets`): every objectName of
// the classes given, mapped to a placeholder string, or, when entries read it with jmesPath, to a JSON
// object whose keys come from the paths (`database.host` gives nested objects, `hosts[1]` a list). A
// path that is not a chain of keys and list positions cannot become keys: it is listed with the reason.
// Pure; no secret value is read or written, only names and paths from the manifests.
import type { AstNode } from '../core/jmespath/ast';
import { tryParse } from '../core/jmespath/compile';
import type { ClassModel } from '../core/model';

export interface SampleSkip {
  objectName: string;
  path?: string;
  reason: string;
}

export interface SampleSkeleton {
  /** objectName -> placeholder string or an object built from the paths */
  value: Record<string, unknown>;
  objects: number;
  skipped: SampleSkip[];
}

/** The highest list position a path may name (a larger one would make a huge list of fillers). */
export const MAX_SAMPLE_INDEX = 99;
/** The most keys and positions one path may chain. */
export const MAX_SAMPLE_STEPS = 64;

type Step = string | number;

const TEMPLATED = /\{\{|\$\{/;

/** The keys and positions a path selects, or why it cannot be turned into keys. Iterative: no recursion. */
export function pathSteps(expr: string): { steps: Step[] } | { reason: string } {
  const parsed = tryParse(expr);
  if (!parsed.ok) return { reason: 'it does not compile (see jmespath-syntax)' };
  const steps: Step[] = [];
  // depth-first, left to right: a subexpression or an index expression is its left side, then its right
  const stack: AstNode[] = [parsed.ast];
  let first = true;
  while (stack.length > 0) {
    const n = stack.pop() as AstNode;
    if (steps.length > MAX_SAMPLE_STEPS) return { reason: `it chains more than ${MAX_SAMPLE_STEPS} keys` };
    if (n.type === 'ASTSubexpression' || n.type === 'ASTIndexExpression') {
      const [left, right] = n.children;
      if (!left || !right) return { reason: 'it is not a plain key path' };
      stack.push(right, left);
      continue;
    }
    if (n.type === 'ASTIdentity' && first)
      return { reason: 'it selects from a list at the top, not from a JSON object' };
    first = false;
    if (n.type === 'ASTField' && n.value.go === 'string') steps.push(n.value.s);
    else if (n.type === 'ASTIndex' && n.value.go === 'int') {
      if (n.value.n < 0)
        return { reason: 'a negative list position counts from an end the skeleton does not have' };
      if (n.value.n > MAX_SAMPLE_INDEX)
        return { reason: `list positions above ${MAX_SAMPLE_INDEX} are not sampled` };
      steps.push(n.value.n);
    } else
      return {
        reason:
          'it is not a plain key path: only keys (`a.b`, `"a-b"`) and list positions (`a[0]`) become keys; functions, filters, projections and `||` do not',
      };
  }
  return { steps };
}

const placeholder = (step: Step | undefined): string => (typeof step === 'string' ? `<${step}>` : '<sample>');

type Container = Record<string, unknown> | unknown[];

/** Objects without a prototype: a path key such as `__proto__` or `constructor` is a key like any other. */
const blank = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Adds a path's keys under `root`; returns why not when an earlier path made it something else. */
function insert(root: Record<string, unknown>, steps: Step[]): string | undefined {
  let node: Container = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as Step;
    const last = i === steps.length - 1;
    const next = steps[i + 1];
    const want = last ? 'string' : typeof next === 'number' ? 'list' : 'object';
    let child: unknown;
    if (typeof step === 'number') {
      const list = node as unknown[];
      while (list.length <= step) list.push(null);
      child = list[step];
    } else child = (node as Record<string, unknown>)[step];
    const have =
      child === undefined || child === null
        ? undefined
        : typeof child === 'string'
          ? 'string'
          : Array.isArray(child)
            ? 'list'
            : 'object';
    if (have !== undefined && have !== want)
      return `another path makes ${stepsText(steps.slice(0, i + 1))} ${have === 'string' ? 'a string' : `a${have === 'object' ? 'n object' : ' list'}`}`;
    if (have === undefined) {
      child = want === 'string' ? placeholder(step) : want === 'list' ? [] : blank();
      if (typeof step === 'number') (node as unknown[])[step] = child;
      else (node as Record<string, unknown>)[step] = child;
    }
    if (!last) node = child as Container;
  }
  return undefined;
}

function stepsText(steps: Step[]): string {
  return '`' + steps.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') + '`';
}

/** The skeleton for every objectName of these classes, in the order they appear. */
export function sampleSecrets(classes: ClassModel[]): SampleSkeleton {
  const value = blank();
  const skipped: SampleSkip[] = [];
  for (const cls of classes) {
    if (!cls.isAws) continue;
    for (const e of cls.objects?.entries ?? []) {
      if (e.isNull) continue;
      const name = e.objectName?.value ?? '';
      if (name === '') continue;
      if (TEMPLATED.test(name)) {
        skipped.push({ objectName: name, reason: 'the objectName is a template' });
        continue;
      }
      const paths = e.jmesPath.map((j) => j.path?.value ?? '').filter((p) => p !== '');
      if (paths.length === 0) {
        if (!(name in value)) value[name] = '<sample>';
        continue;
      }
      // a JSON value: an entry elsewhere that mounts it whole is content with that too
      if (!isObject(value[name])) value[name] = blank();
      const root = value[name] as Record<string, unknown>;
      for (const path of paths) {
        const r = pathSteps(path);
        const why = 'reason' in r ? r.reason : insert(root, r.steps);
        if (why !== undefined) skipped.push({ objectName: name, path, reason: why });
      }
    }
  }
  return { value, objects: Object.keys(value).length, skipped };
}
