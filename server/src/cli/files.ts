// What every ascp-lint command shares: usage errors, option values, and reading the PATHs given.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SourceFile } from '../core/analyze';

/** A mistake on the command line or in its inputs: exit status 2. */
export class UsageError extends Error {}

/** Reads the value of option `name` at argv[i] (`--name value` or `--name=value`); returns the new index. */
export function optionValue(argv: string[], i: number, name: string): { value: string; next: number } {
  const a = argv[i] as string;
  const eq = a.indexOf('=');
  if (eq !== -1) return { value: a.slice(eq + 1), next: i };
  const v = argv[i + 1];
  if (v === undefined) throw new UsageError(`${name} needs a value`);
  return { value: v, next: i + 1 };
}

/** Is argv item `a` the option `name`, as `--name` or `--name=...`? */
export function isOption(a: string, name: string): boolean {
  return a === name || a.startsWith(name + '=');
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

function collect(path: string, out: string[], explicit: boolean): void {
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
      const p = join(path, name);
      const s = statSync(p);
      if (s.isDirectory()) collect(p, out, false);
      else if (/\.ya?ml$/i.test(name)) out.push(p);
    }
  } else if (explicit || /\.ya?ml$/i.test(path)) out.push(path);
}

/** The files the PATHs name: files as given, directories searched for *.yaml and *.yml. */
export function collectFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    try {
      collect(p, files, true);
    } catch (e) {
      throw new UsageError(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
  }
  return files;
}

/** Reads the files; ids are paths relative to `cwd`. Unreadable files are reported on stderr. */
export function readSources(
  files: string[],
  cwd: string,
  stderr: (s: string) => void,
): { sources: SourceFile[]; unreadable: string[] } {
  const sources: SourceFile[] = [];
  const unreadable: string[] = [];
  for (const f of files) {
    try {
      const text = readFileSync(f, 'utf8');
      sources.push({ id: relative(cwd, f) || f, text });
    } catch (e) {
      stderr(`ascp-lint: cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}\n`);
      unreadable.push(f);
    }
  }
  return { sources, unreadable };
}
