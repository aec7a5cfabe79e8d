// Mounted file names and permissions, exactly as ASCP computes them (provider/secret_descriptor.go
// GetFileName, getJmesEntrySecretDescriptor, GetFilePermission).
import type { ClassModel, EntryModel, JmesEntryModel } from './model';
import type { Span } from './types';

export type Translation =
  { mode: 'char'; ch: string; explicit: boolean } | { mode: 'off' } | { mode: 'invalid'; value: string };

const utf8 = new TextEncoder();

/** `pathTranslation`: unset or "" -> "_"; "False" in any case -> off; else exactly one byte. */
export function translationOf(value: string | undefined): Translation {
  if (value === undefined || value === '') return { mode: 'char', ch: '_', explicit: false };
  if (value.toLowerCase() === 'false') return { mode: 'off' };
  if (utf8.encode(value).length === 1) return { mode: 'char', ch: value, explicit: true };
  return { mode: 'invalid', value };
}

export function classTranslation(cls: ClassModel, override?: string): Translation {
  return translationOf(override ?? cls.params.get('pathTranslation')?.value.value);
}

/** The file name ASCP writes for a name or alias. An invalid translation fails the mount; we preview with "_". */
export function fileNameFor(name: string, t: Translation): string {
  if (t.mode === 'off') return name.replace(/^\/+/, '');
  const ch = t.mode === 'char' ? t.ch : '_';
  return name.split('/').join(ch);
}

export interface MountedFile {
  name: string;
  /** what the file is named after (alias or objectName), as written */
  source: string;
  kind: 'object' | 'jmesPath';
  entry: EntryModel;
  jmes?: JmesEntryModel;
  /** where the name/alias that produces this file is written */
  span: Span;
  /** four octal digits, e.g. "0644" */
  permission: string;
}

export const DEFAULT_PERMISSION = '0644';

function permissionOf(v: string | undefined): string {
  if (!v || !/^[0-7]{4}$/.test(v)) return DEFAULT_PERMISSION;
  return '0' + v.slice(1); // the special-bits digit is accepted but not applied (os.FileMode)
}

/** Files one class writes, in declaration order (each entry, then its jmesPath files). */
export function classFiles(cls: ClassModel, t: Translation = classTranslation(cls)): MountedFile[] {
  const out: MountedFile[] = [];
  for (const e of cls.objects?.entries ?? []) {
    if (e.isNull) continue;
    const alias = e.objectAlias?.value ?? '';
    const source = alias !== '' ? alias : (e.objectName?.value ?? '');
    if (source === '') continue;
    const span = alias !== '' ? (e.objectAlias?.span as Span) : (e.objectName?.span as Span);
    out.push({
      name: fileNameFor(source, t),
      source,
      kind: 'object',
      entry: e,
      span,
      permission: permissionOf(e.filePermission?.value),
    });
    for (const j of e.jmesPath) {
      const ja = j.objectAlias?.value ?? '';
      if (ja === '') continue;
      const perm = j.filePermission?.value ? j.filePermission.value : e.filePermission?.value;
      out.push({
        name: fileNameFor(ja, t),
        source: ja,
        kind: 'jmesPath',
        entry: e,
        jmes: j,
        span: j.objectAlias?.span as Span,
        permission: permissionOf(perm),
      });
    }
  }
  return out;
}

/** POSIX join of a mount path and a file name, as filepath.Join would print it. */
export function joinMountPath(mountPath: string, file: string): string {
  const joined = `${mountPath.replace(/\/+$/, '')}/${file}`;
  return joined.replace(/\/{2,}/g, '/');
}
