// The offline secret store: a JSON object mapping each objectName, exactly as the manifests write it
// (name or ARN), to a sample value. One format for `ascp-lint --secrets FILE` and the editor's
// `ascp.secretsFile`. Pure: the caller reads the text. Values stay in this object's memory; nothing
// here puts any part of one into a message.
import type { SecretLookup } from '../core/rules/rule';

export interface SecretStore extends SecretLookup {
  /** how many objectNames the store holds */
  readonly size: number;
}

export type ParsedStore = { ok: true; store: SecretStore } | { ok: false; reason: string };

/**
 * Parses the store. Values are strings; an object, array, number or boolean is taken as its JSON
 * text. The reason of a failure names no part of the text (JSON.parse's messages quote it).
 */
export function parseSecretStore(text: string): ParsedStore {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, reason: 'must be a JSON object mapping objectName to value' };
  const map = new Map<string, string>();
  for (const [k, v] of Object.entries(raw as Record<string, unknown>))
    map.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  return { ok: true, store: { get: (name) => map.get(name), size: map.size } };
}

/** A lookup that asks `first`, then `second` for what `first` does not hold. */
export function layered(first: SecretLookup, second: SecretLookup): SecretLookup {
  return { get: (n, t, w) => first.get(n, t, w) ?? second.get(n, t, w) };
}
