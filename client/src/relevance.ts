// Which documents wake the language server: a YAML document that holds a SecretProviderClass or a
// Secrets Store CSI volume. Pure (no vscode import) so unit tests can use it.

const RELEVANT = /SecretProviderClass|secrets-store\.csi/;

/** Text longer than this is only searched in its first part (a huge file is not a manifest to edit). */
const MAX_SCAN = 2 * 1024 * 1024;

export function isRelevantText(text: string): boolean {
  return RELEVANT.test(text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text);
}

export const YAML_LANGUAGE = 'yaml';
/** The schemes the client serves: files on disk and unsaved buffers. */
export const SCHEMES = ['file', 'untitled'] as const;

export function isServedDocument(doc: { languageId: string; uri: { scheme: string } }): boolean {
  return doc.languageId === YAML_LANGUAGE && (SCHEMES as readonly string[]).includes(doc.uri.scheme);
}
