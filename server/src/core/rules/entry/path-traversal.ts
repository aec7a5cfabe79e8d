import type { Rule } from '../rule';
import { q, spc } from '../rule';

const BAD_PATH = /(\/\.\.\/)|(^\.\.\/)|(\/\.\.$)/;

export const pathTraversal: Rule = {
  meta: {
    code: 'path-traversal',
    severity: 'error',
    title: 'A file name that climbs out of the mount with `../`',
    ascp: 'With `pathTranslation: "False"`, slashes stay in file names, and ASCP refuses any name containing a `..` path component: `path can not contain ../: <objectName>` (it prints objectName even when the alias is the culprit). jmesPath aliases are not checked by ASCP.',
    predicts: 'path can not contain ../: <objectName>',
    fix: 'Use an `objectAlias` without `..`, or keep path translation on.',
    source: 'provider/secret_descriptor.go:16,260-263',
    examples: {
      trigger: spc(
        '- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  objectAlias: "../escape"',
        { pathTranslation: '"False"' },
      ),
      nearMiss: spc(
        '- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  objectAlias: "escape"',
        { pathTranslation: '"False"' },
      ),
    },
  },
  checkClass(ctx) {
    for (const f of ctx.files) {
      if (!BAD_PATH.test(f.name)) continue;
      const name = f.entry.objectName?.value ?? '';
      ctx.report({
        span: f.span,
        message:
          f.kind === 'object'
            ? `File name ${q(f.name)} contains a ${q('..')} component: every mount fails with \`path can not contain ../: ${name}\`.`
            : `jmesPath alias ${q(f.name)} contains a ${q('..')} component; ASCP does not check jmesPath aliases, but the file cannot be written inside the mount.`,
      });
    }
  },
};
