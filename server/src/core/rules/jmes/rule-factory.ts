// Every jmesPath rule reports the issues of one code: from the static check of each path (no value
// needed) in checkClass, and from the content check (the value is known) in checkContent, without
// repeating what the static check already said for that path.
import type { Rule, RuleMeta } from '../rule';
import { spc } from '../rule';
import { contentIssues, issueSpan, pathFix, paths, staticIssues } from './shared';

export const RDS =
  '{"username":"app","password":"example-only","engine":"postgres","host":"db.example.internal","port":5432,"dbname":"orders"}';

/** A class with one secret entry and one jmesPath `path` (as written in YAML). */
export const entry = (path: string) =>
  spc(
    `- objectName: "prod/db/credentials"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: ${path}\n      objectAlias: OUT`,
  );

export function jmesRule(meta: RuleMeta, opts: { onJmesPathKey?: boolean } = {}): Rule {
  return {
    meta,
    checkClass(ctx) {
      for (const p of paths(ctx)) {
        for (const i of staticIssues(p.expr)) {
          if (i.code !== meta.code) continue;
          ctx.report({
            span: issueSpan(p.jmes, i),
            message: i.message,
            severity: i.severity,
            fixes: pathFix(ctx, p.jmes, i.suggestion),
          });
        }
      }
    },
    checkContent(ctx) {
      const reportedKeys = new Set<unknown>();
      for (const [j, issues] of contentIssues(ctx)) {
        const expr = j.path?.value ?? '';
        const already = new Set(
          staticIssues(expr)
            .filter((i) => i.code === meta.code)
            .map((i) => i.offset),
        );
        for (const i of issues) {
          if (i.code !== meta.code || already.has(i.offset)) continue;
          if (opts.onJmesPathKey) {
            const e = ctx.cls.objects?.entries.find((x) => x.jmesPath.includes(j));
            if (reportedKeys.has(e)) continue; // once per secret
            reportedKeys.add(e);
            ctx.report({
              span: e?.jmesPathKey?.keySpan ?? issueSpan(j, i),
              message: i.message,
              severity: i.severity,
            });
            continue;
          }
          ctx.report({
            span: issueSpan(j, i),
            message: i.message,
            severity: i.severity,
            fixes: pathFix(ctx, j, i.suggestion),
          });
        }
      }
    },
  };
}
