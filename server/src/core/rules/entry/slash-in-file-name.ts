import type { Rule } from '../rule';
import { q, spc } from '../rule';

export const slashInFileName: Rule = {
  meta: {
    code: 'slash-in-file-name',
    severity: 'error',
    title: 'A file name that still contains `/`',
    ascp: 'With `pathTranslation: "False"` (or `"/"`), ASCP keeps the interior slashes of a name or alias. In the default install ASCP writes each file itself with os.CreateTemp, which rejects a name containing a path separator (`createtemp app/prod/token: pattern contains path separator`), so the mount fails. Only with `--driver-writes-secrets=true` does the driver create subdirectories.',
    predicts: 'createtemp <name>: pattern contains path separator',
    fix: 'Set an `objectAlias` without `/`, or keep path translation on (remove `pathTranslation`). If your driver writes the files, set this rule to `ignore`.',
    source: 'server/server.go:393-422 (os.CreateTemp at 394); provider/secret_descriptor.go:118-132',
    examples: {
      trigger: spc('- objectName: "/app/prod/token"\n  objectType: "ssmparameter"', {
        pathTranslation: '"False"',
      }),
      nearMiss: spc('- objectName: "/token"\n  objectType: "ssmparameter"', { pathTranslation: '"False"' }),
    },
  },
  checkClass(ctx) {
    if (ctx.translation.mode === 'invalid') return;
    if (ctx.translation.mode === 'char' && ctx.translation.ch !== '/') return;
    for (const f of ctx.files) {
      if (!f.name.includes('/') || /(^|\/)\.\.(\/|$)/.test(f.name)) continue;
      ctx.report({
        span: f.span,
        message: `With path translation off, the file name ${q(f.name)} keeps its ${q('/')}: ASCP's writer rejects it (\`createtemp ${f.name}: pattern contains path separator\`) and the mount fails. Add an ${q('objectAlias')} without ${q('/')}.`,
      });
    }
  },
};
