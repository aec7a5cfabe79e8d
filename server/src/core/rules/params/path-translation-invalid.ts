import type { Rule } from '../rule';
import { q, spc } from '../rule';

export const pathTranslationInvalid: Rule = {
  meta: {
    code: 'path-translation-invalid',
    severity: 'error',
    title: '`pathTranslation` must be `False` or one character',
    ascp: "ASCP accepts an empty value (default `_`), `False` in any letter case (translation off), or exactly one byte; anything else fails the mount before any object is read: `pathTranslation must be either 'False' or a single character string`. The length is counted in bytes, so a multi-byte character such as `·` fails too.",
    predicts: "pathTranslation must be either 'False' or a single character string",
    fix: 'Use a single ASCII character such as `"_"` or `"-"`, or `"False"`.',
    source: 'provider/secret_descriptor.go:377-384',
    examples: {
      trigger: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', {
        pathTranslation: '"True"',
      }),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', {
        pathTranslation: '"-"',
      }),
    },
  },
  checkClass(ctx) {
    if (ctx.translation.mode !== 'invalid') return;
    const p = ctx.cls.params.get('pathTranslation');
    if (!p || p.value.kind !== 'string') return;
    const v = ctx.translation.value;
    const bytes = new TextEncoder().encode(v).length;
    ctx.report({
      span: p.value.span,
      message: `${q(v)} is neither ${q('False')} nor a single character${bytes > 1 && [...v].length === 1 ? ` (it is ${bytes} bytes in UTF-8; ASCP counts bytes)` : ''}: every mount fails with \`pathTranslation must be either 'False' or a single character string\`.`,
    });
  },
};
