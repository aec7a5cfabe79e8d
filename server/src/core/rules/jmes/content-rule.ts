// The content rules share one evaluation per path (contentIssues) and differ only in the code they report.
import type { Rule, RuleMeta } from '../rule';
import { spc } from '../rule';
import { contentIssues, issueSpan, pathFix } from './shared';

export const RDS =
  '{"username":"app","password":"example-only","engine":"postgres","host":"db.example.internal","port":5432,"dbname":"orders"}';
export const entry = (path: string) =>
  spc(
    `- objectName: "prod/db/credentials"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: ${path}\n      objectAlias: OUT`,
  );

export function contentRule(meta: RuleMeta, onKey = false): Rule {
  return {
    meta,
    checkContent(ctx) {
      for (const [j, issues] of contentIssues(ctx)) {
        for (const i of issues) {
          if (i.code !== meta.code) continue;
          const entryModel = ctx.cls.objects?.entries.find((e) => e.jmesPath.includes(j));
          const span = onKey ? (entryModel?.jmesPathKey?.keySpan ?? issueSpan(j, i)) : issueSpan(j, i);
          ctx.report({
            span,
            message: i.message,
            severity: i.severity,
            fixes: onKey ? [] : pathFix(ctx, j, i.suggestion),
          });
          if (onKey) return; // one report per secret is enough
        }
      }
    },
  };
}
