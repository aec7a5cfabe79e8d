// Quoting of keys as JMESPath identifiers, and YAML quoting of a path for messages.

const BARE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `username` stays as is; anything else becomes a JMESPath quoted identifier: `api-key` -> `"api-key"`. */
export function quoteIdentifierIfNeeded(key: string): string {
  if (BARE_IDENTIFIER.test(key)) return key;
  // JSON string syntax is what go-jmespath decodes quoted identifiers with.
  return JSON.stringify(key);
}

/** How to write a path as a YAML single-quoted scalar: `path: '"api-key"'`. */
export function yamlSingleQuoted(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A path written with backticks for messages, using a fence that cannot clash with its content. */
export function code(s: string): string {
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}
