// The shape of a decoded secret with every value redacted, and the paths in it that yield strings
// (for completion). Shapes hold key names, types and array lengths only.

import { quoteIdentifierIfNeeded } from './quote.js';
import type { JsonShape } from './types.js';
import { isMap } from './values.js';

const DEFAULT_DEPTH = 8;
const MAX_PATHS = 1000;

function mergeShapes(a: JsonShape, b: JsonShape): JsonShape {
  if (a.type !== b.type) return a;
  if (a.type === 'object') {
    const keys = [...(a.keys ?? [])];
    for (const k of b.keys ?? []) {
      const i = keys.findIndex((x) => x.name === k.name);
      const existing = keys[i];
      if (existing === undefined) keys.push(k);
      else keys[i] = { name: k.name, shape: mergeShapes(existing.shape, k.shape) };
    }
    return { type: 'object', keys };
  }
  if (a.type === 'array') {
    const items =
      a.items !== undefined && b.items !== undefined ? mergeShapes(a.items, b.items) : (a.items ?? b.items);
    return { type: 'array', length: a.length ?? 0, ...(items !== undefined ? { items } : {}) };
  }
  return a;
}

/**
 * The redacted shape of a decoded JSON value: types, key names and array lengths. Array items are the
 * merged shape of the elements of the first element's type. Below maxDepth only types are kept.
 */
export function shapeOf(value: unknown, maxDepth: number = DEFAULT_DEPTH): JsonShape {
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'string') return { type: 'string' };
  if (typeof value === 'number') return { type: 'number' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (Array.isArray(value)) {
    if (maxDepth <= 0) return { type: 'array', length: value.length };
    const shapes = value.map((e: unknown) => shapeOf(e, maxDepth - 1));
    const first = shapes[0];
    const items =
      first === undefined ? undefined : shapes.filter((s) => s.type === first.type).reduce(mergeShapes);
    return { type: 'array', length: value.length, ...(items !== undefined ? { items } : {}) };
  }
  if (isMap(value)) {
    if (maxDepth <= 0) return { type: 'object' };
    return {
      type: 'object',
      keys: Object.keys(value).map((name) => ({ name, shape: shapeOf(value[name], maxDepth - 1) })),
    };
  }
  return { type: 'null' };
}

/** Every path into the shape that yields a string, with keys quoted where JMESPath needs it. */
export function jmesPathsToStrings(shape: JsonShape): string[] {
  const out: string[] = [];
  const walk = (s: JsonShape, path: string): void => {
    if (out.length >= MAX_PATHS) return;
    switch (s.type) {
      case 'string':
        out.push(path === '' ? '@' : path);
        return;
      case 'object':
        for (const k of s.keys ?? []) {
          const q = quoteIdentifierIfNeeded(k.name);
          walk(k.shape, path === '' ? q : `${path}.${q}`);
        }
        return;
      case 'array':
        if (s.items !== undefined && (s.length ?? 1) > 0) walk(s.items, `${path}[0]`);
        return;
      default:
        return;
    }
  };
  walk(shape, '');
  return out;
}
