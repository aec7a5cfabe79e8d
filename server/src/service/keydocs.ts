// What ASCP does with each key a SecretProviderClass can hold: class parameters, `objects` entry fields,
// jmesPath fields and failoverObject fields. Short texts for hovers (markdown: backticks mark code).
// The texts are the `description`s of schemas/secretproviderclass.schema.json and
// schemas/objects.schema.json, bundled at build time (nothing is read at run time): the schemas, the
// hovers and completion cannot drift apart (test/unit/schemas.test.ts checks completion and the
// unknown-key rules against the same schemas).
import objectsSchema from '../../../schemas/objects.schema.json';
import classSchema from '../../../schemas/secretproviderclass.schema.json';

export type KeyScope = 'param' | 'entry' | 'jmesPath' | 'failoverObject';

export interface KeyDoc {
  /** the key as ASCP spells it */
  key: string;
  /** one or two sentences: what ASCP does with it */
  text: string;
}

/** A JSON schema's `properties`: each key's documentation. */
type Properties = Record<string, { description?: string }>;

function texts(properties: Properties): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, p] of Object.entries(properties)) if (p.description) out[key] = p.description;
  return out;
}

/** Where each scope's keys live in the schemas (also read by the drift test). */
export const SCHEMA_PROPERTIES: Record<KeyScope, Properties> = {
  param: classSchema.definitions.parameters.properties,
  entry: objectsSchema.definitions.entry.properties,
  jmesPath: objectsSchema.definitions.jmesPathEntry.properties,
  failoverObject: objectsSchema.definitions.failoverObject.properties,
};

const TABLES: Record<KeyScope, Record<string, string>> = {
  param: texts(SCHEMA_PROPERTIES.param),
  entry: texts(SCHEMA_PROPERTIES.entry),
  jmesPath: texts(SCHEMA_PROPERTIES.jmesPath),
  failoverObject: texts(SCHEMA_PROPERTIES.failoverObject),
};

/**
 * What ASCP does with `key` in `scope`. Parameter names are exact (ASCP's map lookups are case-sensitive);
 * keys inside `objects` match case-insensitively, as encoding/json matches struct fields.
 */
export function keyDoc(scope: KeyScope, key: string): KeyDoc | undefined {
  const table = TABLES[scope];
  if (scope === 'param') {
    const text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
    return text === undefined ? undefined : { key, text };
  }
  const lower = key.toLowerCase();
  for (const [k, text] of Object.entries(table)) if (k.toLowerCase() === lower) return { key: k, text };
  return undefined;
}

/** Every documented key of a scope, in schema order (for tests and completion). */
export function keyDocs(scope: KeyScope): KeyDoc[] {
  return Object.entries(TABLES[scope]).map(([key, text]) => ({ key, text }));
}
