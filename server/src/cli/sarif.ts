// SARIF 2.1.0 output of ascp-lint, for GitHub code scanning and other SARIF viewers. One run; the
// driver lists every rule (so ruleIndex is stable); regions are 1-based lines and UTF-16 columns.
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileAnalysis } from '../core/analyze';
import { ALL_RULES } from '../core/rules/registry';
import { DOCS_BASE, docsUrl, type RuleMeta } from '../core/rules/rule';
import type { LineIndex } from '../core/text';
import type { Severity, Span } from '../core/types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
export const INFORMATION_URI = DOCS_BASE.replace(/\/blob\/.*$/, '');

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(s: Severity): SarifLevel {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface PhysicalLocation {
  artifactLocation: ArtifactLocation;
  region?: SarifRegion;
}

interface SarifLocation {
  id?: number;
  physicalLocation: PhysicalLocation;
  message?: { text: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
}

export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
}

export interface SarifNotification {
  level: SarifLevel;
  message: { text: string };
  locations?: SarifLocation[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; informationUri: string; rules: SarifRule[] } };
    columnKind: 'utf16CodeUnits';
    originalUriBaseIds?: Record<string, { uri: string }>;
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: SarifNotification[] }[];
    results: SarifResult[];
  }[];
}

export interface SarifOptions {
  /** the directory file ids are relative to: `%SRCROOT%` */
  cwd?: string;
  /** problems with the run itself (a skipped or unreadable file) */
  notifications?: { level: SarifLevel; message: string; file?: string }[];
  executionSuccessful?: boolean;
  rules?: readonly RuleMeta[];
}

/** A file id (a path relative to the working directory) as a SARIF URI reference. */
export function artifactLocation(id: string): ArtifactLocation {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(id)) return { uri: id };
  if (isAbsolute(id)) return { uri: pathToFileURL(id).href };
  const uri = id.split(sep).join('/').split('/').map(encodeURIComponent).join('/');
  return { uri, uriBaseId: SRCROOT };
}

export function sarifRegion(lines: LineIndex, span: Span): SarifRegion {
  const s = lines.positionAt(span.start);
  const e = lines.positionAt(span.end);
  return {
    startLine: s.line + 1,
    startColumn: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
  };
}

function sarifRule(m: RuleMeta): SarifRule {
  return {
    id: m.code,
    shortDescription: { text: m.title },
    fullDescription: { text: m.ascp },
    help: { text: m.fix, markdown: `${m.fix}\n\n[${m.code}](${docsUrl(m.code)})` },
    helpUri: docsUrl(m.code),
    defaultConfiguration: { level: sarifLevel(m.severity) },
  };
}

export function sarifLog(results: readonly FileAnalysis[], opts: SarifOptions = {}): SarifLog {
  const metas = [...(opts.rules ?? ALL_RULES.map((r) => r.meta))];
  const index = new Map<string, number>();
  metas.forEach((m, i) => {
    if (!index.has(m.code)) index.set(m.code, i);
  });
  const lineIndexes = new Map<string, LineIndex>(results.map((r) => [r.id, r.lines]));
  const out: SarifResult[] = [];
  for (const r of results) {
    if (r.skipped) continue;
    for (const d of r.diagnostics) {
      let ruleIndex = index.get(d.code);
      if (ruleIndex === undefined) {
        // A code no registered rule declares (a caller's own rules): describe it minimally.
        ruleIndex = metas.length;
        index.set(d.code, ruleIndex);
        metas.push({
          code: d.code,
          severity: d.severity,
          title: d.code,
          ascp: d.code,
          predicts: '',
          fix: d.code,
          examples: { trigger: '', nearMiss: '' },
        });
      }
      const result: SarifResult = {
        ruleId: d.code,
        ruleIndex,
        level: sarifLevel(d.severity),
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactLocation(r.id),
              region: sarifRegion(r.lines, d.span),
            },
          },
        ],
      };
      if (d.related && d.related.length > 0) {
        result.relatedLocations = d.related.map((rel, id) => {
          const file = rel.fileId ?? r.id;
          const lines = lineIndexes.get(file);
          const physicalLocation: PhysicalLocation = { artifactLocation: artifactLocation(file) };
          if (lines) physicalLocation.region = sarifRegion(lines, rel.span);
          return { id, physicalLocation, message: { text: rel.message } };
        });
      }
      out.push(result);
    }
  }
  const notifications: SarifNotification[] = (opts.notifications ?? []).map((n) => ({
    level: n.level,
    message: { text: n.message },
    ...(n.file ? { locations: [{ physicalLocation: { artifactLocation: artifactLocation(n.file) } }] } : {}),
  }));
  const invocation: SarifLog['runs'][number]['invocations'][number] = {
    executionSuccessful: opts.executionSuccessful ?? true,
  };
  if (notifications.length > 0) invocation.toolExecutionNotifications = notifications;
  const run: SarifLog['runs'][number] = {
    tool: { driver: { name: 'ascp-lint', informationUri: INFORMATION_URI, rules: metas.map(sarifRule) } },
    columnKind: 'utf16CodeUnits',
    invocations: [invocation],
    results: out,
  };
  if (opts.cwd) {
    const root = pathToFileURL(opts.cwd).href;
    run.originalUriBaseIds = { [SRCROOT]: { uri: root.endsWith('/') ? root : root + '/' } };
  }
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

export function formatSarif(results: readonly FileAnalysis[], opts: SarifOptions = {}): string {
  return JSON.stringify(sarifLog(results, opts), null, 2) + '\n';
}
