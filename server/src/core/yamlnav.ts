// Small helpers over the `yaml` package's nodes (failsafe schema: every scalar is a string).
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { resolvePlainGo } from './goyaml';
import type { StrValue } from './model';
import type { Span } from './types';

export type Mapper = (start: number, end: number) => Span;
export const identity: Mapper = (start, end) => ({ start, end });

export function nodeSpan(node: Node | null | undefined, map: Mapper = identity): Span | undefined {
  if (!node || !node.range) return undefined;
  return map(node.range[0], node.range[1]);
}

export function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return k.value == null ? '' : String(k.value);
  return undefined;
}

export function getPair(map: YAMLMap | undefined, key: string): Pair | undefined {
  if (!map) return undefined;
  let found: Pair | undefined;
  for (const p of map.items) if (keyText(p) === key) found = p; // last one wins, as in Go decoding
  return found;
}

export function getMap(map: YAMLMap | undefined, key: string): YAMLMap | undefined {
  const v = getPair(map, key)?.value;
  return isMap(v) ? v : undefined;
}

export function getSeq(map: YAMLMap | undefined, key: string): YAMLSeq | undefined {
  const v = getPair(map, key)?.value;
  return isSeq(v) ? v : undefined;
}

/** A string-ish value the way Go (or the API server) would see it. */
export function strValueOf(pair: Pair, map: Mapper = identity, keyName?: string): StrValue {
  const k = pair.key as Node;
  const keySpan = nodeSpan(k, map) ?? { start: 0, end: 0 };
  const key = keyName ?? keyText(pair) ?? '';
  const v = pair.value as Node | null;
  if (v === null || v === undefined)
    return { value: '', span: keySpan, keySpan, key, kind: 'null', node: null };
  const span = nodeSpan(v, map) ?? keySpan;
  if (isMap(v)) return { value: '', span, keySpan, key, kind: 'map', node: v };
  if (isSeq(v)) return { value: '', span, keySpan, key, kind: 'seq', node: v };
  if (isScalar(v)) return scalarValue(v as Scalar, span, keySpan, key);
  return { value: '', span, keySpan, key, kind: 'null', node: v };
}

export function scalarValue(v: Scalar, span: Span, keySpan: Span, key: string): StrValue {
  const raw = v.value == null ? '' : String(v.value);
  if (v.type === 'PLAIN' && !(v.tag === '!!str' || v.tag === 'tag:yaml.org,2002:str')) {
    const r = resolvePlainGo(raw);
    const sv: StrValue = { value: r.asString, span, keySpan, key, kind: r.kind, node: v };
    if (r.kind !== 'string') sv.plainSource = raw;
    if (r.kind === 'null') sv.span = raw === '' ? keySpan : span;
    return sv;
  }
  return { value: raw, span, keySpan, key, kind: 'string', node: v };
}

export function plainString(node: Node | null | undefined): string | undefined {
  if (isScalar(node)) return node.value == null ? undefined : String(node.value);
  return undefined;
}
